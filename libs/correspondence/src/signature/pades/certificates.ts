import { createPrivateKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** Every certificate the local CA makes says, in its subject, that it is not a certified signature. */
export const UNCERTIFIED_OU = 'Tanda Tangan Elektronik Tidak Tersertifikasi';
export const UNCERTIFIED_O = 'Komisi Pemilihan Umum - TIDAK TERSERTIFIKASI';
export const LOCAL_CA_CN = 'Naskah CA Lokal - TIDAK TERSERTIFIKASI';

/** RSA 3072: the local CA signs certificates with node-forge, which only does RSA. */
export const LOCAL_KEY_BITS = 3072;
const DAY = 86_400_000;
export const LOCAL_CA_VALIDITY_DAYS = 20 * 365;
export const SIGNER_VALIDITY_DAYS = 2 * 365;
/** X.520 upper bound of a commonName. */
const CN_MAX = 64;

/** A certificate and its private key, as PEM. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

interface Subject {
  commonName: string;
  locality?: string;
}

function utf8(shortName: string, value: string) {
  return { shortName, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as number };
}

function subjectAttributes(s: Subject) {
  return [
    { shortName: 'C', value: 'ID' },
    ...(s.locality ? [utf8('L', s.locality)] : []),
    utf8('O', UNCERTIFIED_O),
    utf8('OU', UNCERTIFIED_OU),
    utf8('CN', commonName(s.commonName)),
  ];
}

/** The commonName as a certificate holds it: one line, at most 64 characters (cut with "…"). */
export function commonName(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return [...one].length <= CN_MAX ? one : `${[...one].slice(0, CN_MAX - 1).join('').trimEnd()}…`;
}

/** A positive 128-bit serial number (hex). */
function serialNumber(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f;
  if (b[0] === 0) b[0] = 1;
  return b.toString('hex');
}

const generateRsa = promisify(generateKeyPair);

/** A new RSA key pair, generated off the event loop (~1 s for 3072 bits: it must not stall the worker's other jobs). */
async function rsaKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: LOCAL_KEY_BITS });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function newCertificate(publicKeyPem: string, subject: Subject, now: Date, days: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  cert.validity.notAfter = new Date(cert.validity.notBefore.getTime() + days * DAY);
  cert.setSubject(subjectAttributes(subject) as forge.pki.CertificateField[]);
  return cert;
}

/** A self-signed local CA (basicConstraints CA, path length 0; keyCertSign, cRLSign). */
export async function createLocalCa(now = new Date()): Promise<IssuedCertificate> {
  const keys = await rsaKeyPair();
  const cert = newCertificate(keys.publicKeyPem, { commonName: LOCAL_CA_CN }, now, LOCAL_CA_VALIDITY_DAYS);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKeyPem };
}

/** A signing certificate for one signer position, issued by the local CA (digitalSignature + nonRepudiation, not a CA). */
export async function issueSignerCertificate(ca: IssuedCertificate, subject: Subject, now = new Date()): Promise<IssuedCertificate> {
  const keys = await rsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = newCertificate(keys.publicKeyPem, subject, now, SIGNER_VALIDITY_DAYS);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(toPkcs1Pem(ca.privateKeyPem)), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKeyPem };
}

/** node-forge reads RSA keys as PKCS#1 or PKCS#8 PEM; node writes PKCS#8: pass it through node for either. */
function toPkcs1Pem(pem: string): string {
  return createPrivateKey(pem).export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** Whether a certificate is still good for at least `marginDays` after `now`. */
export function validFor(cert: X509Certificate, now: Date, marginDays: number): boolean {
  return new Date(cert.validFrom).getTime() <= now.getTime() + 60_000 && new Date(cert.validTo).getTime() > now.getTime() + marginDays * DAY;
}

export function privateKeyOf(pem: string): KeyObject {
  return createPrivateKey(pem);
}
