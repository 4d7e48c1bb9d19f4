import { isVerificationTokenShape, newVerificationToken, verificationUrl } from './verification-token';

describe('verification tokens', () => {
  it('are 144 random bits in 24 base64url characters, different every time', () => {
    const tokens = Array.from({ length: 1000 }, newVerificationToken);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(18);
      expect(isVerificationTokenShape(t)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('never take the shape of a letter id', () => {
    for (const v of ['1', '42', '123456789012345678901', '', 'a b', 'x'.repeat(65), 42, null]) expect(isVerificationTokenShape(v)).toBe(false);
  });

  it('make the public link with ?t=', () => {
    expect(verificationUrl('https://naskah.kpu.go.id/', 'AbC-_1234567890123456789')).toBe('https://naskah.kpu.go.id/verifikasi.html?t=AbC-_1234567890123456789');
  });
});
