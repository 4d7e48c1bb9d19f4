import { extractEmbeddedVerification, verificationKeywords } from './pdf-metadata';

describe('pdf metadata', () => {
  it('builds the Keywords entry', () => {
    expect(verificationKeywords('01HQ3Z8K6T2V9X')).toBe('naskah:letter=01HQ3Z8K6T2V9X');
    expect(() => verificationKeywords('')).toThrow(RangeError);
    expect(() => verificationKeywords('x'.repeat(101))).toThrow(RangeError);
    expect(() => verificationKeywords('a b')).toThrow(RangeError);
  });

  it('returns null for non-PDF input or a PDF without a claim', () => {
    expect(extractEmbeddedVerification(Buffer.from('(naskah:letter=42)'))).toBeNull();
    expect(extractEmbeddedVerification(Buffer.from('%PDF-1.7\n1 0 obj\n(Other)\nendobj\n%%EOF'))).toBeNull();
    expect(extractEmbeddedVerification(Buffer.alloc(0))).toBeNull();
  });

  it('takes the last claim when a PDF was updated incrementally', () => {
    const pdf = Buffer.from('%PDF-1.7\n9 0 obj\n(naskah:letter=1)\nendobj\n%%EOF\n9 0 obj\n(naskah:letter=2)\nendobj\n%%EOF');
    expect(extractEmbeddedVerification(pdf)).toBe('2');
  });
});
