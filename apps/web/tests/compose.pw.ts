import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, fixture, shot, signIn, SHOTS, test } from './support';

/**
 * Naskah keluar — compose (issue 13): kasubbag.umum.5204 drafts in the browser; the API, the
 * database and the route planner are the real ones (scripts/web-test-server.ts).
 */
const DRAFTER = 'kasubbag.umum.5204';
// a whole letter typed key by key on a shared 2-core machine takes longer than the suite's 60 s default
test.describe.configure({ timeout: 180_000 });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The antd form item whose label is `label` (its errors and controls are inside). */
const item = (page: Page, label: string | RegExp) => page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) }).first();

async function choose(page: Page, field: Locator, search: string | null, option: string | RegExp) {
  await field.click();
  if (search !== null) await field.fill(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** The archive classification, searched in the tree and picked (the lowest code). */
async function classify(page: Page, search: string, node: string) {
  const cls = page.getByRole('combobox', { name: 'Kode klasifikasi arsip' });
  await cls.click();
  await cls.fill(search);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', { hasText: node });
  await expect(option).toHaveCount(1);
  await option.click();
  await expect(item(page, 'Kode klasifikasi arsip')).toContainText(node);
}

async function serious(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)); // antd fades (a help text mid fade-in has too little contrast)
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function startLetter(page: Page, type: string) {
  await page.goto('/naskah/baru');
  await signIn(page, DRAFTER); // each test has a browser context of its own
  await expect(page.getByRole('heading', { level: 1, name: 'Buat naskah' })).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: 'Jenis naskah' }), type, new RegExp(`^${type}$`));
  await expect(page.getByLabel('Hal')).toBeVisible();
}

/**
 * Another browser (a context of its own: no localStorage, no cookies of the first) signed in as
 * `username` at `path`: what it shows comes from the server.
 */
async function elsewhere(browser: Browser, username: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture().baseURL });
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, username);
  return page;
}

async function addSigner(page: Page) {
  await choose(page, page.getByRole('combobox', { name: 'Penandatangan' }), null, /^Ketua — /);
}

test('kasubbag composes a Surat Dinas to the Sekretaris Jenderal: body, classification, attachment, route, reviewers, signer; saved, opened in another browser, submitted, read by the reviewer', async ({ page, browser }) => {
  await page.goto('/naskah/baru');
  await signIn(page, DRAFTER);
  await expect(page.getByRole('heading', { level: 1, name: 'Buat naskah' })).toBeVisible();
  // the page title is set like every other page's (24 px, from the top), not the browser's big h1
  expect(await page.getByRole('heading', { level: 1, name: 'Buat naskah' }).evaluate((h) => [getComputedStyle(h).fontSize, getComputedStyle(h).marginTop])).toEqual(['24px', '0px']);
  await choose(page, page.getByRole('combobox', { name: 'Jenis naskah' }), 'Surat', /^Surat Dinas$/);

  const subject = 'Permohonan petunjuk teknis pemutakhiran data pemilih berkelanjutan';
  await page.getByLabel('Hal').fill(subject);
  await page.getByLabel('Ringkasan').fill('Petunjuk teknis PDPB semester II');
  await choose(page, page.getByRole('combobox', { name: 'Sifat (kesegeraan)' }), null, /^Segera$/);

  // classification: searched by its title in the tree, the lowest code picked
  await classify(page, 'Laporan Keuangan', 'PY.01.2 — Laporan Keuangan');

  // the body: a bold word, a numbered list of two, a 2 × 3 table
  const editor = page.getByRole('textbox', { name: 'Isi naskah' });
  await editor.click();
  await page.keyboard.type('Dengan hormat, bersama ini kami mohon petunjuk ');
  await page.getByRole('button', { name: 'Tebal' }).click();
  await page.keyboard.type('segera');
  await page.getByRole('button', { name: 'Tebal' }).click();
  await page.keyboard.type(' atas hal berikut:');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Daftar bernomor' }).click();
  await page.keyboard.type('Jadwal coklit ulang');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Format berita acara rekapitulasi');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // leaves the list
  await page.keyboard.type('Data per kecamatan:');
  await page.getByRole('button', { name: 'Sisipkan tabel 2 × 3' }).click();
  for (const [i, cell] of ['Kecamatan', 'Pemilih', 'TPS', 'Alas', '12.345', '41'].entries()) {
    if (i) await page.keyboard.press('Tab'); // Tab in the last cell would add a row
    await page.keyboard.type(cell);
  }
  await expect(editor.locator('strong')).toHaveText('segera');
  await expect(editor.locator('ol > li')).toHaveCount(2);
  await expect(editor.locator('table tr')).toHaveCount(2);
  await expect(editor.locator('table th, table td')).toHaveCount(6);

  // the addressee by search; the route preview says it goes through the province
  const search = page.getByRole('combobox', { name: 'Cari tujuan atau tembusan' });
  await search.click();
  await search.fill('Sekretaris Jenderal');
  await page.locator('.ant-select-item-option', { hasText: 'Sekretaris Jenderal Komisi Pemilihan Umum Republik Indonesia' }).first().click();
  await expect(page.getByRole('region', { name: 'Tujuan dan tembusan terpilih' })).toContainText('Sekretaris Jenderal Komisi Pemilihan Umum Republik Indonesia');
  await expect(page.locator('.naskah-route')).toContainText(/melalui KPU Provinsi Nusa Tenggara Barat/);

  // two reviewers in order, the signer
  const reviewer = page.getByRole('combobox', { name: 'Jabatan pemeriksa' });
  await choose(page, reviewer, 'Teknis', /^Kepala Subbagian Teknis/);
  await page.getByRole('button', { name: 'Tambah pemeriksa' }).click();
  await choose(page, reviewer, 'Sekretaris', /^Sekretaris — /);
  await page.getByRole('button', { name: 'Tambah pemeriksa' }).click();
  await addSigner(page);

  await expect(page.getByText('Simpan konsep terlebih dahulu')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page).toHaveURL(/\/naskah\/[^/]+\/ubah$/);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();

  // the attachment, once the draft exists
  await page.locator('input[type=file]').setInputFiles({ name: 'daftar-pemilih-alas.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('region', { name: 'Lampiran berkas' })).toContainText('daftar-pemilih-alas.pdf');
  // a type the API refuses (415): said at the field, in Indonesian
  await page.locator('input[type=file]').setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('catatan rapat') });
  await expect(page.getByRole('alert').filter({ hasText: 'catatan.txt: Jenis berkas tidak didukung' })).toBeVisible();
  await shot(page, '20-buat-naskah-surat-dinas');

  // another browser (nothing of this one's storage): everything comes back from the server
    const id = page.url().split('/').at(-2)!;
    const other = await elsewhere(browser, DRAFTER, `/naskah/${id}/ubah`);
    {
      const page = other;
    await expect(page.getByRole('heading', { level: 1, name: `Ubah konsep: ${subject}` })).toBeVisible();
    await expect(page.getByLabel('Hal')).toHaveValue(subject);
    await expect(item(page, 'Jenis naskah')).toContainText('Surat Dinas');
    await expect(item(page, 'Sifat (kesegeraan)')).toContainText('Segera');
    await expect(item(page, 'Kode klasifikasi arsip')).toContainText('PY.01.2 — Laporan Keuangan');
    const again = page.getByRole('textbox', { name: 'Isi naskah' });
    await expect(again.locator('strong')).toHaveText('segera');
    await expect(again.locator('ol > li')).toHaveText(['Jadwal coklit ulang', 'Format berita acara rekapitulasi']);
    await expect(again.locator('table th, table td')).toHaveText(['Kecamatan', 'Pemilih', 'TPS', 'Alas', '12.345', '41']);
    await expect(page.getByRole('region', { name: 'Tujuan dan tembusan terpilih' })).toContainText('Sekretaris Jenderal Komisi Pemilihan Umum Republik Indonesia');
    await expect(page.locator('.naskah-route')).toContainText(/melalui KPU Provinsi Nusa Tenggara Barat/);
    const reviewers = page.getByRole('region', { name: 'Urutan pemeriksa' }).locator('.ant-list-item');
    await expect(reviewers).toHaveCount(2);
    await expect(reviewers.nth(0)).toContainText('1. Kepala Subbagian Teknis');
    await expect(reviewers.nth(1)).toContainText('2. Sekretaris');
    await expect(item(page, 'Penandatangan')).toContainText('Ketua');
    await expect(page.getByRole('region', { name: 'Lampiran berkas' })).toContainText('daftar-pemilih-alas.pdf');
    await shot(page, '21-konsep-dibuka-di-peramban-lain');
    await page.context().close();
  }

  // submitted for review: it leaves the drafts for "dalam pemeriksaan"
  await page.getByRole('button', { name: 'Ajukan untuk diperiksa' }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText('Dalam pemeriksaan', { exact: true }).first()).toBeVisible();

  // the first reviewer, in a browser of their own, reads the body as it was written
  const firstReviewer = await elsewhere(browser, 'kasubbag.teknis.5204', `/naskah/${id}`);
  await expect(firstReviewer.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const body = firstReviewer.locator('.letter-doc').first();
  await expect(body.locator('strong')).toHaveText('segera');
  await expect(body).toContainText('Dengan hormat, bersama ini kami mohon petunjuk segera atas hal berikut:');
  await expect(body.locator('ol > li')).toHaveText(['1.Jadwal coklit ulang', '2.Format berita acara rekapitulasi']);
  await expect(body.locator('table th')).toHaveText(['Kecamatan', 'Pemilih', 'TPS']);
  await expect(body.locator('table td')).toHaveText(['Alas', '12.345', '41']);
  await expect(body.locator('script, [style*="expression"]')).toHaveCount(0);
  await shot(firstReviewer, '21b-naskah-dibaca-pemeriksa');
  await firstReviewer.context().close();
});

test('an Undangan with two events; the events come back in another browser and the letter page shows the acara', async ({ page, browser }) => {
  await startLetter(page, 'Undangan');
  await page.getByLabel('Hal').fill('Undangan rapat koordinasi pemutakhiran data pemilih');
  await classify(page, 'PY.01.3', 'PY.01.3 — ');
  await page.getByRole('textbox', { name: 'Isi naskah' }).click();
  await page.keyboard.type('Dengan hormat, kami mengundang Saudara pada acara berikut.');

  const events = [
    { date: '14/12/2026', shown: 'Senin, 14 Desember 2026', start: '09.00', end: '12.00', place: 'Aula KPU Kabupaten Sumbawa', agenda: 'Rapat koordinasi PDPB' },
    { date: '15/12/2026', shown: 'Selasa, 15 Desember 2026', start: '13.30', end: '', place: 'Ruang rapat Sekretariat', agenda: 'Bimbingan teknis operator Sidalih' },
  ];
  for (const [i, e] of events.entries()) {
    await page.getByRole('button', { name: 'Tambah acara' }).click();
    const n = i + 1;
    await page.getByLabel(`Tanggal acara ${n}`).fill(e.date);
    await page.getByLabel(`Tanggal acara ${n}`).press('Enter');
    await page.getByLabel(`Jam mulai acara ${n}`).fill(e.start);
    await page.getByLabel(`Jam mulai acara ${n}`).press('Enter');
    if (e.end) {
      await page.getByLabel(`Jam selesai acara ${n}`).fill(e.end);
      await page.getByLabel(`Jam selesai acara ${n}`).press('Enter');
    }
    await page.getByLabel(`Tempat acara ${n}`).fill(e.place);
    await page.getByLabel(`Agenda acara ${n}`).fill(e.agenda);
  }
  await page.getByLabel('Nama pihak luar KPU').fill('Bupati Sumbawa');
  await page.getByRole('button', { name: 'Tambah pihak luar' }).click();
  await addSigner(page);
  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page).toHaveURL(/\/naskah\/[^/]+\/ubah$/);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();
  await shot(page, '22-undangan-dua-acara');

  const id = page.url().split('/').at(-2)!;
  const other = await elsewhere(browser, DRAFTER, `/naskah/${id}/ubah`);
  await expect(other.getByLabel('Hal')).toHaveValue('Undangan rapat koordinasi pemutakhiran data pemilih');
  for (const [i, e] of events.entries()) {
    const n = i + 1;
    await expect(other.getByLabel(`Tanggal acara ${n}`)).toHaveValue(e.shown);
    await expect(other.getByLabel(`Jam mulai acara ${n}`)).toHaveValue(e.start);
    await expect(other.getByLabel(`Jam selesai acara ${n}`)).toHaveValue(e.end);
    await expect(other.getByLabel(`Tempat acara ${n}`)).toHaveValue(e.place);
    await expect(other.getByLabel(`Agenda acara ${n}`)).toHaveValue(e.agenda);
  }
  await expect(other.getByRole('region', { name: 'Tujuan dan tembusan terpilih' })).toContainText('Bupati Sumbawa');

  // the letter page: the acara block as the invitation prints it
  await other.goto(`/naskah/${id}`);
  const fields = other.getByRole('region', { name: 'Isian jenis naskah' });
  await expect(fields.getByRole('group', { name: 'Acara 1' })).toContainText('Senin, 14 Desember 2026');
  await expect(fields.getByRole('group', { name: 'Acara 1' })).toContainText('09.00 – 12.00 WIB');
  await expect(fields.getByRole('group', { name: 'Acara 1' })).toContainText('Aula KPU Kabupaten Sumbawa');
  await expect(fields.getByRole('group', { name: 'Acara 2' })).toContainText('Selasa, 15 Desember 2026');
  await expect(fields.getByRole('group', { name: 'Acara 2' })).toContainText('13.30 WIB s.d. selesai');
  await expect(fields.getByRole('group', { name: 'Acara 2' })).toContainText('Bimbingan teknis operator Sidalih');
  await shot(other, '22b-naskah-undangan');
  await other.context().close();

  // leaving with unsaved changes asks first; staying keeps what was typed
  await page.getByLabel('Tempat acara 2').fill('Ruang rapat pleno');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Naskah keluar' }).click();
  const ask = page.getByRole('dialog').filter({ hasText: 'Tinggalkan halaman ini?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Tetap di sini' }).click();
  await expect(page).toHaveURL(/\/ubah$/);
  await expect(page.getByLabel('Tempat acara 2')).toHaveValue('Ruang rapat pleno');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Naskah keluar' }).click();
  await ask.getByRole('button', { name: 'Tinggalkan' }).click();
  await expect(page).toHaveURL(/\/naskah-keluar/);
});

test('a Keputusan written through the API is read on the letter page: body with list and table, menimbang, mengingat, diktum, lampiran; the revision tab names what changed', async ({ page, request }) => {
  const login = async (u: string) => ((await (await request.post('/api/auth/login', { data: { username: u, password: fixture().password } })).json()) as { accessToken: string }).accessToken;
  const token = await login(DRAFTER);
  const auth = { authorization: `Bearer ${token}` };
  const signer = (await (await request.get('/api/me', { headers: { authorization: `Bearer ${await login('ketua.5204')}` } })).json()) as { position: { id: number } };
  const text = (t: string, bold = false) => (bold ? { type: 'text', text: t, marks: [{ type: 'bold' }] } : { type: 'text', text: t });
  const cell = (type: 'tableHeader' | 'tableCell', t: string) => ({ type, content: [{ type: 'paragraph', content: [text(t)] }] });
  const letter = {
    typeCode: 'Kpt',
    subject: 'Penetapan jadwal pemutakhiran data pemilih berkelanjutan tahun 2027',
    securityClass: 'B',
    urgency: 'BIASA',
    classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', externalName: 'Para Ketua PPK se-Kabupaten Sumbawa' }],
    reviewerPositionIds: [],
    signerPositionId: signer.position.id,
    bodyDoc: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('Jadwal ditetapkan untuk '), text('seluruh kecamatan', true), text(' sebagai berikut:')] },
        { type: 'orderedList', content: ['Triwulan I: pencocokan data', 'Triwulan II: rekapitulasi'].map((t) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [text(t)] }] })) },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'Tahap'), cell('tableHeader', 'Bulan')] }, { type: 'tableRow', content: [cell('tableCell', 'Coklit'), cell('tableCell', 'Januari')] }] },
      ],
    },
    typeFields: {
      about: 'Jadwal Pemutakhiran Data Pemilih Berkelanjutan Tahun 2027',
      considering: ['bahwa pemutakhiran data pemilih dilaksanakan secara berkelanjutan;', 'bahwa perlu menetapkan jadwalnya;'],
      observing: ['Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;'],
      decrees: [{ text: 'Menetapkan jadwal sebagaimana tercantum dalam Lampiran.' }, { text: 'Keputusan ini mulai berlaku pada tanggal ditetapkan.' }],
      appendices: [{ title: 'Jadwal rinci', content: { type: 'doc', content: [{ type: 'paragraph', content: [text('Januari–Maret: coklit')] }] } }],
    },
  };
  const created = await request.post('/api/letters', { headers: auth, data: letter });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  // a second revision: one considering changed, one paragraph of the body changed
  const edited = await request.patch(`/api/letters/${id}`, {
    headers: auth,
    data: {
      version,
      bodyDoc: { ...letter.bodyDoc, content: [{ type: 'paragraph', content: [text('Jadwal ditetapkan untuk '), text('seluruh kecamatan dan desa', true), text(' sebagai berikut:')] }, ...letter.bodyDoc.content.slice(1)] },
      typeFields: { ...letter.typeFields, considering: ['bahwa pemutakhiran data pemilih dilaksanakan secara berkelanjutan;', 'bahwa perlu menetapkan jadwal pemutakhiran;'] },
    },
  });
  expect(edited.status(), await edited.text()).toBe(200);

  await page.goto(`/naskah/${id}`);
  await signIn(page, DRAFTER);
  await expect(page.getByRole('heading', { level: 1, name: letter.subject })).toBeVisible();
  const body = page.locator('.letter-doc').first();
  await expect(body.locator('strong')).toHaveText('seluruh kecamatan dan desa');
  await expect(body.locator('ol > li')).toHaveText(['1.Triwulan I: pencocokan data', '2.Triwulan II: rekapitulasi']);
  await expect(body.locator('table th')).toHaveText(['Tahap', 'Bulan']);
  const fields = page.getByRole('region', { name: 'Isian jenis naskah' });
  await expect(fields).toContainText('TENTANG JADWAL PEMUTAKHIRAN DATA PEMILIH BERKELANJUTAN TAHUN 2027');
  await expect(fields.locator('li')).toHaveText([
    'a.bahwa pemutakhiran data pemilih dilaksanakan secara berkelanjutan;',
    'b.bahwa perlu menetapkan jadwal pemutakhiran;',
    '1.Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;',
  ]);
  await expect(fields).toContainText('MEMUTUSKAN:');
  await expect(fields.getByRole('row', { name: /KESATU/ })).toContainText('Menetapkan jadwal sebagaimana tercantum dalam Lampiran.');
  await expect(fields.getByRole('row', { name: /KEDUA/ })).toContainText('Keputusan ini mulai berlaku pada tanggal ditetapkan.');
  await expect(page.getByRole('region', { name: 'Halaman lampiran' })).toContainText('Lampiran I: Jadwal rinci');
  await shot(page, '26-naskah-keputusan');

  await page.getByRole('tab', { name: /^Revisi/ }).click();
  const diff = page.getByRole('definition').filter({ has: page.locator('.diff-paragraphs') }).first();
  await expect(diff.locator('ins')).toContainText(['dan desa']);
  await expect(page.locator('.diff-subfields')).toContainText('Menimbang b.');
  await expect(page.locator('.diff-subfields ins')).toContainText(['pemutakhiran']);
  await shot(page, '27-revisi-keputusan');
});

test('the API refuses a field: its reason is shown at that field and nothing typed is lost; a 409 offers a reload', async ({ page, request }) => {
  await startLetter(page, 'Nota Dinas');
  await page.getByLabel('Hal').fill('Ab'); // the API wants 3 to 500 characters
  await classify(page, 'PY.01.4', 'PY.01.4 — ');
  await page.getByRole('textbox', { name: 'Isi naskah' }).click();
  await page.keyboard.type('Mohon arahan tindak lanjut.');
  const search = page.getByRole('combobox', { name: 'Cari tujuan atau tembusan' });
  await search.click();
  await search.fill('5204');
  await page.locator('.ant-select-item-option', { hasText: 'Ketua KPU Kabupaten Sumbawa' }).first().click();
  await addSigner(page);
  await page.getByRole('button', { name: 'Simpan konsep' }).click();

  await expect(item(page, 'Hal').locator('.ant-form-item-explain-error')).toContainText(/karakter/);
  await expect(item(page, 'Hal').locator('.ant-form-item-explain-error')).not.toContainText(/characters/); // no English on screen
  await expect(page.getByRole('alert').filter({ hasText: 'Naskah belum tersimpan' })).toContainText('Periksa kembali isian yang ditandai.');
  await expect(page.getByLabel('Hal')).toHaveValue('Ab');
  await expect(page.getByRole('textbox', { name: 'Isi naskah' })).toContainText('Mohon arahan tindak lanjut.');
  await expect(page).toHaveURL(/\/naskah\/baru$/);
  await shot(page, '23-galat-di-kolom');

  await page.getByLabel('Hal').fill('Arahan tindak lanjut hasil rapat pleno');
  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page).toHaveURL(/\/naskah\/[^/]+\/ubah$/);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();
  const id = page.url().split('/').at(-2)!;

  // someone else saves the same draft in between
  const login = await request.post('/api/auth/login', { data: { username: DRAFTER, password: fixture().password } });
  const token = (await login.json()).accessToken as string;
  const current = await (await request.get(`/api/letters/${id}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const patched = await request.patch(`/api/letters/${id}`, { headers: { authorization: `Bearer ${token}` }, data: { version: current.version, summary: 'diubah di tab lain' } });
  expect(patched.status()).toBe(200);

  await page.getByRole('textbox', { name: 'Isi naskah' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Tambahan dari saya.');
  await expect(page.getByRole('textbox', { name: 'Isi naskah' })).toContainText('Tambahan dari saya.');
  await expect(page.getByText('Ada perubahan yang belum disimpan')).toBeVisible();
  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Naskah telah diubah orang lain' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Isi naskah' })).toContainText('Tambahan dari saya.');
  await page.getByRole('button', { name: 'Muat ulang versi terbaru' }).click();
  await expect(page.getByLabel('Ringkasan')).toHaveValue('diubah di tab lain');
  await expect(page.getByLabel('Teks isi Anda sebelum dimuat ulang')).toHaveValue(/Tambahan dari saya\./);
});

test.describe('390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('the compose page fits a phone', async ({ page }) => {
    await startLetter(page, 'Surat Tugas');
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    await page.getByRole('button', { name: 'Tambah pegawai' }).click();
    await page.getByLabel('NIP yang ditugaskan 1').fill('19850101');
    await page.getByLabel('Nama yang ditugaskan 1').fill('Ahmad Fauzi');
    await expect(page.getByText('NIP terdiri atas 18 angka')).toBeVisible();
    expect(await fits()).toBe(true);
    await expect(page.getByRole('toolbar', { name: 'Format isi naskah' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Simpan konsep' })).toBeInViewport({ ratio: 1 });
    for (const name of ['Simpan konsep', 'Ajukan', 'Batal']) {
      const box = (await page.getByRole('group', { name: 'Tindakan naskah' }).getByRole('button', { name }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    await shot(page, '24-ponsel-buat-naskah');
    await page.screenshot({ path: `${SHOTS}/24b-ponsel-buat-naskah-layar.png` }); // what the phone shows, with the sticky bars
  });
});

test('axe-core: the compose page has no serious or critical violation', async ({ page }) => {
  await startLetter(page, 'Keputusan');
  await page.getByRole('button', { name: 'Tambah pertimbangan' }).click();
  await page.getByRole('button', { name: 'Tambah diktum' }).click();
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
  await shot(page, '25-keputusan');
  expect(await serious(page), '/naskah/baru').toEqual([]);
});

// --- who may take part: reviewers, signer, a.n./u.b. (GET /api/letters/eligible-participants) -----------------

/** The open dropdown's option texts, the holder's name (" — …") left off. */
async function optionTitles(page: Page, field: Locator): Promise<string[]> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(open).toHaveCount(0); // the previous picker's list has closed
  await field.click();
  const options = open.locator('.ant-select-item-option');
  await expect(options.first()).toBeVisible();
  const texts = await options.allInnerTexts();
  await page.keyboard.press('Escape');
  await expect(open).toHaveCount(0);
  return texts.map((t) => t.replace(/ — .*$| \(kosong\)$/s, '').trim());
}

test('the reviewer and signer pickers offer exactly whom the rule allows: the own Kab/Kota office but the drafter, signers its Ketua and Sekretaris', async ({ page }) => {
  await startLetter(page, 'Nota Dinas');
  // a KPU Kabupaten/Kota (DESIGN.md §2): Ketua, 4 Anggota, Sekretaris, four Subbagian (head and staff), Arsiparis, Pencatat —
  // every one may paraf except the drafter's own position (Kepala Subbagian Keuangan, Umum dan Logistik)
  const subbagian = ['Keuangan, Umum dan Logistik', 'Perencanaan, Data dan Informasi', 'Teknis Penyelenggaraan Pemilu dan Hukum', 'Partisipasi, Hubungan Masyarakat dan SDM'];
  const expected = [
    'Ketua', 'Anggota 1', 'Anggota 2', 'Anggota 3', 'Anggota 4', 'Sekretaris',
    ...subbagian.slice(1).map((s) => `Kepala Subbagian ${s}`), ...subbagian.map((s) => `Staf Subbagian ${s}`),
    'Arsiparis', 'Pengadministrasi Persuratan',
  ];
  const offered = await optionTitles(page, page.getByRole('combobox', { name: 'Jabatan pemeriksa' }));
  expect([...offered].sort()).toEqual([...expected].sort());
  // structural officials first
  expect(offered.slice(0, 4)).toEqual(['Sekretaris', 'Kepala Subbagian Perencanaan, Data dan Informasi', 'Kepala Subbagian Teknis Penyelenggaraan Pemilu dan Hukum', 'Kepala Subbagian Partisipasi, Hubungan Masyarakat dan SDM']);
  expect(await optionTitles(page, page.getByRole('combobox', { name: 'Penandatangan' }))).toEqual(['Ketua', 'Sekretaris']);
  // no signer yet: nothing to sign on behalf of
  await expect(page.getByRole('combobox', { name: 'Atas nama (a.n.)' })).toBeDisabled();
  // the Ketua has no superior: no a.n.; the Sekretaris may sign a.n. the Ketua only
  await addSigner(page);
  await expect(page.getByRole('combobox', { name: 'Atas nama (a.n.)' })).toBeDisabled();
  await expect(item(page, 'Atas nama (a.n.)')).toContainText('Ketua menandatangani atas jabatannya sendiri');
  await choose(page, page.getByRole('combobox', { name: 'Penandatangan' }), null, /^Sekretaris — /);
  expect(await optionTitles(page, page.getByRole('combobox', { name: 'Atas nama (a.n.)' }))).toEqual(['Ketua']);
});

test('a Kabag of the province signs a.n. the Ketua u.b. the Sekretaris with "Hormat kami": the block reads as it will print, the choices come back in another browser, and a new signer clears what no longer fits', async ({ page, browser }) => {
  const drafter = 'kabag.umum.52';
  await page.goto('/naskah/baru');
  await signIn(page, drafter);
  await choose(page, page.getByRole('combobox', { name: 'Jenis naskah' }), 'Surat', /^Surat Dinas$/);
  const subject = 'Penyampaian jadwal bimbingan teknis pemutakhiran data pemilih';
  await page.getByLabel('Hal').fill(subject);
  await classify(page, 'PY.01.4', 'PY.01.4 — ');
  await page.getByRole('textbox', { name: 'Isi naskah' }).click();
  await page.keyboard.type('Dengan hormat, bersama ini kami sampaikan jadwal bimbingan teknis.');
  await page.getByLabel('Nama pihak luar KPU').fill('Gubernur Nusa Tenggara Barat');
  await page.getByRole('button', { name: 'Tambah pihak luar' }).click();

  const signer = page.getByRole('combobox', { name: 'Penandatangan' });
  // a KPU Provinsi: its Ketua, Sekretaris and the four Kepala Bagian sign
  expect(await optionTitles(page, signer)).toEqual([
    'Ketua', 'Sekretaris', 'Kepala Bagian Keuangan, Umum dan Logistik', 'Kepala Bagian Perencanaan, Data dan Informasi',
    'Kepala Bagian Teknis Penyelenggaraan Pemilu dan Hukum', 'Kepala Bagian Partisipasi, Hubungan Masyarakat dan SDM',
  ]);
  await choose(page, signer, null, /^Kepala Bagian Perencanaan, Data dan Informasi/);
  const an = page.getByRole('combobox', { name: 'Atas nama (a.n.)' });
  // its superiors, nearest first
  expect(await optionTitles(page, an)).toEqual(['Sekretaris', 'Ketua']);
  await choose(page, an, null, /^Ketua — /);
  const ub = page.getByRole('combobox', { name: 'Untuk beliau (u.b.)' });
  expect(await optionTitles(page, ub)).toEqual(['Sekretaris']);
  await choose(page, ub, null, /^Sekretaris — /);
  await page.getByRole('radio', { name: 'Hormat kami,' }).check();
  const block = page.getByRole('region', { name: 'Pratinjau blok tanda tangan' }).locator('.naskah-signature-lines > div');
  // Tata Naskah Dinas: [Hormat kami,] a.n. PRINCIPAL with the office in full, the official in between, u.b., the signer's title
  const reads = ['Hormat kami,', 'a.n. KETUA KOMISI PEMILIHAN UMUM PROVINSI NUSA TENGGARA BARAT,', 'SEKRETARIS,', 'u.b.', 'KEPALA BAGIAN PERENCANAAN, DATA DAN INFORMASI,'];
  await expect(block.first()).toHaveText(reads[0]);
  expect((await block.allInnerTexts()).slice(0, reads.length)).toEqual(reads);
  await shot(page, '28-an-ub-blok-tanda-tangan');
  expect(await serious(page), 'a.n./u.b. and the signature preview').toEqual([]);

  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page).toHaveURL(/\/naskah\/[^/]+\/ubah$/);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();
  const id = page.url().split('/').at(-2)!;

  // another browser: the signer, a.n., u.b. and closing come back from the server
  const other = await elsewhere(browser, drafter, `/naskah/${id}/ubah`);
  await expect(other.getByLabel('Hal')).toHaveValue(subject);
  await expect(item(other, 'Penandatangan')).toContainText('Kepala Bagian Perencanaan, Data dan Informasi');
  await expect(item(other, 'Atas nama (a.n.)')).toContainText('Ketua');
  await expect(item(other, 'Untuk beliau (u.b.)')).toContainText('Sekretaris');
  await expect(other.getByRole('radio', { name: 'Hormat kami,' })).toBeChecked();
  const again = other.getByRole('region', { name: 'Pratinjau blok tanda tangan' }).locator('.naskah-signature-lines > div');
  await expect(again.nth(1)).toHaveText(reads[1]);
  expect((await again.allInnerTexts()).slice(0, reads.length)).toEqual(reads);

  // the Sekretaris signs instead: a.n. the Ketua still fits, u.b. the Sekretaris (the signer itself) no longer
  await choose(other, other.getByRole('combobox', { name: 'Penandatangan' }), null, /^Sekretaris — /);
  await expect(other.getByRole('alert').filter({ hasText: 'u.b. Sekretaris dihapus: Sekretaris kini penandatangan sendiri.' })).toBeVisible();
  await expect(item(other, 'Atas nama (a.n.)')).toContainText('Ketua');
  await expect(other.getByRole('combobox', { name: 'Untuk beliau (u.b.)' })).toHaveCount(0);
  // the Ketua signs: nobody above, the a.n. is cleared and the user told so
  await choose(other, other.getByRole('combobox', { name: 'Penandatangan' }), null, /^Ketua — /);
  await expect(other.getByRole('alert').filter({ hasText: 'a.n. Ketua dihapus: Ketua kini penandatangan sendiri.' })).toBeVisible();
  await expect(other.getByRole('combobox', { name: 'Atas nama (a.n.)' })).toBeDisabled();
  await expect(item(other, 'Atas nama (a.n.)')).not.toContainText('Ketua —');
  await expect(other.getByRole('region', { name: 'Pratinjau blok tanda tangan' }).locator('.naskah-signature-lines > div').nth(1)).toHaveText('KETUA KOMISI PEMILIHAN UMUM PROVINSI NUSA TENGGARA BARAT,');
  await shot(other, '29-an-dihapus-penandatangan-baru');
  await other.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(other.getByText('Semua perubahan tersimpan')).toBeVisible();
  await other.context().close();

  // what the server holds now: the Ketua, no a.n./u.b., the closing kept
  const token = ((await (await page.request.post('/api/auth/login', { data: { username: drafter, password: fixture().password } })).json()) as { accessToken: string }).accessToken;
  const saved = (await (await page.request.get(`/api/letters/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { typeFields: Record<string, unknown> | null };
  expect(saved.typeFields).toEqual({ closing: 'HORMAT_KAMI' });
});

test('a Keputusan is saved and submitted without a free body (its content is menimbang, mengingat and diktum); a Surat Dinas still needs one', async ({ page }) => {
  await startLetter(page, 'Keputusan');
  await expect(item(page, 'Isi naskah').locator('label')).not.toHaveClass(/ant-form-item-required/);
  await expect(item(page, 'Isi naskah')).toContainText('Tidak wajib untuk Keputusan');
  const subject = 'Penetapan tim pemutakhiran data pemilih berkelanjutan';
  await page.getByLabel('Hal').fill(subject);
  await classify(page, 'PY.01.3', 'PY.01.3 — ');
  await page.getByLabel('Tentang', { exact: true }).fill('Tim Pemutakhiran Data Pemilih Berkelanjutan');
  await page.getByRole('button', { name: 'Tambah pertimbangan' }).click();
  await page.getByRole('textbox', { name: 'Menimbang a.' }).fill('bahwa pemutakhiran data pemilih dilaksanakan secara berkelanjutan;');
  await page.getByRole('button', { name: 'Tambah dasar hukum' }).click();
  await page.getByRole('textbox', { name: 'Mengingat 1.' }).fill('Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;');
  await page.getByRole('button', { name: 'Tambah diktum' }).click();
  await page.getByRole('textbox', { name: 'Diktum KESATU' }).fill('Membentuk Tim Pemutakhiran Data Pemilih Berkelanjutan.');
  await page.getByLabel('Nama pihak luar KPU').fill('Anggota Tim Pemutakhiran');
  await page.getByRole('button', { name: 'Tambah pihak luar' }).click();
  await addSigner(page);
  await page.getByRole('button', { name: 'Ajukan untuk diperiksa' }).click();
  // no reviewers: straight to the signer
  await expect(page).toHaveURL(/\/naskah\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText('Disetujui', { exact: true }).first()).toBeVisible();

  // a Surat Dinas is its body: the form asks for it, as the API's submit does
  await page.goto('/naskah/baru');
  await choose(page, page.getByRole('combobox', { name: 'Jenis naskah' }), 'Surat', /^Surat Dinas$/);
  await expect(item(page, 'Isi naskah').locator('label')).toHaveClass(/ant-form-item-required/);
  await page.getByLabel('Hal').fill('Surat tanpa isi');
  await classify(page, 'PY.01.4', 'PY.01.4 — ');
  await page.getByLabel('Nama pihak luar KPU').fill('Bupati Sumbawa');
  await page.getByRole('button', { name: 'Tambah pihak luar' }).click();
  await addSigner(page);
  await page.getByRole('button', { name: 'Ajukan untuk diperiksa' }).click();
  await expect(item(page, 'Isi naskah').locator('.ant-form-item-explain-error')).toHaveText('Isi naskah wajib diisi');
  await expect(page).toHaveURL(/\/naskah\/baru$/);
});
