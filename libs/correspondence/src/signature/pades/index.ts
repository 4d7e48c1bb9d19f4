export { cadesDetachedSignature, checkDetachedCms, type SigningCredentials } from './cms';
export { commonName, LOCAL_CA_CN, LOCAL_KEY_BITS, UNCERTIFIED_O, UNCERTIFIED_OU } from './certificates';
export { P12Error, readP12 } from './p12';
export { checkPdfSignature, embeddedCms, PADES_REASON, signPdf, type EmbeddedSignatureCheck, type EmbeddedSignatureFailure } from './pdf-signature';
export { cnOf, oneLine, PadesKeyMissingError, PadesSigner, type PadesSignerOptions, type SignerIdentity } from './pades-signer';
