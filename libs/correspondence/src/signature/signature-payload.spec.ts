import { canonicalPayload, InvalidSignaturePayloadError, sha256Hex, type SignaturePayload } from './signature-payload';

const base: SignaturePayload = {
  letterId: '42',
  number: '1/PY.01.1-SD/5304/2024',
  signedAt: '2024-03-05T02:15:00.000Z',
  signerName: 'Budi',
  signerPosition: 'Ketua',
  capacity: 'AN',
  documentSha256: sha256Hex(''),
};

describe('canonicalPayload', () => {
  it('is independent of property order and ignores extra properties', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as SignaturePayload;
    const extra = { ...base, note: 'not signed' } as SignaturePayload;
    expect(canonicalPayload(reordered)).toBe(canonicalPayload(base));
    expect(canonicalPayload(extra)).toBe(canonicalPayload(base));
    expect(Object.keys(JSON.parse(canonicalPayload(base)))).toEqual([...Object.keys(base)].sort());
  });

  it('escapes values as JSON so no value can forge another field', () => {
    const tricky = { ...base, signerName: 'Budi","capacity":"SENDIRI' };
    expect(JSON.parse(canonicalPayload(tricky))).toEqual(tricky);
    expect(canonicalPayload(tricky)).not.toBe(canonicalPayload(base));
  });

  it.each<[Partial<SignaturePayload>, string]>([
    [{ documentSha256: 'ABC' }, 'documentSha256'],
    [{ documentSha256: sha256Hex('').toUpperCase() }, 'documentSha256'],
    [{ signedAt: '5 Maret 2024' }, 'signedAt'],
    [{ capacity: 'ATAS_NAMA' as never }, 'capacity'],
    [{ letterId: '' }, 'letterId'],
    [{ number: undefined as never }, 'number'],
  ])('rejects %p', (change, field) => {
    expect(() => canonicalPayload({ ...base, ...change })).toThrow(InvalidSignaturePayloadError);
    expect(() => canonicalPayload({ ...base, ...change })).toThrow(field);
  });
});

describe('sha256Hex', () => {
  it('hashes buffers and strings', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
