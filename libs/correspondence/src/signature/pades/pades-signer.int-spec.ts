import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { testDatabaseName, testServerUrls } from '@naskah/testing';
import { renderLetterPdf } from '../../rendering';
import { createLocalCa, issueSignerCertificate, LOCAL_CA_CN, UNCERTIFIED_OU } from './certificates';
import { P12Error } from './p12';
import { PadesSigner } from './pades-signer';

/**
 * The PAdES signer against the real database: the local CA and one certificate per signer
 * position, created on first use — once, also when two renders ask at the same moment — and
 * reused; private keys only in files (0600); a configured PKCS#12 signs for everyone instead.
 */
describe('PadesSigner certificates', () => {
  const url = `${testServerUrls().db.replace(/\/$/, '')}/${testDatabaseName(process.env.JEST_WORKER_ID ?? '1')}`;
  let ds: DataSource;
  let dir: string;
  let positions: { id: number; title: string; office: string; city: string }[];

  beforeAll(async () => {
    ds = new DataSource({ ...dataSourceOptions(url, { poolSize: 6 } as never), entities: [] });
    await ds.initialize();
    await ds.query('DELETE FROM signing_certificates');
    positions = (
      await ds.query(`SELECT p.id, p.title, o.name AS office, o.city FROM positions p JOIN offices o ON o.id = p.office_id WHERE p.code = 'KETUA' ORDER BY p.id LIMIT 4`)
    ).map((r: Record<string, unknown>) => ({ id: Number(r.id), title: String(r.title), office: String(r.office), city: String(r.city ?? '') }));
    dir = mkdtempSync(join(tmpdir(), 'naskah-pades-keys-'));
  });
  afterAll(async () => {
    await ds?.query('DELETE FROM signing_certificates');
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const who = (p: (typeof positions)[number]) => ({ positionId: p.id, positionName: `${p.title} ${p.office}`, city: p.city });

  it('creates the local CA and one certificate per position on first use, once even when asked at the same moment', async () => {
    // two processes (two signers with caches of their own) rendering for a new position at once
    const a = new PadesSigner(ds, { keysDir: dir });
    const b = new PadesSigner(ds, { keysDir: dir });
    const [x, y, z] = await Promise.all([a.credentialsFor(who(positions[0])), b.credentialsFor(who(positions[0])), b.credentialsFor(who(positions[0]))]);
    expect(x.chain[0].fingerprint256).toBe(y.chain[0].fingerprint256);
    expect(y.chain[0].fingerprint256).toBe(z.chain[0].fingerprint256);
    expect(x.chain[1].fingerprint256).toBe(y.chain[1].fingerprint256);
    const rows = await ds.query('SELECT owner, position_id, trusted, subject, issuer FROM signing_certificates ORDER BY id');
    expect(rows.map((r: { owner: string }) => r.owner).sort()).toEqual(['local-ca', `position:${positions[0].id}`].sort());
    const ca = rows.find((r: { owner: string }) => r.owner === 'local-ca');
    expect(ca).toMatchObject({ trusted: 1, position_id: null });
    expect(ca.subject).toContain(`CN=${LOCAL_CA_CN}`);
    expect(ca.subject).toContain(`OU=${UNCERTIFIED_OU}`);
    expect(ca.subject).toContain('TIDAK TERSERTIFIKASI');
    const mine = rows.find((r: { owner: string }) => r.owner === `position:${positions[0].id}`);
    expect(mine).toMatchObject({ trusted: 0, position_id: positions[0].id });
    expect(mine.subject).toContain(`CN=${positions[0].title} ${positions[0].office}`);
    expect(mine.issuer).toBe(ca.subject);
    // the certificate's key is the one it signs with; the database holds no private key
    expect(x.chain[0].checkPrivateKey(x.privateKey)).toBe(true);
    expect(JSON.stringify(await ds.query('SELECT * FROM signing_certificates'))).not.toContain('PRIVATE KEY');
    // private keys: one file per certificate that was kept (the loser's removed), mode 0600
    const files = readdirSync(join(dir, 'pades'));
    expect(files.filter((f) => f.endsWith('.key.pem'))).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.tmp'))).toHaveLength(0);
    for (const f of files) expect(statSync(join(dir, 'pades', f)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'pades')).mode & 0o077).toBe(0);
  });

  it('reuses a position certificate, gives another position its own from the same CA, and a new process finds both', async () => {
    const first = await new PadesSigner(ds, { keysDir: dir }).credentialsFor(who(positions[0]));
    const later = new PadesSigner(ds, { keysDir: dir });
    const again = await later.credentialsFor(who(positions[0]));
    expect(again.chain[0].fingerprint256).toBe(first.chain[0].fingerprint256);
    const other = await later.credentialsFor(who(positions[1]));
    expect(other.chain[0].fingerprint256).not.toBe(first.chain[0].fingerprint256);
    expect(other.chain[1].fingerprint256).toBe(first.chain[1].fingerprint256);
    expect(other.chain[0].checkIssued(first.chain[1])).toBe(true);
    expect(Number((await ds.query("SELECT COUNT(*) AS n FROM signing_certificates WHERE owner LIKE 'position:%'"))[0].n)).toBe(2);
  });

  it('makes one key pair for a position in a process however many renders ask at once (the others wait for it)', async () => {
    const signer = new PadesSigner(ds, { keysDir: dir });
    await signer.credentialsFor(who(positions[0])); // the CA exists
    const autoIncrement = async () => Number((await ds.query("SHOW TABLE STATUS LIKE 'signing_certificates'"))[0].Auto_increment);
    const before = await autoIncrement();
    const all = await Promise.all(Array.from({ length: 6 }, () => signer.credentialsFor(who(positions[3]))));
    expect(new Set(all.map((c) => c.chain[0].fingerprint256)).size).toBe(1);
    // one INSERT: a render that raced with its own key pair would lose at the unique owner and leave an id unused
    expect(await autoIncrement()).toBe(before + 1);
    expect(await ds.query('SELECT COUNT(*) AS n FROM signing_certificates WHERE owner = ?', [`position:${positions[3].id}`])).toEqual([{ n: '1' }]);
  });

  it('signs a PDF that its own verification (another process) accepts: the local CA is a trust anchor read from the database', async () => {
    const signer = new PadesSigner(ds, { keysDir: dir });
    const creds = await signer.credentialsFor(who(positions[0]));
    const pdf = await renderLetterPdf({
      letterId: '1', office: { name: 'KOMISI PEMILIHAN UMUM', city: 'Jakarta' }, number: '1/PY/2026', date: new Date('2026-01-02T03:04:05Z'), typeName: 'Surat Dinas',
      securityClass: 'B', urgency: 'BIASA', attachmentsCount: 0, subject: 'Uji', addressees: ['Ketua'], copies: [], body: 'Isi.',
      signature: { capacityPrefix: '', positionTitle: 'KETUA', signerName: 'Budi' }, verificationUrl: 'https://x.example/v?t=A',
    } as never);
    const { pdf: signed, cmsSha256 } = await signer.sign(pdf, creds, { signerName: 'Budi', city: 'Jakarta' });
    const verifier = new PadesSigner(ds, { keysDir: mkdtempSync(join(tmpdir(), 'naskah-api-')) }); // the API: no key files at all
    expect(await verifier.verify(signed)).toMatchObject({ valid: true, cmsSha256 });
  });

  it('replaces a position certificate when the position is renamed, compare-and-set', async () => {
    const signer = new PadesSigner(ds, { keysDir: dir });
    const before = await signer.credentialsFor(who(positions[2]));
    const renamed = await signer.credentialsFor({ ...who(positions[2]), positionName: `Plt. ${positions[2].title} ${positions[2].office}` });
    expect(renamed.chain[0].fingerprint256).not.toBe(before.chain[0].fingerprint256);
    const [row] = await ds.query('SELECT subject FROM signing_certificates WHERE owner = ?', [`position:${positions[2].id}`]);
    expect(row.subject).toContain(`CN=Plt. ${positions[2].title}`);
  });

  it('with a PKCS#12 configured, signs every position with it and records its certificates as trusted', async () => {
    const realCa = await createLocalCa();
    const holder = await issueSignerCertificate(realCa, { commonName: 'Penanda Tangan BSrE Uji' });
    const p12 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(createPrivateKey(holder.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString()),
      [forge.pki.certificateFromPem(holder.certificatePem), forge.pki.certificateFromPem(realCa.certificatePem)],
      'sandi-uji',
      { algorithm: '3des' },
    );
    const p12Path = join(dir, 'bsre.p12');
    const passwordFile = join(dir, 'bsre.password');
    writeFileSync(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
    writeFileSync(passwordFile, 'sandi-uji\n', { mode: 0o600 });
    const signer = new PadesSigner(ds, { keysDir: dir, p12: { path: p12Path, passwordFile } });
    expect(signer.mode).toBe('configured');
    const [c0, c1] = await Promise.all([signer.credentialsFor(who(positions[0])), signer.credentialsFor(who(positions[1]))]);
    expect(c0.chain[0].fingerprint256).toBe(new X509Certificate(holder.certificatePem).fingerprint256);
    expect(c1).toBe(c0);
    const configured = await ds.query("SELECT owner, trusted FROM signing_certificates WHERE owner LIKE 'configured:%'");
    expect(configured).toHaveLength(2);
    expect(configured.every((r: { trusted: number }) => r.trusted === 1)).toBe(true);
    // a wrong password stops the signer at construction (boot), naming the problem
    writeFileSync(passwordFile, 'salah\n');
    expect(() => new PadesSigner(ds, { keysDir: dir, p12: { path: p12Path, passwordFile } })).toThrow(P12Error);
  });
});
