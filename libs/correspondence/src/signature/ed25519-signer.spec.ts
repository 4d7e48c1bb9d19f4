import { Ed25519Signer, ED25519_SIGNER_KIND } from './ed25519-signer';
import { canonicalPayload, sha256Hex, type SignaturePayload } from './signature-payload';
import { generateSigningKey } from './signing-key';

const payload: SignaturePayload = {
  letterId: '01HQ3Z8K6T2V9X',
  number: '1/PY.01.1-SD/5304/2024',
  signedAt: '2024-03-05T02:15:00.000Z',
  signerName: 'Dra. Siti Aminah, M.Si.',
  signerPosition: 'Ketua KPU Kabupaten Sumbawa',
  capacity: 'SENDIRI',
  documentSha256: sha256Hex('the pdf bytes'),
};

describe('Ed25519Signer', () => {
  const key = generateSigningKey();
  const signer = new Ed25519Signer(key);

  it('signs and verifies a payload (base64url, 64 bytes, deterministic)', async () => {
    const sig = await signer.sign(payload);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(Buffer.from(sig, 'base64url')).toHaveLength(64);
    expect(await signer.sign({ ...payload })).toBe(sig);
    expect(await signer.verify(payload, sig)).toBe(true);
    expect(signer.kind).toBe(ED25519_SIGNER_KIND);
    expect(signer.keyId).toBe(key.keyId);
  });

  const changes: Array<[keyof SignaturePayload, string]> = [
    ['letterId', '01HQ3Z8K6T2V9Y'],
    ['number', '2/PY.01.1-SD/5304/2024'],
    ['signedAt', '2024-03-05T02:15:00.001Z'],
    ['signerName', 'Dra. Siti Aminah, M.Si'],
    ['signerPosition', 'Sekretaris KPU Kabupaten Sumbawa'],
    ['capacity', 'PLT'],
    ['documentSha256', sha256Hex('the pdf bytes!')],
  ];
  it.each(changes)('fails when %s changes', async (field, value) => {
    const sig = await signer.sign(payload);
    expect(await signer.verify({ ...payload, [field]: value }, sig)).toBe(false);
  });

  it('fails when any single bit of the document hash changes', async () => {
    const sig = await signer.sign(payload);
    for (let i = 0; i < payload.documentSha256.length; i++) {
      const c = payload.documentSha256[i];
      const flipped = (parseInt(c, 16) ^ 1).toString(16);
      const hash = payload.documentSha256.slice(0, i) + flipped + payload.documentSha256.slice(i + 1);
      expect(await signer.verify({ ...payload, documentSha256: hash }, sig)).toBe(false);
    }
  });

  it('fails with another key, and a public-key-only signer verifies but cannot sign', async () => {
    const sig = await signer.sign(payload);
    const other = new Ed25519Signer(generateSigningKey());
    expect(other.keyId).not.toBe(signer.keyId);
    expect(await other.verify(payload, sig)).toBe(false);
    expect(await other.verify(payload, await other.sign(payload))).toBe(true);

    const verifyOnly = new Ed25519Signer({ publicKeyPem: key.publicKeyPem });
    expect(verifyOnly.keyId).toBe(key.keyId);
    expect(await verifyOnly.verify(payload, sig)).toBe(true);
    await expect(verifyOnly.sign(payload)).rejects.toThrow(/no private key/);
  });

  it('rejects malformed or tampered signatures without throwing', async () => {
    const sig = await signer.sign(payload);
    const bytes = Buffer.from(sig, 'base64url');
    bytes[10] ^= 0x01;
    expect(await signer.verify(payload, bytes.toString('base64url'))).toBe(false);
    expect(await signer.verify(payload, '')).toBe(false);
    expect(await signer.verify(payload, sig.slice(0, -2))).toBe(false);
    expect(await signer.verify(payload, `${sig}==`)).toBe(false);
    expect(await signer.verify(payload, Buffer.from(sig, 'base64url').toString('base64'))).toBe(false); // padded base64
    expect(await signer.verify({ ...payload, documentSha256: 'nope' }, sig)).toBe(false);
  });

  it('refuses a key pair whose halves do not match', () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    expect(() => new Ed25519Signer({ privateKeyPem: a.privateKeyPem, publicKeyPem: b.publicKeyPem })).toThrow(/does not belong/);
  });

  it('signs exactly the canonical payload', () => {
    expect(canonicalPayload(payload)).toBe(
      '{"capacity":"SENDIRI","documentSha256":"' + payload.documentSha256 + '","letterId":"01HQ3Z8K6T2V9X",' +
        '"number":"1/PY.01.1-SD/5304/2024","signedAt":"2024-03-05T02:15:00.000Z",' +
        '"signerName":"Dra. Siti Aminah, M.Si.","signerPosition":"Ketua KPU Kabupaten Sumbawa"}',
    );
  });
});
