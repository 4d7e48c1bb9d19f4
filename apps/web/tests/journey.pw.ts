import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { expect, fixture, shot, signIn, test, watch } from './support';

/**
 * The letter's workflow entirely through the UI (issue 13): KPU Kab. Sumbawa → KPU Provinsi NTB → KPU RI.
 * Each official works in a browser of their own. The Kasubbag Keuangan, Umum dan Logistik of Sumbawa
 * opens "Buat naskah" from the menu and composes a Surat Dinas to the Sekretaris Jenderal KPU RI (the
 * body typed in the editor, the classification picked in the tree, two reviewers and the Ketua as
 * signer, the route preview through KPU Provinsi NTB), saves it, uploads an attachment and submits;
 * the first reviewer returns it with a note; the drafter finds it under "Dikembalikan" on beranda,
 * changes it ("Ubah") and resubmits; the reviewers' "Perlu paraf" and the signer's "Perlu tanda
 * tangan" on their beranda follow each step; the second reviewer approves; the Ketua signs (a wrong
 * password first, then the limiter's wait, then the right one); the registrar dispatches it from
 * "Siap dikirim"; NTB forwards it; the Sekjen reads it and opens its PDF and attachment. The API is
 * only asked to confirm what the screens show. Then: tracking and the reminder, the revision diff,
 * filing, an external letter registered with its scan, a 390 px phone run and axe-core.
 */
test.describe.configure({ mode: 'serial' });

const DRAFTER = 'kasubbag.umum.5204'; // Kepala Subbagian Keuangan, Umum dan Logistik, KPU Kab. Sumbawa
const REVIEWER_1 = 'kasubbag.teknis.5204'; // Kepala Subbagian Teknis dan Hukum
const REVIEWER_2 = 'sekretaris.5204';
const SIGNER = 'ketua.5204';
const REGISTRAR = 'pencatat.5204';
const RELAY = 'sekretaris.52'; // KPU Provinsi Nusa Tenggara Barat: a Kab/Kota's letter to KPU RI goes through its province
const ADDRESSEE = 'sekjen.ri';

const BODY_1 = ['Dengan hormat,', 'Bersama ini kami sampaikan laporan pelaksanaan rekapitulasi suara tingkat kabupaten.', 'Demikian disampaikan.'];
const BODY_2 = [
  'Dengan hormat,',
  'Bersama ini kami sampaikan laporan akhir pelaksanaan rekapitulasi suara tingkat kabupaten beserta berita acaranya.',
  'Atas perhatian Bapak, kami ucapkan terima kasih.',
  'Demikian kami sampaikan.',
];
const SUBJECT = 'Laporan rekapitulasi suara Kabupaten Sumbawa';
const FINAL = `${SUBJECT} (akhir)`;
const NOTE = 'Sebutkan laporan akhir dan lampirkan berita acara.';
// a PDF of about 600 KiB (a scanned berita acara is bigger than a few bytes)
const ATTACHMENT = {
  name: 'berita-acara-rekapitulasi.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`%${'0123456789abcdef'.repeat(64)}\n`.repeat(600)), Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')]),
};
// the classification of vote counting and recapitulation (Keputusan KPU 57/2022)
const CLASSIFICATION = 'PL.01.8';
// the current KPU format {seq}/{classification}-{type}/{region}/{year}; Surat Dinas = SD, Kab. Sumbawa = 5204, the year in WIB
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date());
/**
 * Confirms an open dialog with one of its buttons once antd's opening zoom has finished (a click during
 * it was lost once in CI: the dialog stayed open, nothing sent).
 */
async function confirmIn(p: Page, button: string): Promise<void> {
  const dialog = p.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await p
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { timeout: 3000 })
    .catch(() => undefined);
  await dialog.getByRole('button', { name: button }).click();
}

const NUMBER = new RegExp(`^[1-9]\\d*/PL\\.01\\.8-SD/5204/${YEAR}$`);

const state: { letterId: string; number: string } = { letterId: '', number: '' };

async function token(request: APIRequestContext, username: string): Promise<string> {
  const r = await request.post('/api/auth/login', { data: { username, password: fixture().password } });
  expect(r.ok(), `login ${username}`).toBe(true);
  return ((await r.json()) as { accessToken: string }).accessToken;
}
async function call<T>(request: APIRequestContext, t: string, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
  const r = await request.fetch(path, { method, headers: { authorization: `Bearer ${t}` }, data });
  expect(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}
const myPosition = async (request: APIRequestContext, t: string) => (await call<{ position: { id: number }; office: { id: number } }>(request, t, 'GET', '/api/me'));

/** A different user in the same tab: the refresh cookie goes, the next page asks to sign in. */
async function as(page: Page, username: string, path = '/beranda'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(path);
  await signIn(page, username);
  await expect(page.locator('h1').first()).toBeVisible();
}

/** An official in a browser of their own, signed in, on beranda; watched like the test's page. */
async function official(browser: Browser, problems: string[], username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture().baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  watch(page, problems);
  await page.goto('/');
  await signIn(page, username);
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
  return page;
}

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name, exact: true });

/** Beranda, reached from the menu (mounted afresh: the counters are read again). */
async function beranda(page: Page): Promise<void> {
  await menu(page, 'Naskah keluar').click();
  await expect(page).toHaveURL(/\/naskah-keluar/);
  await menu(page, 'Beranda').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
}
/** The counter card of beranda, "<label>: <n>". */
const card = (page: Page, label: string, n?: number): Locator =>
  page.getByRole('region', { name: 'Antrean pekerjaan' }).getByRole('link', n === undefined ? { name: new RegExp(`^${label}: \\d+$`) } : { name: `${label}: ${n}`, exact: true });
/** What a beranda counter shows now. */
async function count(page: Page, label: string): Promise<number> {
  await beranda(page);
  const name = await card(page, label).getAttribute('aria-label');
  return Number(name!.split(': ')[1]);
}
/** Beranda shows `n` for the counter. */
async function counter(page: Page, label: string, n: number): Promise<void> {
  await beranda(page);
  await expect(card(page, label, n)).toBeVisible();
}

async function choose(page: Page, field: Locator, search: string | null, option: RegExp) {
  await field.click();
  if (search !== null) await field.fill(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}
/** The antd form item whose label is `label`. */
const item = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) }).first();

/** The attachment saved by its button on the page: its name and its bytes. */
async function saved(page: Page, name: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe(name);
  return readFileSync((await d.path())!);
}

/** Replaces the editor's text with these paragraphs, typed. */
async function typeBody(page: Page, paragraphs: string[]) {
  const editor = page.getByRole('textbox', { name: 'Isi naskah' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  for (const [i, p] of paragraphs.entries()) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(p);
  }
  await expect(editor.locator('p')).toHaveText(paragraphs);
}

test('composed, returned, changed and resubmitted, approved, signed, dispatched, forwarded by NTB and read at KPU RI — all in the browser; counters, tracking and reminder', async ({ page, request, browser, problems }) => {
  test.setTimeout(420_000);
  // each official in a browser of their own; what their beranda counts before the letter exists
  await page.goto('/');
  await signIn(page, DRAFTER);
  await expect(page.getByRole('heading', { level: 1, name: 'Beranda' })).toBeVisible();
  const returned0 = await count(page, 'Dikembalikan');
  const [rev1, rev2, signer, registrar] = await Promise.all([REVIEWER_1, REVIEWER_2, SIGNER, REGISTRAR].map((u) => official(browser, problems, u)));
  const r1 = await count(rev1, 'Perlu paraf');
  const r2 = await count(rev2, 'Perlu paraf');
  const s0 = await count(signer, 'Perlu tanda tangan');
  const ready0 = await count(registrar, 'Siap dikirim');

  // ── the drafter composes from the menu ──
  await menu(page, 'Buat naskah').click();
  await expect(page).toHaveURL(/\/naskah\/baru$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Buat naskah' })).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: 'Jenis naskah' }), 'Surat', /^Surat Dinas$/);
  await page.getByLabel('Hal').fill(SUBJECT);
  await page.getByLabel('Ringkasan').fill('Laporan rekapitulasi suara tingkat kabupaten');
  await choose(page, page.getByRole('combobox', { name: 'Sifat (kesegeraan)' }), null, /^Segera$/);
  // the classification: searched by its title in the tree, the lowest code picked
  const cls = page.getByRole('combobox', { name: 'Kode klasifikasi arsip' });
  await cls.click();
  await cls.fill('Rekapitulasi');
  const node = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', { hasText: `${CLASSIFICATION} — ` });
  await expect(node).toHaveCount(1);
  await node.click();
  await expect(item(page, 'Kode klasifikasi arsip')).toContainText(`${CLASSIFICATION} — Pemungutan Penghitungan dan Rekapitulasi Suara`);
  await typeBody(page, BODY_1);
  // the addressee; the route preview: through the province, which forwards it to KPU RI
  const search = page.getByRole('combobox', { name: 'Cari tujuan atau tembusan' });
  await search.click();
  await search.fill('Sekretaris Jenderal');
  await page.locator('.ant-select-item-option', { hasText: 'Sekretaris Jenderal Komisi Pemilihan Umum Republik Indonesia' }).first().click();
  await expect(page.getByRole('region', { name: 'Tujuan dan tembusan terpilih' })).toContainText('Sekretaris Jenderal Komisi Pemilihan Umum Republik Indonesia');
  await expect(page.getByRole('region', { name: 'Pratinjau rute' })).toContainText(/melalui KPU Provinsi Nusa Tenggara Barat/);
  // reviewers in order, then the signer
  const reviewer = page.getByRole('combobox', { name: 'Jabatan pemeriksa' });
  await choose(page, reviewer, 'Teknis', /^Kepala Subbagian Teknis/);
  await page.getByRole('button', { name: 'Tambah pemeriksa' }).click();
  await choose(page, reviewer, 'Sekretaris', /^Sekretaris — /);
  await page.getByRole('button', { name: 'Tambah pemeriksa' }).click();
  const order = page.getByRole('region', { name: 'Urutan pemeriksa' }).locator('.ant-list-item');
  await expect(order).toHaveCount(2);
  await expect(order.nth(0)).toContainText('1. Kepala Subbagian Teknis');
  await expect(order.nth(1)).toContainText('2. Sekretaris');
  await choose(page, page.getByRole('combobox', { name: 'Penandatangan' }), null, /^Ketua — /);
  await page.getByRole('button', { name: 'Simpan konsep' }).click();
  await expect(page).toHaveURL(/\/naskah\/[^/]+\/ubah$/);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();
  const id = page.url().split('/').at(-2)!;
  state.letterId = id;

  // the attachment through the file input: its progress bar runs to the end, then the file is listed
  // (the upload is slowed to 256 KiB/s, as on a kabupaten's line, so the bar has steps to show)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await page.evaluate(() => {
    const seen: number[] = ((window as unknown as { progressSeen: number[] }).progressSeen = []);
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar][aria-label^="Kemajuan unggah"]');
      const v = bar ? Number(bar.getAttribute('aria-valuenow')) : NaN;
      if (bar && seen.at(-1) !== v) seen.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.locator('input[type=file]').setInputFiles(ATTACHMENT);
  const progress = page.getByRole('progressbar', { name: `Kemajuan unggah ${ATTACHMENT.name}` });
  await expect(page.getByText(`Mengunggah ${ATTACHMENT.name}`)).toBeVisible();
  await shot(page, 'w00b-lampiran-diunggah', { settle: false }); // mid-upload: no waiting for the bar to settle
  await expect(progress).toBeHidden({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.detach();
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  expect(seen.some((v) => v > 0 && v < 100), `progress shown: ${seen.join(', ')}`).toBe(true);
  // the last step the bar draws is the last progress event before the server's answer (90 % or more);
  // then the bar gives way to the file in the list
  expect(seen.at(-1), `progress shown: ${seen.join(', ')}`).toBeGreaterThanOrEqual(90);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  await expect(page.getByRole('region', { name: 'Lampiran berkas' })).toContainText(ATTACHMENT.name);
  await expect(page.getByText('Semua perubahan tersimpan')).toBeVisible();
  await shot(page, 'w00-buat-surat-dinas');

  // what the screen said is what was stored (asked of the API, not done by it)
  const drafterT = await token(request, DRAFTER);
  const stored = await call<{ typeCode: string; subject: string; classificationCode: string; urgency: string; status: string; attachments: { name: string; sizeBytes: number }[] }>(request, drafterT, 'GET', `/api/letters/${id}`);
  expect(stored).toMatchObject({ typeCode: 'SD', subject: SUBJECT, classificationCode: CLASSIFICATION, urgency: 'SEGERA', status: 'DRAFT' });
  expect(stored.attachments.map((a) => [a.name, a.sizeBytes])).toEqual([[ATTACHMENT.name, ATTACHMENT.buffer.length]]);

  await page.getByRole('button', { name: /^Ajukan/ }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  await expect(page.getByText('Dalam pemeriksaan', { exact: true }).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Rute pemeriksaan' }).click();
  await expect(page.getByText('Giliran memeriksa')).toBeVisible();
  await shot(page, 'w01-naskah-diajukan');

  // reviewer 1: one more "perlu paraf"; reviewer 2 not yet (not their turn); nothing for the signer
  await counter(rev1, 'Perlu paraf', r1 + 1);
  await counter(rev2, 'Perlu paraf', r2);
  await counter(signer, 'Perlu tanda tangan', s0);
  // the signer who opens it now is told whose paraf it waits for (and the back link goes to beranda,
  // not to a box that does not hold it)
  await signer.goto(`/naskah/${id}`);
  await expect(signer.getByRole('alert').filter({ hasText: 'Naskah masih diperiksa: menunggu paraf Kepala Subbagian Teknis' })).toBeVisible();
  await expect(signer.getByRole('button', { name: 'Tandatangani' })).toHaveCount(0);
  await expect(signer.getByRole('link', { name: '‹ Beranda' })).toBeVisible();

  // ── reviewer 1 returns it with a note ──
  await card(rev1, 'Perlu paraf', r1 + 1).click();
  await expect(rev1).toHaveURL(/\/antrean\/review$/);
  await rev1.getByRole('link', { name: SUBJECT }).click();
  await expect(rev1.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  await expect(await saved(rev1, ATTACHMENT.name)).toEqual(ATTACHMENT.buffer); // the reviewer opens the berita acara
  // a return needs a note: refused at the field, the dialog stays open and keeps what is typed after an error
  await rev1.getByRole('button', { name: 'Kembalikan' }).click();
  const dialog = rev1.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(dialog).toContainText('Isi catatan perbaikan untuk konseptor.');
  await dialog.getByLabel('Catatan perbaikan').fill(NOTE);
  await dialog.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(rev1.getByText('Naskah dikembalikan ke konseptor.')).toBeVisible();
  await expect(rev1.getByText('Dikembalikan', { exact: true }).first()).toBeVisible();
  await expect(rev1.getByRole('button', { name: 'Setujui' })).toHaveCount(0);
  await counter(rev1, 'Perlu paraf', r1);

  // ── the drafter finds it under "Dikembalikan", changes it and resubmits ──
  await beranda(page);
  await card(page, 'Dikembalikan', returned0 + 1).click();
  await expect(page).toHaveURL(/\/antrean\/returned$/);
  await page.getByRole('link', { name: SUBJECT }).click();
  await expect(page.getByText(`Catatan: ${NOTE}`)).toBeVisible();
  await expect(page.getByText(/Dikembalikan oleh Kepala Subbagian Teknis/)).toBeVisible();
  await page.getByRole('button', { name: 'Ubah' }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah/${id}/ubah$`));
  await expect(page.getByLabel('Hal')).toHaveValue(SUBJECT);
  await expect(page.getByRole('textbox', { name: 'Isi naskah' }).locator('p')).toHaveText(BODY_1);
  await expect(page.getByRole('region', { name: 'Lampiran berkas' })).toContainText(ATTACHMENT.name);
  await page.getByLabel('Hal').fill(FINAL);
  await typeBody(page, BODY_2);
  await expect(page.getByText('Ada perubahan yang belum disimpan')).toBeVisible();
  await page.getByRole('button', { name: /^Ajukan/ }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: FINAL })).toBeVisible();
  await expect(page.getByText('Dalam pemeriksaan', { exact: true }).first()).toBeVisible();
  await counter(page, 'Dikembalikan', returned0);
  await page.goto(`/naskah/${id}`);
  // the revision diff: the subject's added word, the changed paragraph, the added paragraph
  await page.getByRole('tab', { name: /^Revisi/ }).click();
  const diff = page.locator('.revision-diff');
  await expect(diff.locator('ins.diff-add', { hasText: '(akhir)' })).toBeVisible();
  await expect(diff.locator('ins.diff-add', { hasText: 'akhir' }).nth(1)).toBeVisible();
  await expect(diff.locator('ins.diff-add', { hasText: 'Atas perhatian Bapak, kami ucapkan terima kasih.' })).toBeVisible();
  await expect(diff.locator('.diff-block-change').first()).toContainText('beserta berita acaranya');
  await expect(diff.locator('del.diff-del', { hasText: 'disampaikan' })).toBeVisible();
  await expect(diff.getByText('Hal', { exact: true })).toBeVisible();
  await expect(diff.getByText('Isi naskah', { exact: true })).toBeVisible();
  await shot(page, 'w02-revisi-diff');

  // ── reviewer 1 approves; then reviewer 2 ──
  await counter(rev1, 'Perlu paraf', r1 + 1);
  await card(rev1, 'Perlu paraf', r1 + 1).click();
  await rev1.getByRole('link', { name: FINAL }).click();
  await rev1.getByRole('button', { name: 'Setujui' }).click();
  await confirmIn(rev1, 'Setujui');
  await expect(rev1.getByText('Naskah diparaf; diteruskan ke pemeriksa berikutnya.')).toBeVisible();
  await counter(rev1, 'Perlu paraf', r1);
  await counter(rev2, 'Perlu paraf', r2 + 1);
  await counter(signer, 'Perlu tanda tangan', s0);
  await card(rev2, 'Perlu paraf', r2 + 1).click();
  await rev2.getByRole('link', { name: FINAL }).click();
  await rev2.getByRole('button', { name: 'Setujui' }).click();
  await confirmIn(rev2, 'Setujui');
  await expect(rev2.getByText('Naskah diparaf; kini menunggu tanda tangan.')).toBeVisible();
  await counter(rev2, 'Perlu paraf', r2);
  await counter(signer, 'Perlu tanda tangan', s0 + 1);

  // ── the Ketua signs: a wrong password keeps the dialog open; past the limit, the wait is shown; then the right one ──
  await card(signer, 'Perlu tanda tangan', s0 + 1).click();
  await expect(signer).toHaveURL(/\/antrean\/signature$/);
  await signer.getByRole('link', { name: FINAL }).click();
  await signer.getByRole('button', { name: 'Tandatangani' }).click();
  const sign = signer.getByRole('dialog', { name: 'Tandatangani naskah' });
  await expect(sign.getByText('Menandatangani sebagai')).toBeVisible();
  await expect(sign.getByLabel('Kata sandi')).toHaveAttribute('autocomplete', 'current-password');
  await sign.getByLabel('Kata sandi').fill('bukan-sandinya');
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  await expect(sign.getByRole('alert').first()).toContainText('Kata sandi salah');
  await shot(signer, 'w03-tandatangan-salah');
  // the limiter's answer (429 + Retry-After), as the API gives it past the attempts allowed
  await signer.route(`**/api/letters/${id}/sign`, (route) =>
    route.fulfill({ status: 429, headers: { 'retry-after': '3', 'content-type': 'application/json' }, body: JSON.stringify({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'Terlalu banyak percobaan kata sandi; coba lagi dalam 3 detik (too many attempts)', details: { retryAfterSeconds: 3 } }) }),
  );
  await sign.getByLabel('Kata sandi').fill('masih-salah');
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  await expect(sign).toContainText(/Coba lagi dalam [1-3] detik/);
  await expect(sign.getByRole('button', { name: 'Tandatangani' })).toBeDisabled();
  await signer.unroute(`**/api/letters/${id}/sign`);
  await expect(sign.getByRole('button', { name: 'Tandatangani' })).toBeEnabled({ timeout: 6000 });
  await expect(sign).toContainText('Waktu tunggu selesai');
  await sign.getByLabel('Kata sandi').fill(fixture().password);
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  const done = signer.getByRole('dialog', { name: 'Naskah ditandatangani' });
  await expect(done).toContainText(/Nomor naskah: \S+/);
  state.number = ((await done.locator('.ant-result-title').textContent()) ?? '').replace('Nomor naskah: ', '').trim();
  expect(state.number).toMatch(NUMBER);
  await expect(done.getByRole('button', { name: 'Pratinjau PDF' })).toBeVisible({ timeout: 60_000 });
  await shot(signer, 'w04-ditandatangani');
  await done.getByRole('button', { name: 'Selesai' }).click();
  await expect(signer.getByText(state.number).first()).toBeVisible();
  await counter(signer, 'Perlu tanda tangan', s0);
  // the number the screen showed is the letter's
  expect((await call<{ number: string; status: string }>(request, drafterT, 'GET', `/api/letters/${id}`)).number).toBe(state.number);

  // ── the registrar dispatches it from "Siap dikirim" ──
  await counter(registrar, 'Siap dikirim', ready0 + 1);
  await card(registrar, 'Siap dikirim', ready0 + 1).click();
  await expect(registrar).toHaveURL(/\/antrean\/ready-to-send$/);
  await expect(registrar.getByRole('heading', { name: 'Siap dikirim' })).toBeVisible();
  await shot(registrar, 'w05-siap-dikirim');
  await registrar.getByRole('link', { name: FINAL }).click();
  await registrar.getByRole('button', { name: 'Kirim' }).click();
  await expect(registrar.getByRole('dialog')).toContainText('Kepada: Sekretaris Jenderal');
  await confirmIn(registrar, 'Kirim');
  await expect(registrar.getByText(/Naskah dikirim ke 1 tujuan\./)).toBeVisible();
  await expect(registrar.getByText('Terkirim', { exact: true }).first()).toBeVisible();

  // tracking: not read yet; remind the unread (with a confirmation), told how many were reminded
  await registrar.getByRole('tab', { name: 'Pengiriman' }).click();
  const tracking = registrar.locator('section[aria-labelledby="tracking-h"]');
  await expect(tracking.getByRole('row', { name: /Komisi Pemilihan Umum Republik Indonesia/ })).toContainText('Belum dibaca');
  await expect(tracking.getByText('1 dari 1 pengiriman ditampilkan.')).toBeVisible();
  await tracking.getByRole('button', { name: 'Ingatkan yang belum membaca (1)' }).click();
  await expect(registrar.getByRole('dialog')).toContainText('Kirim notifikasi pengingat kepada 1 jabatan');
  await confirmIn(registrar, 'Kirim pengingat');
  await expect(registrar.getByText('1 jabatan yang belum membaca telah diingatkan.')).toBeVisible();
  await shot(registrar, 'w06-pelacakan-belum-dibaca');
  await counter(registrar, 'Siap dikirim', ready0);

  // ── KPU Provinsi NTB: "Perlu diteruskan" on beranda, opened, forwarded ──
  const ntb = await official(browser, problems, RELAY);
  const toForward = ntb.getByRole('region', { name: 'Antrean pekerjaan' }).getByRole('link', { name: /^Perlu diteruskan: [1-9]\d*$/ });
  await expect(toForward).toBeVisible();
  const f0 = Number((await toForward.getAttribute('aria-label'))!.split(': ')[1]);
  await toForward.click();
  await ntb.getByRole('link', { name: new RegExp(FINAL.replace(/[()]/g, '\\$&')) }).first().click();
  await expect(ntb.getByRole('heading', { level: 1, name: FINAL })).toBeVisible();
  await expect(ntb.getByText(state.number).first()).toBeVisible();
  await expect(ntb.getByRole('button', { name: 'Teruskan' })).toBeVisible();
  // opened at NTB: the sender's tracking says read
  // (opening marks it read with a request of its own, just after the page shows)
  const tracking$ = () => call<{ items: { status: string; readAt: string | null }[]; counts: Record<string, number> }>(request, drafterT, 'GET', `/api/letters/${id}/tracking`);
  await expect.poll(async () => (await tracking$()).items.map((i) => i.status)).toEqual(['READ']);
  expect((await tracking$()).counts).toMatchObject({ UNREAD: 0, READ: 1, total: 1 });
  await ntb.getByRole('button', { name: 'Teruskan' }).click();
  await confirmIn(ntb, 'Teruskan');
  await expect(ntb.getByText('Naskah diteruskan.')).toBeVisible();
  await counter(ntb, 'Perlu diteruskan', f0 - 1);
  // the letter itself as NTB may open it: not the sender's tracking tab (the API refuses it there: a dead
  // end), and its history names who read it here ("Memuat…" for ever before: not a position of Sumbawa)
  await ntb.goto(`/naskah/${id}`);
  await expect(ntb.getByRole('heading', { level: 1, name: FINAL })).toBeVisible();
  await expect(ntb.getByRole('tab', { name: 'Pengiriman' })).toHaveCount(0);
  await ntb.getByRole('tab', { name: /^Riwayat/ }).click();
  await expect(ntb.getByRole('tabpanel').locator('.ant-timeline-item', { hasText: 'Dibaca' }).first()).toContainText('Sekretaris — KPU Provinsi Nusa Tenggara Barat');
  await expect(ntb.getByRole('tabpanel').getByText(/Memuat/)).toHaveCount(0);

  // ── KPU RI: the Sekjen finds it in the inbox, reads it, opens its PDF and its attachment ──
  const ri = await official(browser, problems, ADDRESSEE);
  await menu(ri, 'Naskah masuk').click();
  await ri.getByRole('link', { name: new RegExp(FINAL.replace(/[()]/g, '\\$&')) }).first().click();
  await expect(ri.getByRole('heading', { level: 1, name: FINAL })).toBeVisible();
  await expect(ri.getByText(state.number).first()).toBeVisible();
  await expect(ri.getByText('Dibaca', { exact: true }).first()).toBeVisible();
  await expect(ri.getByText('KPU Kabupaten Sumbawa').first()).toBeVisible();
  // the PDF: the real rendered document, fetched with the access token, opened in a tab of its own
  let pdf: { status: number; type: string; head: string } | undefined;
  await ri.route(`**/api/letters/${id}/pdf`, async (route) => {
    const r = await route.fetch();
    const body = await r.body();
    pdf = { status: r.status(), type: r.headers()['content-type'], head: body.subarray(0, 5).toString('latin1') };
    await route.fulfill({ response: r, body });
  });
  const pdfTab = ri.context().waitForEvent('page');
  await ri.getByRole('group', { name: 'Tindakan' }).getByRole('button', { name: /PDF/ }).first().click();
  await expect.poll(() => pdf).toEqual({ status: 200, type: expect.stringContaining('application/pdf'), head: '%PDF-' });
  expect((await pdfTab).url()).toMatch(/^blob:/);
  await (await pdfTab).close();
  expect(await saved(ri, ATTACHMENT.name)).toEqual(ATTACHMENT.buffer);
  await expect(ri.getByText(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/), 'no untranslated code on screen').toHaveCount(0);
  await shot(ri, 'w06b-dibaca-di-kpu-ri');
  // the letter itself, as KPU RI may open it: Sumbawa's own work on it stays Sumbawa's — no konseptor,
  // no review route, no earlier revisions
  await ri.goto(`/naskah/${id}`);
  await expect(ri.getByRole('heading', { level: 1, name: FINAL })).toBeVisible();
  await expect(ri.getByText('Penandatangan', { exact: true })).toBeVisible();
  await expect(ri.getByRole('row', { name: /Penandatangan/ }).or(ri.locator('.ant-descriptions-item', { hasText: 'Penandatangan' })).first()).toContainText('Ketua — KPU Kabupaten Sumbawa');
  await expect(ri.getByText('Konseptor', { exact: true })).toHaveCount(0);
  await expect(ri.getByRole('tab', { name: /^Rute pemeriksaan/ })).toHaveCount(0);
  await expect(ri.getByRole('tab', { name: /^Revisi/ })).toHaveCount(0);
  // nor the sender's delivery tracking (the API refuses it to a recipient: the tab would be a dead end)
  await expect(ri.getByRole('tab', { name: 'Pengiriman' })).toHaveCount(0);
  await ri.getByRole('tab', { name: /^Riwayat/ }).click();
  // who read it is named, though the position is not of the letter's office
  const readEvent = ri.getByRole('tabpanel').locator('.ant-timeline-item', { hasText: 'Sekretaris Jenderal — Komisi Pemilihan Umum Republik Indonesia' });
  await expect(readEvent.first()).toContainText('Dibaca');
  await expect(ri.getByRole('tabpanel').getByText(/Memuat/)).toHaveCount(0);

  // back at the sender: read and forwarded by NTB (the relay), with the times; nothing left to remind
  await page.goto(`/naskah/${id}?tab=pengiriman`);
  const row = page.locator('section[aria-labelledby="tracking-h"]').getByRole('row', { name: /Komisi Pemilihan Umum Republik Indonesia/ });
  await expect(row).toContainText('Diteruskan');
  await expect(row).toContainText('melalui Sekretaris, KPU Provinsi Nusa Tenggara Barat');
  await expect(row).toContainText(/dibaca \d{1,2} \w{3} 20\d\d, \d\d\.\d\d WIB · diteruskan \d{1,2} \w{3} 20\d\d/);
  await page.locator('.tracking-counts').getByText('Belum dibaca', { exact: true }).click();
  await expect(page.getByText('Tidak ada pengiriman berstatus belum dibaca.')).toBeVisible();
  await page.locator('.tracking-counts').getByText('Diteruskan', { exact: true }).click();
  await expect(page.getByText('1 dari 1 pengiriman ditampilkan (diteruskan).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ingatkan yang belum membaca (0)' })).toBeDisabled();
  await shot(page, 'w07-pelacakan-dibaca');
  await page.getByRole('tab', { name: 'Riwayat' }).click();
  await expect(page.getByText('Ditandatangani', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(`Catatan: ${NOTE}`)).toBeVisible();
  await expect(page.getByText('Pengingat dikirim kepada yang belum membaca')).toBeVisible();
  await expect(page.getByText(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/), 'no untranslated code on screen').toHaveCount(0);
  for (const p of [rev1, rev2, signer, registrar, ntb, ri]) await p.context().close();
});

test('filing the sent letter into a dossier of the office, from the letter page', async ({ page, request }) => {
  const t = await token(request, 'arsiparis.5204');
  const me = await myPosition(request, t);
  const units = await call<{ id: number }[]>(request, t, 'GET', `/api/offices/${me.office.id}/units`);
  const dossier = await call<{ id: string; title: string }>(request, t, 'POST', '/api/records/dossiers', {
    title: 'Rekapitulasi suara Pemilu 2026', classificationCode: CLASSIFICATION, periodStart: '2026-01-01', unitId: units[0].id,
  });
  await as(page, 'arsiparis.5204', `/naskah/${state.letterId}`);
  await page.getByRole('button', { name: 'Berkaskan' }).click();
  const d = page.getByRole('dialog', { name: 'Berkaskan ke berkas' });
  await expect(d.getByRole('radio', { name: /Rekapitulasi suara Pemilu 2026/ })).toBeChecked();
  await shot(page, 'w08-berkaskan');
  await d.getByRole('button', { name: 'Berkaskan' }).click();
  await expect(page.getByText(`Naskah diberkaskan ke berkas "${dossier.title}".`)).toBeVisible();
  await expect(d).toBeHidden();
  // filed once: a second filing into the same dossier is refused in the dialog, which stays open
  await page.getByRole('button', { name: 'Berkaskan' }).click();
  await d.getByRole('button', { name: 'Berkaskan' }).click();
  await expect(d.getByRole('alert')).toBeVisible();
  await expect(d).toBeVisible();
});

test('the registrar registers an external letter with its scan', async ({ page }) => {
  await as(page, 'pencatat.5204', '/naskah-masuk/registrasi');
  await expect(page.getByRole('heading', { name: 'Registrasi surat masuk' })).toBeVisible();
  // nothing filled: each field says what it needs, the scan too
  await page.getByRole('button', { name: 'Catat surat masuk' }).click();
  await expect(page.getByText('Isi instansi pengirim.')).toBeVisible();
  await expect(page.getByText('Unggah pindaian surat.')).toBeVisible();
  await page.getByLabel('Instansi pengirim').fill('Bawaslu Kabupaten Sumbawa');
  await page.getByLabel('Nomor surat').fill('045/BWS-SBW/XI/2026');
  await page.getByLabel('Tanggal surat').click();
  await page.getByLabel('Tanggal surat').fill('20 November 2026');
  await page.keyboard.press('Enter');
  await page.getByLabel('Hal', { exact: true }).fill('Permintaan salinan berita acara rekapitulasi');
  await page.getByLabel('Disampaikan kepada').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^Sekretaris/ }).first().click();
  await page.locator('input[type=file]').setInputFiles({ name: 'surat-bawaslu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await expect(page.getByText(/surat-bawaslu\.pdf/)).toBeVisible();
  await shot(page, 'w09-registrasi');
  await page.getByRole('button', { name: 'Catat surat masuk' }).click();
  await expect(page.getByText('Surat masuk dicatat', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Lihat naskah' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Permintaan salinan berita acara rekapitulasi' })).toBeVisible();
  await expect(page.getByText('Bawaslu Kabupaten Sumbawa').first()).toBeVisible();
  await expect(page.getByText('045/BWS-SBW/XI/2026')).toBeVisible();
  await expect(page.getByText('20 November 2026')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buka pindaian' })).toBeVisible();
  await shot(page, 'w10-registrasi-naskah');
  // the addressee finds it in the inbox
  await as(page, 'sekretaris.5204', '/naskah-masuk');
  await expect(page.getByRole('link', { name: /Permintaan salinan berita acara rekapitulasi/ }).first()).toBeVisible();
});

test('axe-core: the letter page (each tab), the queue and the registration page have no serious violation', async ({ page }) => {
  const serious = async (where: string) => {
    await expect(page.locator('.ant-skeleton')).toHaveCount(0);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)); // antd fades (a help text mid fade-in has too little contrast)
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), where).toEqual([]);
  };
  await as(page, DRAFTER, `/naskah/${state.letterId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await serious('/naskah/:id');
  for (const tab of ['Rute pemeriksaan', 'Revisi', 'Riwayat', 'Pengiriman']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await serious(`/naskah/:id — ${tab}`);
  }
  await as(page, 'pencatat.5204', '/antrean/ready-to-send');
  await expect(page.getByRole('heading', { name: 'Siap dikirim' })).toBeVisible();
  await serious('/antrean/ready-to-send');
  await page.goto('/naskah-masuk/registrasi');
  await expect(page.getByRole('heading', { name: 'Registrasi surat masuk' })).toBeVisible();
  await serious('/naskah-masuk/registrasi');
});

test.describe('390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test('the letter page, its revision diff and its tracking fit the screen; the actions stay at hand', async ({ page }) => {
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    await as(page, DRAFTER, `/naskah/${state.letterId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Buka PDF' })).toBeVisible();
    expect(await fits()).toBe(true);
    // at the end of the page the footer is above the action bar fixed at the bottom, not under it
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const bar = (await page.getByRole('group', { name: 'Tindakan' }).boundingBox())!;
    const footer = (await page.getByRole('contentinfo').getByText(/Tanda tangan elektronik/).boundingBox())!;
    expect(Math.round(bar.y + bar.height)).toBe(844);
    expect(footer.y + footer.height).toBeLessThanOrEqual(bar.y);
    await shot(page, 'w11-ponsel-naskah');
    await page.getByRole('tab', { name: /^Revisi/ }).click();
    await expect(page.locator('ins.diff-add').first()).toBeVisible();
    expect(await fits()).toBe(true);
    await shot(page, 'w12-ponsel-revisi');
    await page.goto(`/naskah/${state.letterId}?tab=pengiriman`);
    await expect(page.getByText('Pelacakan pengiriman')).toBeVisible();
    await expect(page.getByText('Komisi Pemilihan Umum Republik Indonesia').first()).toBeVisible();
    expect(await fits()).toBe(true);
    await shot(page, 'w13-ponsel-pelacakan');
  });
});
