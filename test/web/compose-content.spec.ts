import { fromPlainBody, toBodyDoc, toPayload, toPlainBody, initialValues } from '../../apps/web/src/compose/content';

/**
 * The compose page's adapter (apps/web/src/compose/content.ts): the editor's Tiptap JSON becomes the
 * contract's BodyDoc (libs/correspondence/src/letters/letter-content.ts) with nothing the contract
 * does not name, and — until the API accepts bodyDoc — the plain `body` the API stores.
 */
describe('compose content adapter', () => {
  // what editor.getJSON() gives for: a paragraph with a bold word and a break, a numbered list, a 2 × 3 table
  const tiptap = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        attrs: { textAlign: null },
        content: [
          { type: 'text', text: 'Mohon petunjuk ' },
          { type: 'text', text: 'segera', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'x' } }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'atas hal berikut:' },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 1, type: null },
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', attrs: { textAlign: null }, content: [{ type: 'text', text: 'Jadwal coklit' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', attrs: { textAlign: 'justify' }, content: [{ type: 'text', text: 'Format BA' }] }] },
        ],
      },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: ['Kecamatan', 'Pemilih', 'TPS'].map((t) => ({ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
          { type: 'tableRow', content: ['Alas', '12.345', '41'].map((t) => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
        ],
      },
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'tidak ada di kontrak' }] },
    ],
  };

  it('keeps only what the contract names (no null attributes, no link mark, no unknown node)', () => {
    expect(toBodyDoc(tiptap)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Mohon petunjuk ' }, { type: 'text', text: 'segera', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'atas hal berikut:' }] },
        {
          type: 'orderedList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Jadwal coklit' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', attrs: { textAlign: 'justify' }, content: [{ type: 'text', text: 'Format BA' }] }] },
          ],
        },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: ['Kecamatan', 'Pemilih', 'TPS'].map((t) => ({ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
            { type: 'tableRow', content: ['Alas', '12.345', '41'].map((t) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
          ],
        },
      ],
    });
  });

  it('derives the plain body the API stores today: paragraphs, numbered items, table rows', () => {
    expect(toPlainBody(toBodyDoc(tiptap))).toBe('Mohon petunjuk segera\natas hal berikut:\n\n1. Jadwal coklit\n2. Format BA\n\nKecamatan | Pemilih | TPS\nAlas | 12.345 | 41');
    const payload = toPayload({ ...initialValues(), typeCode: 'SD', subject: '  Hal  ', bodyDoc: toBodyDoc(tiptap), recipients: [{ kind: 'TO', positionId: 8, officeId: undefined }] });
    expect(payload.subject).toBe('Hal');
    expect(payload.recipients).toEqual([{ kind: 'TO', positionId: 8 }]);
    expect(payload).not.toHaveProperty('bodyDoc'); // bodyDoc/typeFields: sent once the API accepts them
    expect(payload).not.toHaveProperty('summary');
  });

  it('reads a plain body (saved before bodyDoc) as paragraphs with their line breaks', () => {
    expect(fromPlainBody('Dengan hormat,\r\n\r\nBaris satu\nbaris dua\n\n\n')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Dengan hormat,' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Baris satu' }, { type: 'hardBreak' }, { type: 'text', text: 'baris dua' }] },
      ],
    });
    expect(toPlainBody(fromPlainBody('Dengan hormat,\n\nBaris satu\nbaris dua'))).toBe('Dengan hormat,\n\nBaris satu\nbaris dua');
  });
});
