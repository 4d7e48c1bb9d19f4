import { disclosesDetails, notMatched, publicAnswer, type SignedLetterFacts } from './verification-disclosure';

const facts: SignedLetterFacts = {
  letterId: '42', securityClass: 'B', number: '7/HK.07-SD/5204/2026', signedAt: '2026-03-05T02:15:00.000Z', signerName: 'Dra. Siti',
  signerTitle: 'KETUA', capacity: 'SENDIRI', office: 'KPU Kabupaten Sumbawa', documentSha256: 'a'.repeat(64), keyId: '0123456789abcdef', signature: 'sig',
};
const good = { authentic: true, unaltered: true, embeddedSignature: 'VALID' as const, reason: 'sah' };

describe('public verification answer', () => {
  it.each(['B', 'T'] as const)('discloses the signed facts of a %s letter', (securityClass) => {
    expect(disclosesDetails(securityClass)).toBe(true);
    const { securityClass: _omit, ...shown } = { ...facts, securityClass };
    expect(publicAnswer({ ...facts, securityClass }, good, 'ed25519-uncertified')).toEqual({
      valid: true, authentic: true, unaltered: true, embeddedSignature: 'VALID', restricted: false, reason: 'sah', signatureKind: 'ed25519-uncertified', ...shown,
    });
  });

  it('shows the PDF certificate of a B letter, not of an R letter', () => {
    const withCert = { ...facts, certificateSubject: 'CN=Ketua KPU Kabupaten Sumbawa', certificateIssuer: 'CN=Naskah CA Lokal - TIDAK TERSERTIFIKASI' };
    expect(publicAnswer(withCert, good, 'k')).toMatchObject({ certificateSubject: withCert.certificateSubject, certificateIssuer: withCert.certificateIssuer });
    expect(publicAnswer({ ...withCert, securityClass: 'R' }, good, 'k')).not.toHaveProperty('certificateSubject');
  });

  it.each(['R', 'SR'] as const)('says only authentic/unaltered about a %s letter', (securityClass) => {
    expect(disclosesDetails(securityClass)).toBe(false);
    expect(publicAnswer({ ...facts, securityClass }, { authentic: true, unaltered: false, embeddedSignature: 'ALTERED', reason: 'berubah' }, 'k')).toEqual({
      valid: false, authentic: true, unaltered: false, embeddedSignature: 'ALTERED', restricted: true, reason: 'berubah', signatureKind: 'k',
    });
  });

  it('is valid only when authentic, unaltered and the signature inside the PDF holds (or the letter predates it)', () => {
    expect(publicAnswer(facts, { ...good, authentic: false }, 'k').valid).toBe(false);
    expect(publicAnswer(facts, { ...good, unaltered: false }, 'k').valid).toBe(false);
    for (const failed of ['ABSENT', 'MALFORMED', 'PARTIAL', 'ALTERED', 'SIGNATURE', 'UNTRUSTED', 'MISMATCH'] as const) {
      expect(publicAnswer(facts, { ...good, embeddedSignature: failed }, 'k').valid).toBe(false);
    }
    expect(publicAnswer(facts, { ...good, embeddedSignature: 'LEGACY' }, 'k').valid).toBe(true);
    expect(notMatched('tidak cocok', 'k', 'ABSENT')).toEqual({
      valid: false, authentic: false, unaltered: false, embeddedSignature: 'ABSENT', restricted: false, reason: 'tidak cocok', signatureKind: 'k',
    });
  });
});
