import { KEPUTUSAN, KPU_CURRENT, KPU_LEGACY_UNIT, KPU_RI_LEGACY_DECISION, NUMBER_TEMPLATES, parseTemplate, placeholdersOf, validateTemplate } from './index';

describe('validateTemplate', () => {
  it('accepts every built-in template', () => {
    for (const tpl of Object.values(NUMBER_TEMPLATES)) expect(validateTemplate(tpl)).toEqual({ ok: true });
  });

  it('accepts every placeholder and a padded sequence', () => {
    expect(validateTemplate('{seq:5}{classification}{type}{region}{unit}{office}{romanMonth}{month}{year}{day}')).toEqual({ ok: true });
  });

  it('requires {seq}', () => {
    expect(validateTemplate('{type}/{year}')).toEqual({ ok: false, errors: ['templat harus memuat {seq}'] });
    expect(validateTemplate('')).toEqual({ ok: false, errors: ['templat harus memuat {seq}'] });
  });

  it('names unknown placeholders, empty braces and misplaced widths', () => {
    expect(validateTemplate('{seq}/{foo}/{}/{year:4}/{Seq}')).toEqual({
      ok: false,
      errors: [
        'placeholder tidak dikenal: {foo}',
        'placeholder kosong {}',
        'hanya {seq} yang dapat diberi lebar digit: {year:4}',
        'placeholder tidak dikenal: {Seq}',
      ],
    });
  });

  it('bounds the sequence width', () => {
    expect(validateTemplate('{seq:0}').ok).toBe(false);
    expect(validateTemplate('{seq:13}').ok).toBe(false);
    expect(validateTemplate('{seq:12}').ok).toBe(true);
  });

  it.each([
    ['{seq/{year}', "kurung kurawal tidak seimbang: '{' pada posisi 1 tidak ditutup"],
    ['{seq}/{year', "kurung kurawal tidak seimbang: '{' pada posisi 7 tidak ditutup"],
    ['{seq}}/{year}', "kurung kurawal tidak seimbang: '}' pada posisi 6 tanpa '{'"],
    ['{{seq}}', "kurung kurawal tidak seimbang: '{' pada posisi 1 tidak ditutup"],
  ])('reports unbalanced braces in %p', (tpl, message) => {
    const res = validateTemplate(tpl);
    expect(res.ok).toBe(false);
    expect(res.ok ? [] : res.errors).toContain(message);
  });

  it('bounds the length to the stored column', () => {
    expect(validateTemplate(`{seq}${'x'.repeat(200)}`)).toEqual({ ok: false, errors: ['templat lebih dari 200 karakter'] });
  });

  it('refuses a non-string', () => {
    expect(validateTemplate(42 as unknown as string)).toEqual({ ok: false, errors: ['templat harus berupa teks'] });
  });
});

describe('placeholdersOf and parseTemplate', () => {
  it('lists distinct names in order, without widths', () => {
    expect(placeholdersOf(KPU_CURRENT)).toEqual(['seq', 'classification', 'type', 'region', 'year']);
    expect(placeholdersOf(KPU_LEGACY_UNIT)).toEqual(['seq', 'classification', 'type', 'unit', 'romanMonth', 'year']);
    expect(placeholdersOf(KPU_RI_LEGACY_DECISION)).toEqual(['seq', 'classification', 'type', 'unit', 'office', 'romanMonth', 'year']);
    expect(placeholdersOf('{seq:4}/{year}/{seq}')).toEqual(['seq', 'year']);
    expect(placeholdersOf('no placeholders')).toEqual([]);
  });

  it('splits into literal and placeholder parts', () => {
    expect(parseTemplate(KEPUTUSAN)).toEqual([
      { kind: 'literal', text: 'Nomor ' },
      { kind: 'placeholder', name: 'seq' },
      { kind: 'literal', text: ' Tahun ' },
      { kind: 'placeholder', name: 'year' },
    ]);
    expect(parseTemplate('{seq:3}')).toEqual([{ kind: 'placeholder', name: 'seq', width: 3 }]);
  });

  it('throws NUMBER_TEMPLATE_INVALID with every problem', () => {
    expect(() => parseTemplate('{foo')).toThrow(expect.objectContaining({ code: 'NUMBER_TEMPLATE_INVALID', problems: expect.arrayContaining(['templat harus memuat {seq}']) }));
  });
});
