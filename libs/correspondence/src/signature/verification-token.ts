import { randomBytes } from 'node:crypto';

/** Random bytes in a verification token: 144 bits, 24 base64url characters. */
export const VERIFICATION_TOKEN_BYTES = 18;

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * The unguessable token printed in a signed letter's QR code (`/verifikasi.html?t=<token>`). Public
 * verification is reached only through it, never through the letter's sequential id, so nobody
 * can walk the list of signed letters.
 */
export function newVerificationToken(): string {
  return randomBytes(VERIFICATION_TOKEN_BYTES).toString('base64url');
}

/** True when `value` has the shape of a verification token (base64url, 22 to 64 characters). */
export function isVerificationTokenShape(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** The public verification page's URL for a token. */
export function verificationUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/verifikasi.html?t=${token}`;
}
