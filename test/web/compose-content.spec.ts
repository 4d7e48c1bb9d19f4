import { fromLetter, fromPlainBody, toBodyDoc, toPayload, toPlainBody, initialValues, type LetterView } from '../../apps/web/src/compose/content';
import { apiFieldErrors } from '../../apps/web/src/compose/api-fields';
import { bodyDocToText } from '../../libs/correspondence/src/letters/letter-content-text';
import { fieldsOfOtherTypes, validateBodyDoc, validateTypeFields } from '../../libs/correspondence/src/letters/letter-content-validation';

/**
 * The compose page's adapter (apps/web/src/compose/content.ts): the editor's Tiptap JSON becomes the
 * contract's BodyDoc (libs/correspondence/src/letters/letter-content.ts) with nothing the contract
 * does not name; the payload carries `bodyDoc` and the type's cleaned `typeFields`, which the server's
 * own validator (the one POST/PATCH /api/letters and submit run) accepts whole.
 */
describe('compose content adapter', () => {
  const letterView = {
    id: '01JF0000000000000000000000',
    typeCode: 'Und',
    subject: 'Undangan rapat',
    summary: null,
    body: 'Dengan hormat',
    bodyDoc: fromPlainBody('Dengan hormat'),
    typeFields: null,
    securityClass: 'B',
    urgency: 'BIASA',
    classificationCode: 'PY.01',
    recipients: [],
    reviewerPositionIds: [],
    signerPositionId: 3,
  } as unknown as LetterView;

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

  it('sends the document and no plain body; its text is what the API derives for search', () => {
    const payload = toPayload({ ...initialValues(), typeCode: 'SD', subject: '  Hal  ', bodyDoc: toBodyDoc(tiptap), recipients: [{ kind: 'TO', positionId: 8, officeId: undefined }] });
    expect(payload.subject).toBe('Hal');
    expect(payload.recipients).toEqual([{ kind: 'TO', positionId: 8 }]);
    expect(payload).not.toHaveProperty('body');
    expect(payload).not.toHaveProperty('summary');
    expect(payload.bodyDoc).toEqual(toBodyDoc(tiptap));
    expect(validateBodyDoc(payload.bodyDoc).problems).toEqual([]);
    expect(payload.typeFields).toBeNull(); // Surat Dinas without lampiran: no typed fields
    expect(toPlainBody(payload.bodyDoc)).toBe('Mohon petunjuk segera\natas hal berikut:\n\n1. Jadwal coklit\n2. Format BA\n\nKecamatan | Pemilih | TPS\nAlas | 12.345 | 41');
    expect(bodyDocToText(payload.bodyDoc)).toContain('Kecamatan');
  });

  it('cleans the typed fields: only the type\'s own, empty optional ones omitted, diktum as { text }', () => {
    // an Undangan whose form still holds a Keputusan's field from a type chosen before, an empty end time and pakaian
    const und = toPayload({
      ...initialValues(),
      typeCode: 'Und',
      typeFields: {
        events: [{ date: '2026-12-14', startTime: '09:00', endTime: undefined, place: ' Aula KPU ', agenda: 'Rapat pleno' }],
        attire: '   ',
        contact: 'Sdr. Ahmad (0812 3456 7890)',
        about: 'sisa jenis sebelumnya',
        appendices: [],
      },
    });
    expect(und.typeFields).toEqual({ events: [{ date: '2026-12-14', startTime: '09:00', place: 'Aula KPU', agenda: 'Rapat pleno' }], contact: 'Sdr. Ahmad (0812 3456 7890)' });
    expect(validateTypeFields('Und', und.typeFields, { complete: true }).problems).toEqual([]);
    expect(fieldsOfOtherTypes('Und', und.typeFields)).toEqual([]);

    const kptForm = { about: 'Penetapan Jadwal', considering: ['bahwa …', ''], observing: ['UU 7/2017'], noting: [''], decrees: ['Menetapkan jadwal.', 'Berlaku sejak ditetapkan.'] };
    const kpt = toPayload({ ...initialValues(), typeCode: 'Kpt', typeFields: kptForm as never });
    expect(kpt.typeFields).toEqual({ about: 'Penetapan Jadwal', considering: ['bahwa …'], observing: ['UU 7/2017'], decrees: [{ text: 'Menetapkan jadwal.' }, { text: 'Berlaku sejak ditetapkan.' }] });
    expect(validateTypeFields('Kpt', kpt.typeFields, { complete: true }).problems).toEqual([]);
    // and back: the form holds diktum as texts again
    const back = fromLetter({ ...letterView, typeCode: 'Kpt', typeFields: kpt.typeFields } as LetterView);
    expect(back.typeFields).toEqual({ about: 'Penetapan Jadwal', considering: ['bahwa …'], observing: ['UU 7/2017'], decrees: ['Menetapkan jadwal.', 'Berlaku sejak ditetapkan.'] });
  });

  it('reads the document and the typed fields from the API, not from this browser', () => {
    const doc = toBodyDoc(tiptap);
    const v = fromLetter({ ...letterView, bodyDoc: doc, typeFields: { events: [{ date: '2026-12-14', startTime: '09:00', place: 'Aula', agenda: 'Rapat' }] } } as LetterView);
    expect(v.bodyDoc).toEqual(doc);
    expect(v.typeFields).toEqual({ events: [{ date: '2026-12-14', startTime: '09:00', place: 'Aula', agenda: 'Rapat' }] });
    expect(fromLetter({ ...letterView, typeFields: null } as LetterView).typeFields).toEqual({});
  });

  it('puts the API\'s paths (typeFields.events[0].date, bodyDoc.content[3]…, 422 of submit) at the form\'s fields', () => {
    // what the client's ApiError holds for the API's 422 (status, code, details.fields)
    const err = Object.assign(new Error('Isian jenis naskah belum lengkap'), {
      status: 422,
      code: 'TYPE_FIELDS_INCOMPLETE',
      fields: [
        { field: 'typeFields.events[0].date', reason: 'tanggal wajib diisi (required)' },
        { field: 'typeFields.decrees[1].text', reason: 'diktum wajib diisi' },
        { field: 'typeFields.period.end', reason: 'akhir sebelum awal' },
        { field: 'bodyDoc.content[3].content[0]', reason: 'tabel terlalu lebar' },
        { field: 'typeFields.onBehalfOfPositionId', reason: 'a.n. harus atasan penandatangan' },
        { field: 'typeFields.throughPositionId', reason: 'u.b. harus di antara penandatangan dan a.n.' },
      ],
    });
    const { fields, rest } = apiFieldErrors(err);
    expect(fields).toEqual([
      { name: ['typeFields', 'events', 0, 'date'], errors: ['tanggal wajib diisi'] },
      { name: ['typeFields', 'decrees', 1], errors: ['diktum wajib diisi'] },
      { name: ['typeFields', 'period'], errors: ['akhir sebelum awal'] },
      { name: ['bodyDoc'], errors: ['tabel terlalu lebar'] },
      { name: ['typeFields', 'onBehalfOfPositionId'], errors: ['a.n. harus atasan penandatangan'] },
    ]);
    expect(rest).toEqual(['u.b. (untuk beliau): u.b. harus di antara penandatangan dan a.n.']);
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
