import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { cadesDetachedSignature, checkDetachedCms, type SigningCredentials } from './cms';
import { DerError } from './der';

/** What the signature dictionary says (shown by PDF readers in the signature panel). */
export interface PdfSignatureInfo {
  /** /Reason. */
  reason: string;
  /** /Name: the signer's name. */
  name: string;
  /** /Location: the office's city. */
  location: string;
  contactInfo?: string;
  /** /M: the claimed signing time (PAdES B-B has no signing-time attribute in the CMS). */
  signingTime: Date;
}

export const PADES_REASON = 'Ditandatangani secara elektronik';

class CadesSigner extends Signer {
  constructor(private readonly credentials: SigningCredentials) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return cadesDetachedSignature(content, this.credentials);
  }
}

/** Room for the CMS in the /Contents placeholder (bytes): the certificates plus the signature and attributes, with a margin. */
function placeholderBytes(credentials: SigningCredentials): number {
  const certs = credentials.chain.reduce((n, c) => n + c.raw.length, 0);
  return Math.max(8192, certs + 4096);
}

/**
 * PAdES baseline B-B: appends an invisible signature field to the PDF (an incremental update,
 * SubFilter ETSI.CAdES.detached) and fills it with a CAdES detached signature over the ByteRange —
 * every byte of the result except the signature's own hex string.
 */
export async function signPdf(pdf: Buffer, credentials: SigningCredentials, info: PdfSignatureInfo): Promise<Buffer> {
  const text = new PdfTextStrings();
  let withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: text.field(info.reason),
    name: text.field(info.name),
    location: text.field(info.location),
    contactInfo: text.field(info.contactInfo ?? ''),
    signingTime: info.signingTime,
    signatureLength: placeholderBytes(credentials),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Naskah',
  });
  withPlaceholder = text.fill(withPlaceholder);
  return new SignPdf().sign(withPlaceholder, new CadesSigner(credentials));
}

/**
 * Text outside ASCII in the signature dictionary (/Name "Ṣalāḥ …", a city): placeholder-plain
 * writes the UTF-16 bytes of such a string through a UTF-8 conversion, which garbles them. So a
 * non-ASCII value goes in as an ASCII marker exactly as long as its PDF hex string `<FEFF…>` (a
 * literal `(marker)` is two bytes longer than the marker, like `<hex>` is than the hex), and the
 * marker is swapped for the hex string afterwards — same length, so every xref offset still holds.
 */
class PdfTextStrings {
  private readonly swaps: { marker: string; hex: string }[] = [];

  field(value: string): string {
    if (/^[\x20-\x7e]*$/.test(value)) return value;
    const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
    const hex = Buffer.from(`\ufeff${clean}`, 'utf16le').swap16().toString('hex').toUpperCase();
    const marker = randomBytes(Math.ceil(hex.length / 2)).toString('hex').slice(0, hex.length);
    this.swaps.push({ marker, hex });
    return marker;
  }

  fill(pdf: Buffer): Buffer {
    for (const { marker, hex } of this.swaps) {
      const literal = Buffer.from(`(${marker})`, 'latin1');
      const at = pdf.indexOf(literal);
      if (at < 0 || pdf.indexOf(literal, at + 1) >= 0) throw new Error('signature dictionary text marker not found exactly once');
      Buffer.from(`<${hex}>`, 'latin1').copy(pdf, at);
    }
    return pdf;
  }
}

/** Why an embedded signature does not hold (null when it does). */
export type EmbeddedSignatureFailure =
  | 'ABSENT' // no signature in the PDF
  | 'MALFORMED' // a signature dictionary whose ByteRange or CMS cannot be read
  | 'PARTIAL' // the signature does not cover the whole file (bytes added or left out)
  | 'ALTERED' // the signed bytes changed after signing (digest differs)
  | 'SIGNATURE' // the CMS signature does not verify with its certificate
  | 'UNTRUSTED'; // the signer's certificate does not chain to a trusted certificate

export interface EmbeddedSignatureCheck {
  valid: boolean;
  failure: EmbeddedSignatureFailure | null;
  /** SHA-256 (hex) of the CMS DER: names the signature whatever happened to the rest of the file. */
  cmsSha256: string | null;
  signer: X509Certificate | null;
  /** The trusted certificate the signer's chains to. */
  anchor: X509Certificate | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** The CMS of the PDF's signature (without the zero padding) and the ByteRange it declares, or null when there is none. */
export function embeddedCms(pdf: Buffer): { cms: Buffer; byteRange: [number, number, number, number]; count: number } | null {
  const matches = [...pdf.toString('latin1').matchAll(BYTE_RANGE)];
  if (!matches.length) return null;
  const m = matches[matches.length - 1];
  const byteRange = [1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number];
  const [a, b, c, d] = byteRange;
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || pdf[b] !== 0x3c /* < */ || pdf[c - 1] !== 0x3e /* > */) {
    throw new DerError('ByteRange does not frame a /Contents hex string');
  }
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) throw new DerError('/Contents is not a hex string');
  const raw = Buffer.from(hex, 'hex');
  const len = cmsLength(raw);
  return { cms: raw.subarray(0, len), byteRange, count: matches.length };
}

function cmsLength(raw: Buffer): number {
  if (raw.length < 2 || raw[0] !== 0x30) throw new DerError('/Contents holds no CMS');
  const first = raw[1];
  if (!(first & 0x80)) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + raw[2 + i];
  if (2 + n + len > raw.length) throw new DerError('/Contents CMS truncated');
  return 2 + n + len;
}

/**
 * Checks the PDF's embedded signature the way a reader does: the ByteRange covers the whole file
 * but the signature itself, the CMS message digest is the digest of those bytes, the CMS
 * signature verifies with the signer's certificate, and that certificate chains (through the
 * certificates the CMS carries) to one of `anchors` (the local CA, a configured real CA's
 * certificates).
 */
export function checkPdfSignature(pdf: Buffer, anchors: readonly X509Certificate[]): EmbeddedSignatureCheck {
  const fail = (failure: EmbeddedSignatureFailure, cmsSha256: string | null = null, signer: X509Certificate | null = null): EmbeddedSignatureCheck => ({
    valid: false, failure, cmsSha256, signer, anchor: null,
  });
  let found: ReturnType<typeof embeddedCms>;
  try {
    found = embeddedCms(pdf);
  } catch {
    return fail('MALFORMED');
  }
  if (!found) return fail('ABSENT');
  const { cms, byteRange: [, b, c, d] } = found;
  const cmsSha256 = createHash('sha256').update(cms).digest('hex');
  let check: ReturnType<typeof checkDetachedCms>;
  try {
    check = checkDetachedCms(cms, Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]), (der) => new X509Certificate(der));
  } catch {
    return fail('MALFORMED', cmsSha256);
  }
  if (found.count !== 1 || c + d !== pdf.length) return fail('PARTIAL', cmsSha256, check.signer);
  if (!check.digestMatches) return fail('ALTERED', cmsSha256, check.signer);
  if (!check.signatureValid || !check.signer) return fail('SIGNATURE', cmsSha256, check.signer);
  let anchor: X509Certificate | null = null;
  try {
    anchor = chainTo(check.signer, check.certificates, anchors);
  } catch {
    anchor = null; // a certificate node cannot check (an unusual key or signature algorithm): not chained
  }
  if (!anchor) return fail('UNTRUSTED', cmsSha256, check.signer);
  return { valid: true, failure: null, cmsSha256, signer: check.signer, anchor };
}

/** The anchor `cert` chains to (itself an anchor, or issued through `pool` by one), or null. */
function chainTo(cert: X509Certificate, pool: readonly X509Certificate[], anchors: readonly X509Certificate[]): X509Certificate | null {
  const isAnchor = (c: X509Certificate) => anchors.find((a) => a.fingerprint256 === c.fingerprint256) ?? null;
  let cur = cert;
  for (let depth = 0; depth < 8; depth++) {
    const hit = isAnchor(cur);
    if (hit) return hit;
    const issuedBy = (p: X509Certificate) => p.fingerprint256 !== cur.fingerprint256 && cur.checkIssued(p) && cur.verify(p.publicKey);
    const anchorParent = anchors.find(issuedBy);
    if (anchorParent) return anchorParent;
    const parent = pool.find(issuedBy);
    if (!parent) return null;
    cur = parent;
  }
  return null;
}
