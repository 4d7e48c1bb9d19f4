const KEYWORD_PREFIX = 'naskah:letter=';
const LETTER_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** The Keywords entry as pdfkit writes an ASCII string: a literal `( … )` PDF string. */
const EMBEDDED = /\(naskah:letter=([A-Za-z0-9._:-]{1,100})\)/g;

/** The PDF Keywords value that names the letter a rendered PDF belongs to. */
export function verificationKeywords(letterId: string): string {
  if (!LETTER_ID.test(letterId)) {
    throw new RangeError('letterId may hold only letters, digits and . _ : - (1 to 100 characters)');
  }
  return `${KEYWORD_PREFIX}${letterId}`;
}

/**
 * The letter id a PDF claims to be (from its metadata Keywords `naskah:letter=<id>`), or null.
 * It is only a claim: the verification page must still compare the PDF's SHA-256 with the
 * signed one. The body text never matches, because pdfkit writes page text as hex strings;
 * when a PDF was edited by appending (an incremental update) the last claim wins.
 */
export function extractEmbeddedVerification(pdf: Buffer): string | null {
  if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return null;
  let found: string | null = null;
  for (const match of pdf.toString('latin1').matchAll(EMBEDDED)) found = match[1];
  return found;
}
