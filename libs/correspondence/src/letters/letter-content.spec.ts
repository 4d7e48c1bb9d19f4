import { BODY_LIMITS, type BodyDoc } from './letter-content';
import { diffBodies, diffTypeFields } from './letter-content-diff';
import { bodyDocToText, textToBodyDoc } from './letter-content-text';
import { fieldsOfOtherTypes, validateBodyDoc, validateTypeFields } from './letter-content-validation';

const t = (text: string, marks?: ('bold' | 'italic' | 'underline')[]) => ({ type: 'text' as const, text, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: ReturnType<typeof t>[]) => ({ type: 'paragraph' as const, content });
const li = (text: string) => ({ type: 'listItem' as const, content: [p(t(text))] });

describe('letter content model', () => {
  it('derives the plain text: blank line between blocks, list markers by depth and style, table cells tab-separated', () => {
    const doc: BodyDoc = {
      type: 'doc',
      content: [
        p(t('Menimbang:')),
        { type: 'orderedList', attrs: { listStyle: 'lower-alpha' }, content: [li('bahwa satu'), { type: 'listItem', content: [p(t('bahwa dua')), { type: 'orderedList', content: [li('butir')] }] }] },
        { type: 'orderedList', attrs: { start: 4, listStyle: 'lower-roman' }, content: [li('empat')] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p(t('No'))] }, { type: 'tableHeader', content: [p(t('Nama'))] }] }, { type: 'tableRow', content: [{ type: 'tableCell', content: [p(t('1'))] }, { type: 'tableCell', content: [p(t('Ṣalāḥ'))] }] }] },
      ],
    };
    expect(bodyDocToText(doc)).toBe('Menimbang:\n\na. bahwa satu\nb. bahwa dua\n  a. butir\n\niv. empat\n\nNo\tNama\n1\tṢalāḥ');
  });

  it('reads a plain-text body as paragraphs (blank lines), hard breaks (single newlines), tabs as spaces', () => {
    expect(textToBodyDoc('Satu\r\nbaris dua\n \nTiga\tempat\n\n\n')).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [t('Satu'), { type: 'hardBreak' }, t('baris dua')] }, p(t('Tiga empat'))],
    });
    expect(textToBodyDoc('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(validateBodyDoc(textToBodyDoc('a\n\nb\nc')).problems).toEqual([]);
  });

  it('holds the body to its limits, naming the path', () => {
    const long = { type: 'doc', content: [p(t('x'.repeat(BODY_LIMITS.textNodeChars + 1)))] };
    expect(validateBodyDoc(long).problems[0].field).toBe('bodyDoc.content[0].content[0].text');
    const many = { type: 'doc', content: Array.from({ length: 11 }, () => p(t('y'.repeat(BODY_LIMITS.textNodeChars)))) };
    expect(validateBodyDoc(many).problems).toEqual([{ field: 'bodyDoc', reason: expect.stringContaining(`${BODY_LIMITS.textChars}`) }]);
    expect(validateBodyDoc({ type: 'doc', content: [] }).problems[0].field).toBe('bodyDoc.content');
    expect(validateBodyDoc({ type: 'doc', content: [{ type: 'listItem', content: [] }] }).problems[0].field).toBe('bodyDoc.content[0].type');
    expect(validateBodyDoc({ type: 'doc', content: [p(t('a', ['bold', 'bold']))] }).problems[0].field).toBe('bodyDoc.content[0].content[0].marks[1]');
    expect(validateBodyDoc({ type: 'doc', content: [{ type: 'paragraph', attrs: { style: 'color:red' }, content: [t('a')] }] }).problems[0].field).toBe('bodyDoc.content[0].attrs.style');
  });

  it('checks typed fields: shapes while drafting, completeness at submit, real dates, other types named', () => {
    expect(validateTypeFields('Und', { events: [] }).problems).toEqual([]);
    expect(validateTypeFields('Und', { events: [] }, { complete: true }).problems).toEqual([{ field: 'typeFields.events', reason: 'minimal 1 isian (at least 1 items)' }]);
    expect(validateTypeFields('Und', null, { complete: true }).problems[0].field).toBe('typeFields');
    expect(validateTypeFields('SD', null, { complete: true }).problems).toEqual([]);
    expect(validateTypeFields('BA', { eventDate: '2028-02-29', place: 'Aula', parties: [] }, { complete: true }).problems).toEqual([]);
    expect(validateTypeFields('BA', { eventDate: '2026-02-29' }).problems[0].field).toBe('typeFields.eventDate');
    expect(validateTypeFields('SD', { events: [] }).problems[0]).toEqual({ field: 'typeFields.events', reason: expect.stringContaining('Und') });
    expect(validateTypeFields('SKet', { subject: { name: '   ', position: 'Staf' } }).problems[0]).toEqual({ field: 'typeFields.subject.name', reason: 'tidak boleh kosong (must not be empty)' });
    expect(validateTypeFields('SKet', { subject: { name: 'A', position: 'Staf', nip: '1234567890123456789' } }).problems[0].field).toBe('typeFields.subject.nip');
    expect(validateTypeFields('ST', { closing: 'HORMAT' }).problems[0].field).toBe('typeFields.closing');
    // a field two types share (place: ST and BA) is each one's own; what a change of type leaves behind is named
    expect(validateTypeFields('ST', { place: 'Alas' }).problems).toEqual([]);
    expect(fieldsOfOtherTypes('BA', { place: 'Alas', basis: ['x'], closing: 'NONE' })).toEqual(['basis']);
  });

  it('diffs bodies by block (a formatting change counts) and typed fields by path', () => {
    const a: BodyDoc = { type: 'doc', content: [p(t('Satu')), p(t('Dua')), { type: 'bulletList', content: [li('x'), li('y')] }] };
    const b: BodyDoc = { type: 'doc', content: [p(t('Satu', ['bold'])), p(t('Dua')), { type: 'bulletList', content: [li('x'), li('z'), li('w')] }] };
    expect(diffBodies(a, b).map((c) => [c.change, c.kind, c.beforePath, c.afterPath, c.after])).toEqual([
      ['CHANGED', 'paragraph', 'content[0]', 'content[0]', 'Satu'],
      ['CHANGED', 'listItem', 'content[2].content[1]', 'content[2].content[1]', '• z'],
      ['ADDED', 'listItem', null, 'content[2].content[2]', '• w'],
    ]);
    expect(diffBodies(a, a)).toEqual([]);
    expect(diffTypeFields(null, { about: 'X' })).toEqual([{ path: 'about', before: null, after: 'X' }]);
    expect(diffTypeFields({ basis: ['a', 'b'] }, { basis: ['a'] })).toEqual([{ path: 'basis[1]', before: 'b', after: null }]);
  });
});
