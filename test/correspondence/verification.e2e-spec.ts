import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { LettersRepository, LetterWorkNotices, PadesSigner, RenderLetterJob } from '@naskah/correspondence';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { Http, startApi } from '@naskah/testing';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { pdfText } from '../../libs/correspondence/src/rendering/pdf-tools';

const run = promisify(execFile);

/** The text printed on a PDF's pages (read back with pdftotext), whitespace removed so wrapped lines join. */
function printedText(pdf: Buffer): string {
  return pdfText(pdf).replace(/\s+/g, '');
}
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Public verification (issue 10, items 8 and 9): by an unguessable token only, R/SR verdict-only, keys that rotate. */
describe('public verification of signed letters', () => {
  let http: Http;
  let render: RenderLetterJob;
  let drafter: string;

  beforeAll(async () => {
    http = await startApi();
    const app = http.app;
    render = new RenderLetterJob(http.ds, app.get(LettersRepository), app.get(OrganisationService), app.get(FilesService), app.get(AuditService), app.get(AppConfig), app.get(DOCUMENT_SIGNER), app.get(LetterWorkNotices), app.get(PadesSigner));
    drafter = await http.login('kasubbag.umum.5204'); // drafter (KASUBBAG-KUL) of the 5204 fixtures
  });
  afterAll(() => http.close());

  /** A signed letter of KPU Kabupaten Sumbawa, rendered by the real job; its token as a signed-in drafter sees it. */
  async function signedLetter(securityClass: 'B' | 'T' | 'R' | 'SR', subject = 'Perkara hukum PHPU (uji verifikasi)') {
    const { letterId, number } = await insertSignedLetterFixture(http.ds, { office: '5204', securityClass, subject, to: [{ office: '52' }], rendered: false });
    await render.run({ letterId });
    const detail = await http.request('GET', `/api/letters/${letterId}`, { token: drafter });
    expect(detail.status).toBe(200);
    return { letterId, number, token: String(detail.body.verificationToken) };
  }

  const pdfOf = async (letterId: string) =>
    (await http.app.inject({ method: 'GET', url: `/api/letters/${letterId}/pdf`, headers: { authorization: `Bearer ${drafter}` } })).rawPayload;

  async function upload(bytes: Buffer) {
    const boundary = 'naskahverify';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="n.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await http.app.inject({ method: 'POST', url: '/api/verify', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    return { status: res.statusCode, body: res.json() };
  }

  /** Runs the real `npm run keys:rotate` command against this worker's database and key directory. */
  async function rotateKeys(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'scripts/keys-rotate.ts', ...args], { env: process.env, cwd: join(__dirname, '..', '..') });
    return stdout;
  }

  /** The documented signed payload (README "What is signed"), rebuilt by hand from the public answer. */
  function signedText(a: Record<string, string>): string {
    return JSON.stringify({
      capacity: a.capacity, documentSha256: a.documentSha256, letterId: a.letterId, number: a.number,
      signedAt: a.signedAt, signerName: a.signerName, signerPosition: a.signerTitle,
    });
  }

  it('answers by token only: a letter id (or any unknown value) is 404 for every letter, Biasa or Rahasia', async () => {
    const biasa = await signedLetter('B');
    const rahasia = await signedLetter('R');
    for (const { letterId } of [biasa, rahasia]) {
      const byId = await http.request('GET', `/api/verify/${letterId}`);
      expect(byId.status).toBe(404);
      expect(byId.body.code).toBe('VERIFICATION_LINK_NOT_FOUND');
      expect(JSON.stringify(byId.body)).not.toContain(biasa.number);
    }
    for (const bad of ['0', '1', 'A'.repeat(24), `${biasa.token.slice(0, -1)}${biasa.token.endsWith('A') ? 'B' : 'A'}`, biasa.token.toLowerCase() === biasa.token ? biasa.token.toUpperCase() : biasa.token.toLowerCase()]) {
      expect((await http.request('GET', `/api/verify/${encodeURIComponent(bad)}`)).status).toBe(404);
    }
    const ok = await http.request('GET', `/api/verify/${biasa.token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, authentic: true, unaltered: true, restricted: false, number: biasa.number, letterId: biasa.letterId });
  });

  it('gives two letters unrelated tokens of at least 22 base64url characters (128 bits)', async () => {
    const a = await signedLetter('B');
    const b = await signedLetter('B');
    for (const t of [a.token, b.token]) {
      expect(t).toMatch(BASE64URL);
      expect(t.length).toBeGreaterThanOrEqual(22);
      expect(Buffer.from(t, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(a.token).not.toBe(b.token);
    // unrelated although the letters' ids are consecutive: about half of the bits differ (random: 72 of 144 expected)
    const [x, y] = [Buffer.from(a.token, 'base64url'), Buffer.from(b.token, 'base64url')];
    let differing = 0;
    for (let i = 0; i < x.length; i++) for (let v = x[i] ^ y[i]; v; v >>= 1) differing += v & 1;
    expect(differing).toBeGreaterThan(x.length * 8 * 0.25);
    // the printed QR link carries the token, not the id
    const printed = printedText(await pdfOf(a.letterId));
    expect(printed).toContain(`/verifikasi.html?t=${a.token}`);
    expect(printed).not.toContain('?id=');
  });

  it.each(['R', 'SR'] as const)('tells the public only "authentic and unaltered" about a %s letter, by token and by upload', async (cls) => {
    const secret = await signedLetter(cls, 'Perkara hukum sangat rahasia XYZZY');
    const [row] = await http.ds.query(
      'SELECT l.number, l.signer_name, l.signer_title, l.classification_code, l.signed_at, l.document_sha256, l.signature, l.signature_key_id, o.name AS office FROM letters l JOIN offices o ON o.id = l.office_id WHERE l.id = ?',
      [secret.letterId],
    );
    const byToken = await http.request('GET', `/api/verify/${secret.token}`);
    const byUpload = await upload(await pdfOf(secret.letterId));
    for (const res of [byToken, byUpload]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, authentic: true, unaltered: true, embeddedSignature: 'VALID', restricted: true });
      expect(Object.keys(res.body).sort()).toEqual(['authentic', 'embeddedSignature', 'reason', 'restricted', 'signatureKind', 'unaltered', 'valid']);
      const text = JSON.stringify(res.body);
      for (const leak of [row.number, row.signer_name, row.signer_title, row.classification_code, row.office, 'XYZZY', row.document_sha256, row.signature, row.signature_key_id]) {
        expect(text).not.toContain(String(leak));
      }
    }
    // a tampered copy is reported as not matching, still without details
    const tampered = Buffer.from(await pdfOf(secret.letterId));
    tampered[tampered.length - 20] ^= 1;
    const answer = (await upload(tampered)).body;
    expect(answer).toMatchObject({ valid: false, unaltered: false, embeddedSignature: 'ALTERED' });
    expect(Object.keys(answer).sort()).toEqual(['authentic', 'embeddedSignature', 'reason', 'restricted', 'signatureKind', 'unaltered', 'valid']);
    for (const leak of [row.number, row.signer_name, row.signer_title, row.office, 'XYZZY', row.document_sha256, 'Ketua']) expect(JSON.stringify(answer)).not.toContain(String(leak));
  });

  it('stores a PDF signed inside (PAdES) that pdfsig accepts, and checks both that signature and the recorded hash', async () => {
    const biasa = await signedLetter('B', 'Surat bertanda tangan PAdES');
    const pdf = await pdfOf(biasa.letterId);
    const [row] = await http.ds.query('SELECT l.document_sha256, l.embedded_signature_sha256, o.name AS office FROM letters l JOIN offices o ON o.id = l.office_id WHERE l.id = ?', [biasa.letterId]);
    // the recorded hash is the hash of the stored, signed bytes
    expect(row.document_sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(row.embedded_signature_sha256).toMatch(/^[0-9a-f]{64}$/);

    // pdfsig (poppler), which did not make it: present, valid, the whole document, the position's certificate
    const dir = mkdtempSync(join(tmpdir(), 'naskah-pdfsig-'));
    const pdfsig = async (bytes: Buffer) => {
      writeFileSync(join(dir, 'n.pdf'), bytes);
      return run('pdfsig', [join(dir, 'n.pdf')]).then((r) => r.stdout, (e: { stdout?: string }) => String(e.stdout ?? ''));
    };
    const report = await pdfsig(pdf);
    expect(report).toContain('Signature #1:');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain(`Signer Certificate Common Name: Sekretaris ${row.office}`); // the fixture's signer position, its office
    expect(report).toContain('OU=Tanda Tangan Elektronik Tidak Tersertifikasi');

    // both checks reported, by token and by upload, with the certificate for a Biasa letter
    for (const res of [await http.request('GET', `/api/verify/${biasa.token}`), await upload(pdf)]) {
      expect(res.body).toMatchObject({ valid: true, authentic: true, unaltered: true, embeddedSignature: 'VALID', letterId: biasa.letterId });
      expect(res.body.certificateIssuer).toContain('CN=Naskah CA Lokal - TIDAK TERSERTIFIKASI');
      expect(res.body.certificateSubject).toContain(`CN=Sekretaris ${row.office}`);
      expect(res.body.reason).toContain('tanda tangan di dalam PDF sah');
    }

    // one byte changed inside the signed range (the page content, far from the signature): both checks fail, and say so
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(pdf.indexOf('/ByteRange') / 2)] ^= 0x01;
    expect(await pdfsig(tampered)).toContain('Signature Validation: Digest Mismatch.');
    const answer = await upload(tampered);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ valid: false, authentic: false, unaltered: false, embeddedSignature: 'ALTERED' });
    expect(answer.body.reason).toBe('Tidak sah: tanda tangan di dalam PDF tidak sah: isi dokumen berubah setelah ditandatangani; hash SHA-256 dokumen tidak cocok dengan yang dicatat saat penandatanganan.');
    expect(JSON.stringify(answer.body)).not.toContain(biasa.number); // a changed document learns nothing about the letter

    // a PDF without any signature inside: no letter, and it says the signature is missing
    const plain = await upload(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'));
    expect(plain.body).toMatchObject({ valid: false, embeddedSignature: 'ABSENT' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an uploaded PDF by its SHA-256 (not by the id it claims): a Biasa letter answers in full', async () => {
    const biasa = await signedLetter('B', 'Undangan rapat pleno');
    const pdf = await pdfOf(biasa.letterId);
    const res = await upload(pdf);
    expect(res.body).toMatchObject({
      valid: true, authentic: true, unaltered: true, restricted: false, letterId: biasa.letterId, number: biasa.number,
      documentSha256: createHash('sha256').update(pdf).digest('hex'),
    });
    // an edited copy that still claims to be that letter learns nothing about it
    const edited = Buffer.concat([pdf, Buffer.from('\n% edited\n')]);
    const answer = await upload(edited);
    expect(answer.body).toMatchObject({ valid: false, authentic: false, unaltered: false });
    expect(JSON.stringify(answer.body)).not.toContain(biasa.number);
  });

  it('keeps verifying letters signed before a key rotation, signs new letters with the new key, and publishes every key for offline checks', async () => {
    const before = await signedLetter('B', 'Sebelum rotasi kunci');
    const oldAnswer = (await http.request('GET', `/api/verify/${before.token}`)).body;
    expect(oldAnswer.valid).toBe(true);
    const oldKey: string = oldAnswer.keyId;

    const out = await rotateKeys();
    const newKey = /new current key\): ([0-9a-f]{16})/.exec(out)?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(oldKey);
    expect(out).toContain(`retired): ${oldKey}`);

    const stillValid = await http.request('GET', `/api/verify/${before.token}`);
    expect(stillValid.body).toMatchObject({ valid: true, authentic: true, keyId: oldKey });
    const after = await signedLetter('B', 'Sesudah rotasi kunci');
    const newAnswer = (await http.request('GET', `/api/verify/${after.token}`)).body;
    expect(newAnswer).toMatchObject({ valid: true, keyId: newKey });

    // a second rotation discards the retired private key: its letters still verify (public key kept)
    const out2 = await rotateKeys('--discard-retired');
    expect(out2).toContain(`retired): ${newKey}`);
    const keysDir = http.app.get(AppConfig).signingKeysDir;
    expect(existsSync(join(keysDir, `${newKey}.pem`))).toBe(false);
    expect((await http.request('GET', `/api/verify/${after.token}`)).body).toMatchObject({ valid: true, keyId: newKey });
    expect((await http.request('GET', `/api/verify/${before.token}`)).body).toMatchObject({ valid: true, keyId: oldKey });

    // published keys: public, both keys with id, algorithm, PEM, JWK, valid-from and retired-at
    const published = await http.request('GET', '/api/verify/keys');
    expect(published.status).toBe(200);
    const byId = new Map<string, Record<string, any>>(published.body.keys.map((k: Record<string, any>) => [k.keyId, k]));
    for (const id of [oldKey, newKey!]) {
      const k = byId.get(id)!;
      expect(k).toMatchObject({ algorithm: 'Ed25519', current: false, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', kid: id } });
      expect(k.publicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');
      expect(Date.parse(k.retiredAt)).toBeGreaterThanOrEqual(Date.parse(k.validFrom));
    }
    expect(published.body.keys.filter((k: { current: boolean }) => k.current)).toHaveLength(1);
    expect(JSON.stringify(published.body)).not.toContain('PRIVATE');

    // offline: node:crypto, the published key and the documented payload; nothing else from Naskah
    for (const [answer, id] of [[oldAnswer, oldKey], [newAnswer, newKey!]] as const) {
      const data = Buffer.from(signedText(answer), 'utf8');
      const sig = Buffer.from(answer.signature, 'base64url');
      const key = byId.get(id)!;
      expect(verifySignature(null, data, createPublicKey(key.publicKeyPem), sig)).toBe(true);
      expect(verifySignature(null, data, createPublicKey({ key: key.publicKeyJwk, format: 'jwk' }), sig)).toBe(true);
      const other = byId.get(id === oldKey ? newKey! : oldKey)!;
      expect(verifySignature(null, data, createPublicKey(other.publicKeyPem), sig)).toBe(false);
      expect(verifySignature(null, Buffer.from(signedText({ ...answer, number: `${answer.number}x` }), 'utf8'), createPublicKey(key.publicKeyPem), sig)).toBe(false);
    }
    // the hash in the payload is the SHA-256 of the PDF the recipient holds
    expect(newAnswer.documentSha256).toBe(createHash('sha256').update(await pdfOf(after.letterId)).digest('hex'));
  });
});
