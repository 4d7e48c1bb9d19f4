import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { AppConfig, ConfigError } from '@naskah/core';
import { padesSignerProvider } from '../../letters/document-signer.provider';
import { renderLetterPdf } from '../../rendering';
import type { LetterRenderInput } from '../../rendering/letter-render-input';
import { createLocalCa, issueSignerCertificate, LOCAL_CA_CN, UNCERTIFIED_OU, type IssuedCertificate } from './certificates';
import type { SigningCredentials } from './cms';
import { P12Error, readP12 } from './p12';
import { checkPdfSignature, embeddedCms, PADES_REASON, signPdf } from './pdf-signature';

const run = promisify(execFile);

/** pdfsig (poppler): a tool that did not make the PDF. Exit status 1 on an invalid signature; the report is on stdout either way. */
async function pdfsig(pdf: Buffer, ...args: string[]): Promise<string> {
  const file = join(dir, `doc-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  try {
    return (await run('pdfsig', [...args, file], { cwd: dir })).stdout;
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? '');
  }
}

/** openssl cms -verify over the signed ranges, trusting only `caPem`: another independent check of the chain. */
async function opensslVerifies(pdf: Buffer, caPem: string): Promise<boolean> {
  const found = embeddedCms(pdf)!;
  const [, b, c, d] = found.byteRange;
  const id = Math.random().toString(36).slice(2);
  writeFileSync(join(dir, `${id}.p7s`), found.cms);
  writeFileSync(join(dir, `${id}.content`), Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]));
  writeFileSync(join(dir, `${id}.ca.pem`), caPem);
  try {
    const { stderr } = await run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', `${id}.p7s`, '-content', `${id}.content`, '-CAfile', `${id}.ca.pem`, '-purpose', 'any', '-out', '/dev/null'], { cwd: dir });
    return stderr.includes('Verification successful');
  } catch {
    return false;
  }
}

const letter = (over: Partial<LetterRenderInput> = {}): LetterRenderInput => ({
  letterId: '4242',
  office: { name: 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA', address: 'Jalan Garuda Nomor 1, Sumbawa Besar', city: 'Sumbawa' },
  number: '7/PY.01.1-SD/5204/2026',
  date: new Date('2026-03-04T18:30:00.000Z'),
  typeName: 'Surat Dinas',
  securityClass: 'B',
  urgency: 'BIASA',
  attachmentsCount: 0,
  subject: 'Undangan rapat pleno',
  addressees: ['Ketua KPU Provinsi Nusa Tenggara Barat'],
  copies: [],
  body: 'Dengan hormat, kami mengundang Saudara Ṣalāḥ dan Nyoman Ayu Ketut.',
  signature: { capacityPrefix: '', positionTitle: 'KETUA', signerName: 'Ṣalāḥ Nyoman Ayu Ketut' },
  verificationUrl: 'https://naskah.example/verifikasi.html?t=AAAAAAAAAAAAAAAAAAAAAAAA',
  ...over,
});

const credentialsOf = (signer: IssuedCertificate, ...issuers: IssuedCertificate[]): SigningCredentials => ({
  privateKey: createPrivateKey(signer.privateKeyPem),
  chain: [signer, ...issuers].map((c) => new X509Certificate(c.certificatePem)),
});

let dir: string;
let ca: IssuedCertificate;
let position: IssuedCertificate;
let pdf: Buffer;
let signed: Buffer;
const signingTime = new Date('2026-03-04T18:31:05.000Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'naskah-pades-'));
  ca = await createLocalCa();
  position = await issueSignerCertificate(ca, { commonName: 'Ketua KPU Kabupaten Sumbawa', locality: 'Sumbawa' });
  pdf = await renderLetterPdf(letter());
  signed = await signPdf(pdf, credentialsOf(position, ca), { reason: PADES_REASON, name: 'Ṣalāḥ Nyoman Ayu Ketut', location: 'Sumbawa', signingTime });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PAdES signature inside a pdfkit PDF', () => {
  it('is shown by pdfsig as a valid ETSI.CAdES.detached signature over the whole document, by the position certificate', async () => {
    const out = await pdfsig(signed);
    expect(out).toContain('Signature #1:');
    expect(out).not.toContain('Signature #2:');
    expect(out).toContain('Signer Certificate Common Name: Ketua KPU Kabupaten Sumbawa');
    expect(out).toContain(`OU=${UNCERTIFIED_OU}`);
    expect(out).toMatch(/Signer full Distinguished Name: .*O=Komisi Pemilihan Umum - TIDAK TERSERTIFIKASI/);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Validation: Signature is Valid.');
    // the local CA is nobody's trust anchor but ours: a reader says so rather than "trusted"
    expect(out).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
    // the signed ranges are everything but the signature: [0 - b], [c - end of file]
    const [, b, c, d] = embeddedCms(signed)!.byteRange;
    expect(out).toContain(`Signed Ranges: [0 - ${b}], [${c} - ${c + d}]`);
    expect(c + d).toBe(signed.length);
  });

  it('keeps the rendered document as it was and adds the signature as an incremental update', () => {
    expect(signed.subarray(0, pdf.length - 1).equals(pdf.subarray(0, pdf.length - 1))).toBe(true);
    const text = signed.toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain(`/Reason (${PADES_REASON})`);
    expect(text).toContain('/Location (Sumbawa)');
    expect(text).toMatch(/\/M \(D:20260304/); // the claimed signing time lives in the dictionary (PAdES B-B)
    // the signer's name with its diacritics, as a UTF-16 text string (what a reader's signature panel shows)
    const name = /\/Name <FEFF([0-9A-F]+)>/.exec(text);
    expect(Buffer.from(name![1], 'hex').swap16().toString('utf16le')).toBe('Ṣalāḥ Nyoman Ayu Ketut');
  });

  it('chains to the local CA, as openssl (another independent tool) checks, and not to another CA', async () => {
    expect(await opensslVerifies(signed, ca.certificatePem)).toBe(true);
    expect(await opensslVerifies(signed, (await createLocalCa()).certificatePem)).toBe(false);
    writeFileSync(join(dir, 'chain.p7s'), embeddedCms(signed)!.cms);
    const { stdout: printed } = await run('openssl', ['pkcs7', '-inform', 'DER', '-in', 'chain.p7s', '-print_certs', '-noout'], { cwd: dir });
    // the signer's certificate and the local CA's, the signer's issued by the CA
    expect(printed).toContain(`subject=C = ID, L = Sumbawa, O = Komisi Pemilihan Umum - TIDAK TERSERTIFIKASI, OU = ${UNCERTIFIED_OU}, CN = Ketua KPU Kabupaten Sumbawa\nissuer=C = ID, O = Komisi Pemilihan Umum - TIDAK TERSERTIFIKASI, OU = ${UNCERTIFIED_OU}, CN = ${LOCAL_CA_CN}`);
    const check = checkPdfSignature(signed, [new X509Certificate(ca.certificatePem)]);
    expect(check).toMatchObject({ valid: true, failure: null });
    expect(check.signer!.subject).toContain('CN=Ketua KPU Kabupaten Sumbawa');
    expect(check.signer!.issuer).toContain(`CN=${LOCAL_CA_CN}`);
    expect(check.anchor!.subject).toContain(`OU=${UNCERTIFIED_OU}`);
    // the certificate: digitalSignature + nonRepudiation, not a CA, two years
    const cert = new X509Certificate(position.certificatePem);
    expect(cert.ca).toBe(false);
    expect(new X509Certificate(ca.certificatePem).ca).toBe(true);
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365 * 86_400_000);
    expect(years).toBeCloseTo(2, 1);
    const fc = forge.pki.certificateFromPem(position.certificatePem);
    expect(fc.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, nonRepudiation: true, keyCertSign: false, critical: true });
    expect((fc.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(3072);
  });

  it('carries the PAdES B-B signed attributes: signing-certificate-v2, no signing-time', async () => {
    writeFileSync(join(dir, 'attrs.p7s'), embeddedCms(signed)!.cms);
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'attrs.p7s'], { cwd: dir });
    expect(stdout).toContain('id-smime-aa-signingCertificateV2');
    expect(stdout).toContain('messageDigest');
    expect(stdout).toContain('contentType');
    expect(stdout).not.toContain('signingTime');
  });

  it('is invalid, for pdfsig and for our check, when one byte inside the signed range changes', async () => {
    const [, b, c] = embeddedCms(signed)!.byteRange;
    for (const at of [Math.floor(b / 2), c + 10]) {
      const tampered = Buffer.from(signed);
      tampered[at] ^= 0x01;
      expect(await pdfsig(tampered)).toContain('Signature Validation: Digest Mismatch.');
      expect(checkPdfSignature(tampered, [new X509Certificate(ca.certificatePem)])).toMatchObject({ valid: false, failure: 'ALTERED' });
    }
  });

  it('is invalid when bytes are appended after signing, or the signature is not from a trusted CA', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% ditambahkan\n')]);
    expect(await pdfsig(appended)).not.toContain('Total document signed');
    expect(checkPdfSignature(appended, [new X509Certificate(ca.certificatePem)])).toMatchObject({ valid: false, failure: 'PARTIAL' });
    expect(checkPdfSignature(signed, [new X509Certificate((await createLocalCa()).certificatePem)])).toMatchObject({ valid: false, failure: 'UNTRUSTED' });
    expect(checkPdfSignature(pdf, [new X509Certificate(ca.certificatePem)])).toMatchObject({ valid: false, failure: 'ABSENT' });
    // a signature swapped in from another signed PDF does not fit this one
    const other = await signPdf(await renderLetterPdf(letter({ subject: 'Surat lain' })), credentialsOf(position, ca), { reason: PADES_REASON, name: 'X', location: 'Sumbawa', signingTime });
    const mine = embeddedCms(signed)!;
    const theirs = embeddedCms(other)!;
    const swapped = Buffer.from(signed);
    const hex = Buffer.from(theirs.cms.toString('hex').padEnd(mine.byteRange[2] - mine.byteRange[1] - 2, '0'), 'latin1');
    hex.copy(swapped, mine.byteRange[1] + 1);
    expect(checkPdfSignature(swapped, [new X509Certificate(ca.certificatePem)])).toMatchObject({ valid: false, failure: 'ALTERED' });
  });
});

describe('a PKCS#12 from configuration (a real CA)', () => {
  /** A CA and an RSA signer as a PKCS#12 made with node-forge, like a BSrE export. */
  async function forgeP12(password: string): Promise<{ p12: Buffer; caPem: string }> {
    const realCa = await createLocalCa();
    const signer = await issueSignerCertificate(realCa, { commonName: 'Dr. Ṣalāḥ Nyoman (BSrE uji)' });
    const asn1 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(createPrivateKey(signer.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString()),
      [forge.pki.certificateFromPem(signer.certificatePem), forge.pki.certificateFromPem(realCa.certificatePem)],
      password,
      { algorithm: '3des' },
    );
    return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), caPem: realCa.certificatePem };
  }

  it('signs with the PKCS#12 certificate and chains to its CA (RSA, made by node-forge)', async () => {
    const { p12, caPem } = await forgeP12('kata sandi rahasia');
    const creds = readP12(p12, 'kata sandi rahasia');
    expect(creds.chain).toHaveLength(2);
    const out = await signPdf(pdf, creds, { reason: PADES_REASON, name: 'Dr. Ṣalāḥ', location: 'Jakarta', signingTime });
    const report = await pdfsig(out);
    expect(report).toContain('Signer Certificate Common Name: Dr. Ṣalāḥ Nyoman (BSrE uji)');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(await opensslVerifies(out, caPem)).toBe(true);
    expect(checkPdfSignature(out, [new X509Certificate(caPem)])).toMatchObject({ valid: true });
    expect(checkPdfSignature(out, [new X509Certificate(ca.certificatePem)])).toMatchObject({ valid: false, failure: 'UNTRUSTED' });
  });

  it('signs with an EC key from an openssl-made PKCS#12 (AES, PBKDF2)', async () => {
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ec.key', '-out', 'ec.crt', '-subj', '/CN=Penanda Tangan EC/O=Uji PSrE', '-days', '30'], { cwd: dir });
    await run('openssl', ['pkcs12', '-export', '-inkey', 'ec.key', '-in', 'ec.crt', '-out', 'ec.p12', '-passout', 'pass:rahasia'], { cwd: dir });
    const creds = readP12(readFileSync(join(dir, 'ec.p12')), 'rahasia');
    expect(creds.privateKey.asymmetricKeyType).toBe('ec');
    const out = await signPdf(pdf, creds, { reason: PADES_REASON, name: 'EC', location: 'Jakarta', signingTime });
    const report = await pdfsig(out);
    expect(report).toContain('Signer Certificate Common Name: Penanda Tangan EC');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(checkPdfSignature(out, creds.chain)).toMatchObject({ valid: true });
  });

  it('stops the boot of the API or the worker when the configured PKCS#12 cannot be opened, naming the variable', async () => {
    const { p12 } = await forgeP12('benar');
    writeFileSync(join(dir, 'boot.p12'), p12);
    writeFileSync(join(dir, 'boot.password'), 'keliru\n', { mode: 0o600 });
    const config = Object.assign(new AppConfig(), { SIGNING_P12_PATH: join(dir, 'boot.p12'), SIGNING_P12_PASSWORD_FILE: join(dir, 'boot.password'), SIGNING_KEYS_DIR: dir });
    const boot = () => padesSignerProvider.useFactory({} as never, config);
    expect(boot).toThrow(ConfigError);
    expect(boot).toThrow(/SIGNING_P12_PATH=".*boot\.p12": berkas PKCS#12 tidak dapat dibuka: kata sandi salah/);
    writeFileSync(join(dir, 'boot.password'), 'benar\n');
    expect(boot().mode).toBe('configured');
    expect(padesSignerProvider.useFactory({} as never, Object.assign(new AppConfig(), { SIGNING_KEYS_DIR: dir })).mode).toBe('local-ca');
  });

  it('refuses a wrong password or a file that is not PKCS#12, without echoing the password', async () => {
    const { p12 } = await forgeP12('benar');
    expect(() => readP12(p12, 'salah-sekali')).toThrow(P12Error);
    expect(() => readP12(p12, 'salah-sekali')).toThrow(/kata sandi salah/);
    try {
      readP12(p12, 'salah-sekali');
    } catch (err) {
      expect((err as Error).message).not.toContain('salah-sekali');
    }
    expect(() => readP12(Buffer.from('bukan pkcs12'), 'x')).toThrow(/bukan PKCS#12/);
  });
});
