import { createHash, createPrivateKey, createPublicKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dbErrorCode } from '@naskah/db';
import type { SigningCredentials } from './cms';
import { commonName, createLocalCa, issueSignerCertificate, validFor, type IssuedCertificate } from './certificates';
import { readP12 } from './p12';
import { checkPdfSignature, PADES_REASON, signPdf, type EmbeddedSignatureCheck } from './pdf-signature';

export interface PadesSignerOptions {
  /** SIGNING_KEYS_DIR: the local CA's and the positions' private keys are files in its `pades/` subdirectory (0600). */
  keysDir: string;
  /** SIGNING_P12_PATH and SIGNING_P12_PASSWORD_FILE: a certificate from a real CA that signs for everyone instead of the local CA. */
  p12?: { path: string; passwordFile: string } | null;
  now?: () => Date;
}

/** Who signs a letter: the certificate is per position; the signature dictionary names the person and the place. */
export interface SignerIdentity {
  positionId: number;
  /** Position title and office, e.g. "Ketua KPU Kabupaten Sumbawa": the certificate's CN. */
  positionName: string;
  /** The office's city: the certificate's L and the signature's /Location. */
  city: string;
}

export class PadesKeyMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PadesKeyMissingError';
  }
}

interface CertificateRow {
  owner: string;
  fingerprint_sha256: string;
  key_id: string | null;
  certificate_pem: string;
}

const LOCAL_CA = 'local-ca';
/** A position's certificate is replaced when it has fewer days left than this. */
const RENEW_DAYS = 30;
const KEY_ID = /^[0-9a-f]{32}$/;

/**
 * The signature inside the PDF (PAdES baseline B-B). Certificates: by default a local CA, created
 * on first use, issues one certificate per signer position (created on first use, reused until
 * it nears expiry), every subject marked "TIDAK TERSERTIFIKASI"; with SIGNING_P12_PATH set, the
 * configured PKCS#12 (a real CA's certificate) signs for every signer. Certificates (public) are
 * rows of `signing_certificates`; private keys are files `<keysDir>/pades/<keyId>.key.pem` (0600),
 * never in the database, a URL or a log — like the Ed25519 keys.
 *
 * `credentialsFor` runs before the render transaction, on connections of its own (a new CA or
 * certificate is committed at once, so two renders for a new position insert one row and the
 * loser uses the winner's); `sign` then only computes.
 */
export class PadesSigner {
  /** `local-ca` or `configured` (a PKCS#12 from configuration). */
  readonly mode: 'local-ca' | 'configured';
  private readonly configured: SigningCredentials | null;
  private readonly credentials = new Map<number, SigningCredentials>();
  private configuredRecorded: Promise<void> | null = null;
  private anchors: X509Certificate[] | null = null;
  private readonly issuing = new Map<string, Promise<SigningCredentials>>();
  private caPending: Promise<{ cert: X509Certificate; row: CertificateRow }> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly options: PadesSignerOptions,
  ) {
    // At boot: a configured PKCS#12 that cannot be read stops start-up with the reason.
    this.configured = options.p12 ? readP12(readFileSync(options.p12.path), readFileSync(options.p12.passwordFile, 'utf8').replace(/\r?\n$/, '')) : null;
    this.mode = this.configured ? 'configured' : 'local-ca';
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get dir(): string {
    return join(this.options.keysDir, 'pades');
  }

  /**
   * The key and certificate chain that sign for this position (the configured PKCS#12, or the local CA's certificate for it).
   * Concurrent first renders for one position in this process share one issuance: a key pair is
   * generated on libuv's thread pool (0.5–2 s for RSA 3072), and parallel ones would each take a
   * thread the process's file and DNS work also needs, only to lose the insert race.
   */
  async credentialsFor(who: SignerIdentity): Promise<SigningCredentials> {
    const key = `${who.positionId}\u0000${who.positionName}\u0000${who.city ?? ''}`;
    const pending = this.issuing.get(key);
    if (pending) return pending;
    const run = this.credentialsNow(who).finally(() => this.issuing.delete(key));
    this.issuing.set(key, run);
    return run;
  }

  private async credentialsNow(who: SignerIdentity): Promise<SigningCredentials> {
    if (this.configured) {
      this.configuredRecorded ??= this.recordConfigured().catch((err) => {
        this.configuredRecorded = null;
        throw err;
      });
      await this.configuredRecorded;
      return this.configured;
    }
    const cn = commonName(who.positionName);
    const hit = this.credentials.get(who.positionId);
    if (hit && validFor(hit.chain[0], this.now(), RENEW_DAYS) && cnOf(hit.chain[0]) === cn) return hit;
    const ca = await this.localCa();
    const owner = `position:${who.positionId}`;
    let row = await this.row(owner);
    const usable = (r: CertificateRow | null): r is CertificateRow => {
      if (!r) return false;
      const cert = new X509Certificate(r.certificate_pem);
      return validFor(cert, this.now(), RENEW_DAYS) && cnOf(cert) === cn && cert.checkIssued(ca.cert) && cert.verify(ca.cert.publicKey);
    };
    if (!usable(row)) {
      // the CA's private key is read only here, to issue: a worker that only signs needs the positions' keys
      const issuer = { certificatePem: ca.cert.toString(), privateKeyPem: exportKey(this.privateKey(ca.row)) };
      const issued = await issueSignerCertificate(issuer, { commonName: cn, locality: who.city }, this.now());
      row = await this.insertOrRead(owner, issued, { positionId: who.positionId, trusted: false, replace: row });
    }
    const creds: SigningCredentials = { privateKey: this.privateKey(row), chain: [new X509Certificate(row.certificate_pem), ca.cert] };
    this.credentials.set(who.positionId, creds);
    return creds;
  }

  /** Signs the rendered PDF (PAdES B-B): the signed PDF and the SHA-256 of its CMS. */
  async sign(pdf: Buffer, credentials: SigningCredentials, info: { signerName: string; city: string; signingTime?: Date }): Promise<{ pdf: Buffer; cmsSha256: string }> {
    const signed = await signPdf(pdf, credentials, {
      reason: PADES_REASON,
      name: info.signerName || cnOf(credentials.chain[0]),
      location: info.city,
      signingTime: info.signingTime ?? this.now(),
    });
    const check = checkPdfSignature(signed, credentials.chain.slice(-1));
    if (!check.valid || !check.cmsSha256) throw new Error(`PAdES signature did not verify after signing (${check.failure})`);
    return { pdf: signed, cmsSha256: check.cmsSha256 };
  }

  /** Checks a PDF's embedded signature against the trusted certificates (the local CA and every configured certificate, past and present). */
  async verify(pdf: Buffer): Promise<EmbeddedSignatureCheck> {
    const first = checkPdfSignature(pdf, await this.trustAnchors(false));
    if (first.failure !== 'UNTRUSTED') return first;
    return checkPdfSignature(pdf, await this.trustAnchors(true)); // a CA created by another process since
  }

  async trustAnchors(reload: boolean): Promise<X509Certificate[]> {
    if (!this.anchors || reload) {
      const rows: { certificate_pem: string }[] = await this.ds.query('SELECT certificate_pem FROM signing_certificates WHERE trusted = 1 ORDER BY id');
      this.anchors = [...rows.map((r) => new X509Certificate(r.certificate_pem)), ...(this.configured?.chain ?? [])];
    }
    return this.anchors;
  }

  /** The local CA (created on first use): its certificate, and its row to read the private key from when issuing. */
  private localCa(): Promise<{ cert: X509Certificate; row: CertificateRow }> {
    // one lookup (and, on a fresh installation, one CA) at a time in this process
    this.caPending ??= this.localCaNow().finally(() => (this.caPending = null));
    return this.caPending;
  }

  private async localCaNow(): Promise<{ cert: X509Certificate; row: CertificateRow }> {
    let row = await this.row(LOCAL_CA);
    if (!row) row = await this.insertOrRead(LOCAL_CA, await createLocalCa(this.now()), { positionId: null, trusted: true, replace: null });
    return { cert: new X509Certificate(row.certificate_pem), row };
  }

  /** The configured certificates become trust anchors, recorded so the letters they signed keep verifying after the file is replaced. */
  private async recordConfigured(): Promise<void> {
    for (const cert of this.configured!.chain) {
      await this.ds.query(
        `INSERT IGNORE INTO signing_certificates (owner, position_id, trusted, fingerprint_sha256, key_id, subject, issuer, serial_number, not_before, not_after, certificate_pem)
         VALUES (?, NULL, 1, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        [`configured:${fingerprint(cert)}`, fingerprint(cert), ...describe(cert), cert.toString()],
      );
    }
  }

  private async row(owner: string): Promise<CertificateRow | null> {
    const [r] = await this.ds.query('SELECT owner, fingerprint_sha256, key_id, certificate_pem FROM signing_certificates WHERE owner = ?', [owner]);
    return (r as CertificateRow | undefined) ?? null;
  }

  /**
   * Writes the new private key file, then inserts the certificate (or replaces `replace`, compare-
   * and-set on its fingerprint). When another process got there first (unique owner; or the row
   * changed), its certificate wins: our key file is removed and the winner's row is returned.
   */
  private async insertOrRead(owner: string, issued: IssuedCertificate, o: { positionId: number | null; trusted: boolean; replace: CertificateRow | null }): Promise<CertificateRow> {
    const cert = new X509Certificate(issued.certificatePem);
    const keyId = keyIdOf(cert.publicKey);
    const path = this.writeKey(keyId, issued.privateKeyPem);
    const values = [fingerprint(cert), keyId, ...describe(cert), issued.certificatePem];
    let won = false;
    try {
      if (o.replace) {
        const res = await this.ds.query(
          `UPDATE signing_certificates SET fingerprint_sha256 = ?, key_id = ?, subject = ?, issuer = ?, serial_number = ?, not_before = ?, not_after = ?, certificate_pem = ?
           WHERE owner = ? AND fingerprint_sha256 = ?`,
          [...values, owner, o.replace.fingerprint_sha256],
        );
        won = Number(res.affectedRows ?? 0) === 1;
      } else {
        await this.ds.query(
          `INSERT INTO signing_certificates (owner, position_id, trusted, fingerprint_sha256, key_id, subject, issuer, serial_number, not_before, not_after, certificate_pem)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [owner, o.positionId, o.trusted ? 1 : 0, ...values],
        );
        won = true;
      }
    } catch (err) {
      if (dbErrorCode(err) !== 'ER_DUP_ENTRY') {
        unlinkSync(path);
        throw err;
      }
    }
    if (won) return { owner, fingerprint_sha256: fingerprint(cert), key_id: keyId, certificate_pem: issued.certificatePem };
    unlinkSync(path);
    const winner = await this.row(owner);
    if (!winner) throw new Error(`signing certificate ${owner} vanished`);
    return winner;
  }

  private writeKey(keyId: string, pem: string): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${keyId}.key.pem`);
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, pem, { mode: 0o600, flag: 'wx' });
    try {
      chmodSync(tmp, 0o600);
      linkSync(tmp, path);
    } finally {
      unlinkSync(tmp);
    }
    return path;
  }

  private privateKey(row: CertificateRow): KeyObject {
    const keyId = row.key_id ?? '';
    if (!KEY_ID.test(keyId)) throw new PadesKeyMissingError(`signing certificate ${row.owner} has no private key id`);
    let pem: string;
    try {
      pem = readFileSync(join(this.dir, `${keyId}.key.pem`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new PadesKeyMissingError(`Kunci privat sertifikat ${row.owner} (${keyId}) tidak ada di ${this.dir} (private key file missing; share SIGNING_KEYS_DIR with every worker)`);
    }
    const key = createPrivateKey(pem);
    if (keyIdOf(createPublicKey(key)) !== keyId) throw new PadesKeyMissingError(`key file ${keyId}.key.pem holds another key`);
    return key;
  }
}

/** First 32 hex digits of the SHA-256 of the public key's SPKI DER: the private key file's name. */
function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

function fingerprint(cert: X509Certificate): string {
  return createHash('sha256').update(cert.raw).digest('hex');
}

/** subject, issuer, serial_number, not_before, not_after. */
function describe(cert: X509Certificate): [string, string, string, Date, Date] {
  return [oneLine(cert.subject), oneLine(cert.issuer), cert.serialNumber, new Date(cert.validFrom), new Date(cert.validTo)];
}

/** Node prints a distinguished name one attribute a line. */
export function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

/** The certificate subject's CN (node escapes , + " \\ < > ; with a backslash). */
export function cnOf(cert: X509Certificate): string {
  return (/(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '').replace(/\\(.)/g, '$1');
}

function exportKey(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
