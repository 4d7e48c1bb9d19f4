import type { SecurityClass } from '../access/access-policy';

/**
 * What the public verification page may say about a signed letter (one rule, used by the QR link
 * and the PDF upload alike):
 *  - B and T letters: the verdict and the signed facts (number with its classification code,
 *    date, signer, capacity, office), the document's SHA-256, the key id and the signature, so a
 *    third party can also check the signature offline with the published key;
 *  - R and SR letters: the verdict only (authentic, unaltered) and the signature kind. Not the
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
}

export interface Verdict {
  /** The signature verifies, with the key that signed, over the signed facts. */
  authentic: boolean;
  /** The document's SHA-256 is the signed one. */
  unaltered: boolean;
  reason: string;
}

/** The public answer (`GET /api/verify/{token}`, `POST /api/verify`). */
export interface VerificationResult extends Verdict {
  /** authentic and unaltered. */
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
}

export function disclosesDetails(securityClass: SecurityClass): boolean {
  return !VERDICT_ONLY_CLASSES.includes(securityClass);
}

/** The answer for a letter that was found: the verdict, plus the facts when its class allows. */
export function publicAnswer(facts: SignedLetterFacts, verdict: Verdict, signatureKind: string): VerificationResult {
  const answer: VerificationResult = {
    valid: verdict.authentic && verdict.unaltered,
    authentic: verdict.authentic,
    unaltered: verdict.unaltered,
    restricted: !disclosesDetails(facts.securityClass),
    reason: verdict.reason,
    signatureKind,
  };
  if (answer.restricted) return answer;
  const f = facts;
  return {
    ...answer, letterId: f.letterId, number: f.number, signedAt: f.signedAt, signerName: f.signerName, signerTitle: f.signerTitle,
    capacity: f.capacity, office: f.office, documentSha256: f.documentSha256, keyId: f.keyId, signature: f.signature,
  };
}

/** The answer when no signed letter matches (an uploaded PDF whose SHA-256 nobody signed). */
export function notMatched(reason: string, signatureKind: string): VerificationResult {
  return { valid: false, authentic: false, unaltered: false, restricted: false, reason, signatureKind };
}
