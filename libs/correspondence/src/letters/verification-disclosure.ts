import type { SecurityClass } from '../access/access-policy';

/**
 * What the public verification page may say about a signed letter (one rule, used by the QR link
 * and the PDF upload alike):
 *  - B and T letters: the verdict and the signed facts (number with its classification code,
 *    date, signer, capacity, office), the document's SHA-256, the key id and the signature, so a
 *    third party can also check the signature offline with the published key;
 *    and, when the PDF carries a valid signature inside it (PAdES), its certificate's subject and issuer;
 *  - R and SR letters: the verdict only (authentic, unaltered, embeddedSignature) and the signature kind. Not the
 *    number, date, subject, signer, office or classification: whoever holds the token or the PDF
 *    learns only whether this document is genuine and unchanged.
 */
export const VERDICT_ONLY_CLASSES: readonly SecurityClass[] = ['R', 'SR'];

export interface SignedLetterFacts {
  letterId: string;
  securityClass: SecurityClass;
  number: string;
  signedAt: string;
  signerName: string;
  signerTitle: string;
  capacity: string;
  office: string;
  documentSha256: string;
  keyId: string;
  signature: string;
  /** The PDF signature's certificate (subject, issuer), when the embedded signature is valid. */
  certificateSubject?: string;
  certificateIssuer?: string;
}

/**
 * The check of the signature inside the PDF (PAdES): VALID; LEGACY for a letter rendered before
 * PDFs were signed (nothing to check); else why it fails — ABSENT (no signature in the PDF),
 * MALFORMED (unreadable), PARTIAL (does not cover the whole file: bytes added after signing),
 * ALTERED (a signed byte changed), SIGNATURE (does not verify with its certificate), UNTRUSTED
 * (certificate not from the local CA or a configured CA), MISMATCH (valid, but not the signature
 * recorded for this letter).
 */
export const EMBEDDED_SIGNATURE_VERDICTS = ['VALID', 'LEGACY', 'ABSENT', 'MALFORMED', 'PARTIAL', 'ALTERED', 'SIGNATURE', 'UNTRUSTED', 'MISMATCH'] as const;
export type EmbeddedSignatureVerdict = (typeof EMBEDDED_SIGNATURE_VERDICTS)[number];

export interface Verdict {
  /** The signature verifies, with the key that signed, over the signed facts. */
  authentic: boolean;
  /** The document's SHA-256 is the signed one (the hash recorded at signing). */
  unaltered: boolean;
  /** The signature inside the PDF. */
  embeddedSignature: EmbeddedSignatureVerdict;
  reason: string;
}

/** The signature inside the PDF holds, or the letter predates them. */
export function embeddedSignatureHolds(v: EmbeddedSignatureVerdict): boolean {
  return v === 'VALID' || v === 'LEGACY';
}

/** The public answer (`GET /api/verify/{token}`, `POST /api/verify`). */
export interface VerificationResult extends Verdict {
  /** authentic, unaltered and the signature inside the PDF holds. */
  valid: boolean;
  /** True for R/SR letters: only the verdict is disclosed. */
  restricted: boolean;
  signatureKind: string;
  letterId?: string;
  number?: string;
  signedAt?: string;
  signerName?: string;
  signerTitle?: string;
  capacity?: string;
  office?: string;
  documentSha256?: string;
  keyId?: string;
  signature?: string;
  certificateSubject?: string;
  certificateIssuer?: string;
}

export function disclosesDetails(securityClass: SecurityClass): boolean {
  return !VERDICT_ONLY_CLASSES.includes(securityClass);
}

/** The answer for a letter that was found: the verdict, plus the facts when its class allows. */
export function publicAnswer(facts: SignedLetterFacts, verdict: Verdict, signatureKind: string): VerificationResult {
  const answer: VerificationResult = {
    valid: verdict.authentic && verdict.unaltered && embeddedSignatureHolds(verdict.embeddedSignature),
    authentic: verdict.authentic,
    unaltered: verdict.unaltered,
    embeddedSignature: verdict.embeddedSignature,
    restricted: !disclosesDetails(facts.securityClass),
    reason: verdict.reason,
    signatureKind,
  };
  if (answer.restricted) return answer;
  const f = facts;
  return {
    ...answer, letterId: f.letterId, number: f.number, signedAt: f.signedAt, signerName: f.signerName, signerTitle: f.signerTitle,
    capacity: f.capacity, office: f.office, documentSha256: f.documentSha256, keyId: f.keyId, signature: f.signature,
    ...(f.certificateSubject ? { certificateSubject: f.certificateSubject, certificateIssuer: f.certificateIssuer } : {}),
  };
}

/**
 * The answer when no signed letter has the uploaded PDF's SHA-256: the verdict only, whatever the
 * letter's class — also when the PDF carries the signature of a letter (found by its CMS) but its
 * bytes changed: `embeddedSignature` then says which check failed, and nothing about the letter.
 */
export function notMatched(reason: string, signatureKind: string, embeddedSignature: EmbeddedSignatureVerdict): VerificationResult {
  return { valid: false, authentic: false, unaltered: false, embeddedSignature, restricted: false, reason, signatureKind };
}
