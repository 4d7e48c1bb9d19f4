import { disclosesDetails, notMatched, publicAnswer, type SignedLetterFacts } from './verification-disclosure';

const facts: SignedLetterFacts = {
  letterId: '42', securityClass: 'B', number: '7/HK.07-SD/5204/2026', signedAt: '2026-03-05T02:15:00.000Z', signerName: 'Dra. Siti',
  signerTitle: 'KETUA', capacity: 'SENDIRI', office: 'KPU Kabupaten Sumbawa', documentSha256: 'a'.repeat(64), keyId: '0123456789abcdef', signature: 'sig',
};
const good = { authentic: true, unaltered: true, reason: 'sah' };

describe('public verification answer', () => {
  it.each(['B', 'T'] as const)('discloses the signed facts of a %s letter', (securityClass) => {
    expect(disclosesDetails(securityClass)).toBe(true);
    const { securityClass: _omit, ...shown } = { ...facts, securityClass };
    expect(publicAnswer({ ...facts, securityClass }, good, 'ed25519-uncertified')).toEqual({
      valid: true, authentic: true, unaltered: true, restricted: false, reason: 'sah', signatureKind: 'ed25519-uncertified', ...shown,
    });
  });

  it.each(['R', 'SR'] as const)('says only authentic/unaltered about a %s letter', (securityClass) => {
    expect(disclosesDetails(securityClass)).toBe(false);
    expect(publicAnswer({ ...facts, securityClass }, { authentic: true, unaltered: false, reason: 'berubah' }, 'k')).toEqual({
      valid: false, authentic: true, unaltered: false, restricted: true, reason: 'berubah', signatureKind: 'k',
    });
  });

  it('is valid only when both authentic and unaltered', () => {
    expect(publicAnswer(facts, { ...good, authentic: false }, 'k').valid).toBe(false);
    expect(publicAnswer(facts, { ...good, unaltered: false }, 'k').valid).toBe(false);
    expect(notMatched('tidak cocok', 'k')).toEqual({ valid: false, authentic: false, unaltered: false, restricted: false, reason: 'tidak cocok', signatureKind: 'k' });
  });
});
