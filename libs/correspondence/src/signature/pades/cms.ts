import { createHash, sign as cryptoSign, verify as cryptoVerify, type KeyObject, type X509Certificate } from 'node:crypto';
import { children, DerError, expectTag, integer, oid, oidToString, read, setOf, TAG, tlv, type Node } from './der';

/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached):
 * detached content (the PDF's ByteRange), SHA-256, signed attributes content-type,
 * message-digest and ESS signing-certificate-v2 — and no signing-time attribute (B-B puts the
 * claimed signing time in the signature dictionary's /M). Built and read with the small DER
 * helpers in der.ts, so the signed attribute bytes are exactly what is on the wire.
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const;

const DIGESTS: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/** A private key and its certificate chain: the signer's certificate first, then its issuers (as far as known). */
export interface SigningCredentials {
  privateKey: KeyObject;
  chain: X509Certificate[];
}

/** The issuer Name and serialNumber of a certificate, as their raw DER. */
export function issuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const cert = expectTag(read(certDer), TAG.SEQUENCE, 'certificate');
  const tbs = children(expectTag(children(cert)[0], TAG.SEQUENCE, 'tbsCertificate'));
  const i = tbs[0]?.tag === TAG.CONTEXT_0 ? 1 : 0; // explicit version
  return { serial: expectTag(tbs[i], TAG.INTEGER, 'serialNumber').raw, issuer: expectTag(tbs[i + 2], TAG.SEQUENCE, 'issuer').raw };
}

const attribute = (type: string, value: Buffer) => tlv(TAG.SEQUENCE, oid(type), tlv(TAG.SET, value));

/** A detached CAdES signature (DER ContentInfo) over `content`: the PDF bytes of the ByteRange. */
export function cadesDetachedSignature(content: Buffer, { privateKey, chain }: SigningCredentials): Buffer {
  const [cert] = chain;
  if (!cert) throw new Error('signing credentials without a certificate');
  const certDer = cert.raw;
  const { issuer, serial } = issuerAndSerial(certDer);
  const essCertIdV2 = tlv(
    TAG.SEQUENCE,
    tlv(TAG.OCTET_STRING, createHash('sha256').update(certDer).digest()), // hashAlgorithm omitted: DEFAULT sha256
    tlv(TAG.SEQUENCE, tlv(TAG.SEQUENCE, tlv(TAG.CONTEXT_4, issuer)), serial),
  );
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, tlv(TAG.OCTET_STRING, createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, tlv(TAG.SEQUENCE, tlv(TAG.SEQUENCE, essCertIdV2))),
  ];
  const signedAttrs = setOf(TAG.SET, attrs); // signed as a SET (RFC 5652 5.4), stored as [0] IMPLICIT
  const ec = privateKey.asymmetricKeyType === 'ec';
  if (!ec && privateKey.asymmetricKeyType !== 'rsa') throw new Error(`unsupported signing key type ${privateKey.asymmetricKeyType}`);
  const signature = cryptoSign('sha256', signedAttrs, privateKey);
  const sha256Alg = tlv(TAG.SEQUENCE, oid(OID.sha256));
  const signerInfo = tlv(
    TAG.SEQUENCE,
    integer(1),
    tlv(TAG.SEQUENCE, issuer, serial),
    sha256Alg,
    Buffer.concat([Buffer.from([TAG.CONTEXT_0]), signedAttrs.subarray(1)]),
    ec ? tlv(TAG.SEQUENCE, oid(OID.ecdsaWithSHA256)) : tlv(TAG.SEQUENCE, oid(OID.rsaEncryption), tlv(TAG.NULL)),
    tlv(TAG.OCTET_STRING, signature),
  );
  const signedData = tlv(
    TAG.SEQUENCE,
    integer(1),
    tlv(TAG.SET, sha256Alg),
    tlv(TAG.SEQUENCE, oid(OID.data)),
    setOf(TAG.CONTEXT_0, chain.map((c) => c.raw)),
    tlv(TAG.SET, signerInfo),
  );
  return tlv(TAG.SEQUENCE, oid(OID.signedData), tlv(TAG.CONTEXT_0, signedData));
}

/** What a detached CMS signature says about `content`. */
export interface CmsCheck {
  /** The message digest in the signed attributes is the digest of `content`. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's certificate (and names that certificate). */
  signatureValid: boolean;
  /** The signer's certificate, found in the CMS by issuer and serial number. */
  signer: X509Certificate | null;
  /** Every certificate the CMS carries. */
  certificates: X509Certificate[];
}

/** Verifies a detached CMS SignedData (DER, trailing zero padding allowed) over `content`. Throws DerError when it is not one. */
export function checkDetachedCms(cms: Buffer, content: Buffer, toCertificate: (der: Buffer) => X509Certificate): CmsCheck {
  const info = children(expectTag(read(cms), TAG.SEQUENCE, 'ContentInfo'));
  if (oidToString(expectTag(info[0], TAG.OID, 'contentType').content) !== OID.signedData) throw new DerError('not SignedData');
  const sd = children(expectTag(children(expectTag(info[1], TAG.CONTEXT_0, 'content'))[0], TAG.SEQUENCE, 'SignedData'));
  const certNode = sd.find((n) => n.tag === TAG.CONTEXT_0);
  const certificates = certNode ? children(certNode).filter((n) => n.tag === TAG.SEQUENCE).map((n) => toCertificate(Buffer.from(n.raw))) : [];
  const signerInfos = children(expectTag(sd[sd.length - 1], TAG.SET, 'signerInfos'));
  if (signerInfos.length !== 1) throw new DerError('expected exactly one signer');
  const si = children(expectTag(signerInfos[0], TAG.SEQUENCE, 'SignerInfo'));
  const sid = expectTag(si[1], TAG.SEQUENCE, 'sid');
  const digestName = DIGESTS[oidToString(expectTag(children(expectTag(si[2], TAG.SEQUENCE, 'digestAlgorithm'))[0], TAG.OID, 'digestAlgorithm').content)];
  if (!digestName) throw new DerError('unsupported digest algorithm');
  const attrsNode = expectTag(si[3], TAG.CONTEXT_0, 'signedAttrs');
  const signature = expectTag(si[5], TAG.OCTET_STRING, 'signature').content;

  const attrs = new Map<string, Node>();
  for (const a of children(attrsNode)) {
    const [type, values] = children(expectTag(a, TAG.SEQUENCE, 'attribute'));
    attrs.set(oidToString(expectTag(type, TAG.OID, 'attribute type').content), children(expectTag(values, TAG.SET, 'attribute values'))[0]);
  }
  const md = attrs.get(OID.messageDigest);
  const ct = attrs.get(OID.contentType);
  const digestMatches =
    !!md && md.tag === TAG.OCTET_STRING && md.content.equals(createHash(digestName).update(content).digest()) && !!ct && oidToString(ct.content) === OID.data;

  const signer =
    certificates.find((c) => {
      const { issuer, serial } = issuerAndSerial(c.raw);
      return Buffer.concat([issuer, serial]).equals(sid.content);
    }) ?? null;
  let signatureValid = false;
  if (signer) {
    const signedBytes = Buffer.concat([Buffer.from([TAG.SET]), attrsNode.raw.subarray(1)]);
    try {
      signatureValid = cryptoVerify(digestName, signedBytes, signer.publicKey, signature);
    } catch {
      signatureValid = false;
    }
    const ess = attrs.get(OID.signingCertificateV2);
    if (signatureValid && ess) signatureValid = essNamesCertificate(ess, signer.raw);
  }
  return { digestMatches, signatureValid, signer, certificates };
}

/** The ESS signing-certificate-v2 attribute's first ESSCertIDv2 holds the signer certificate's hash. */
function essNamesCertificate(ess: Node, certDer: Buffer): boolean {
  const certs = children(expectTag(children(expectTag(ess, TAG.SEQUENCE, 'SigningCertificateV2'))[0], TAG.SEQUENCE, 'certs'));
  const id = children(expectTag(certs[0], TAG.SEQUENCE, 'ESSCertIDv2'));
  let alg = 'sha256';
  let i = 0;
  if (id[0]?.tag === TAG.SEQUENCE) {
    alg = DIGESTS[oidToString(children(id[0])[0].content)] ?? '';
    i = 1;
  }
  if (!alg) return false;
  return expectTag(id[i], TAG.OCTET_STRING, 'certHash').content.equals(createHash(alg).update(certDer).digest());
}
