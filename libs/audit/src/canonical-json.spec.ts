import { canonicalJson } from './canonical-json';

describe('canonical JSON (what the audit chain hashes)', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[{"x":1,"y":2}]},"b":1}');
  });

  it('gives the same text however the keys were ordered', () => {
    const stored = JSON.parse('{"status":"SENT","to":[{"office":"52","kind":"TO"}],"id":7}');
    expect(canonicalJson(stored)).toBe(canonicalJson({ id: 7, to: [{ kind: 'TO', office: '52' }], status: 'SENT' }));
  });

  it('keeps array order, which carries meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined properties like JSON does and writes a lone undefined as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined])).toBe(JSON.stringify([undefined]));
  });

  it('writes dates as ISO strings and escapes strings as JSON does', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z') })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
    expect(canonicalJson({ hal: 'Undangan "Rapat"\n\u00e9' })).toBe(JSON.stringify({ hal: 'Undangan "Rapat"\n\u00e9' }));
  });

  it('round-trips: its output parses back to the same value', () => {
    const v = { z: [1, 'dua', { tiga: true }], a: -1.5, m: { n: null } };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });
});
