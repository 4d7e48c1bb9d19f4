import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, fixture, shot, signIn, test } from './support';

/**
 * The letter's workflow through the UI (issue 13): Kab. Sumbawa → KPU Provinsi NTB → KPU RI.
 * The draft is made over the API (composing has its own test); from there: the first reviewer
 * returns it with a note, the drafter resubmits, the reviewers' "perlu paraf" counters follow each
 * step, the second reviewer approves, the Ketua signs (a wrong password first, then the limiter's
 * wait, then the right one), the registrar dispatches it from "siap dikirim", NTB forwards it, the
 * Sekjen reads it; the tracking shows who read it and reminds the others; the revision diff; filing;
 * the registrar registers an external letter with its scan; a 390 px phone run and axe-core.
 */
test.describe.configure({ mode: 'serial' });

const BODY_1 = 'Dengan hormat,\n\nBersama ini kami sampaikan laporan pelaksanaan rekapitulasi suara tingkat kabupaten.\n\nDemikian disampaikan.';
const BODY_2 = 'Dengan hormat,\n\nBersama ini kami sampaikan laporan akhir pelaksanaan rekapitulasi suara tingkat kabupaten beserta berita acaranya.\n\nAtas perhatian Bapak, kami ucapkan terima kasih.\n\nDemikian kami sampaikan.';
const SUBJECT = 'Laporan rekapitulasi suara Kabupaten Sumbawa';

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
const queueCount = async (request: APIRequestContext, t: string, queue: string) =>
  (await call<{ queues: { queue: string; count: number }[] }>(request, t, 'GET', '/api/worklist')).queues.find((q) => q.queue === queue)!.count;

/** A different user in the same tab: the refresh cookie goes, the next page asks to sign in. */
async function as(page: Page, username: string, path = '/beranda'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(path);
  await signIn(page, username);
  await expect(page.locator('h1').first()).toBeVisible();
}
async function counter(page: Page, label: string, n: number): Promise<void> {
  await page.goto('/beranda');
  await expect(page.getByRole('link', { name: `${label}: ${n}` })).toBeVisible();
}

test('review with a return and a resubmit, counters, sign, registrar dispatch, NTB forwards, KPU RI reads, tracking and reminder', async ({ page, request }) => {
  test.setTimeout(240_000);
  const [drafterT, rev1T, rev2T, sekjenT] = await Promise.all(['staf.umum.5204', 'kasubbag.umum.5204', 'sekretaris.5204', 'sekjen.ri'].map((u) => token(request, u)));
  const [rev1, rev2, sekjen, signer] = await Promise.all([myPosition(request, rev1T), myPosition(request, rev2T), myPosition(request, sekjenT), token(request, 'ketua.5204').then((t) => myPosition(request, t))]);
  const created = await call<{ id: string }>(request, drafterT, 'POST', '/api/letters', {
    typeCode: 'ND', subject: SUBJECT, summary: 'Laporan rekapitulasi', body: BODY_1, securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', positionId: sekjen.position.id }], reviewerPositionIds: [rev1.position.id, rev2.position.id], signerPositionId: signer.position.id,
  });
  const id = String(created.id);
  state.letterId = id;
  const r1 = await queueCount(request, rev1T, 'review');
  const r2 = await queueCount(request, rev2T, 'review');

  // the drafter submits it from the letter page
  await as(page, 'staf.umum.5204', `/naskah/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  await expect(page.getByText('Konsep', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Ajukan' }).click();
  await expect(page.getByText('Naskah diajukan ke pemeriksa.')).toBeVisible();
  await expect(page.getByText('Dalam pemeriksaan', { exact: true }).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Rute pemeriksaan' }).click();
  await expect(page.getByText('Giliran memeriksa')).toBeVisible();
  await shot(page, 'w01-naskah-diajukan');

  // reviewer 1: one more "perlu paraf"; reviewer 2 not yet (not their turn)
  expect(await queueCount(request, rev2T, 'review')).toBe(r2);
  await as(page, 'kasubbag.umum.5204');
  await expect(page.getByRole('link', { name: `Perlu paraf: ${r1 + 1}` })).toBeVisible();
  await page.getByRole('link', { name: `Perlu paraf: ${r1 + 1}` }).click();
  await expect(page).toHaveURL(/\/antrean\/review$/);
  await page.getByRole('link', { name: SUBJECT }).click();
  await expect(page.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();
  // a return needs a note: refused at the field, the dialog stays open and keeps what is typed after an error
  await page.getByRole('button', { name: 'Kembalikan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(dialog).toContainText('Isi catatan perbaikan untuk konseptor.');
  await dialog.getByLabel('Catatan perbaikan').fill('Sebutkan laporan akhir dan lampirkan berita acara.');
  await dialog.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(page.getByText('Naskah dikembalikan ke konseptor.')).toBeVisible();
  await expect(page.getByText('Dikembalikan', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Setujui' })).toHaveCount(0);
  await counter(page, 'Perlu paraf', r1);

  // the drafter edits (over the API) and resubmits from the page; the return note is on top
  const l = await call<{ version: number }>(request, drafterT, 'GET', `/api/letters/${id}`);
  await call(request, drafterT, 'PATCH', `/api/letters/${id}`, { version: l.version, subject: `${SUBJECT} (akhir)`, body: BODY_2 });
  await as(page, 'staf.umum.5204', `/naskah/${id}`);
  await expect(page.getByText('Catatan: Sebutkan laporan akhir dan lampirkan berita acara.')).toBeVisible();
  await expect(page.getByText(/Dikembalikan oleh Kepala Subbagian|Dikembalikan oleh Kasubbag/)).toBeVisible();
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
  await page.getByRole('button', { name: 'Ajukan kembali' }).click();
  await expect(page.getByText('Naskah diajukan ke pemeriksa.')).toBeVisible();

  // reviewer 1 approves; now reviewer 2 has it
  await as(page, 'kasubbag.umum.5204', `/naskah/${id}`);
  await page.getByRole('button', { name: 'Setujui' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByText('Naskah diparaf; diteruskan ke pemeriksa berikutnya.')).toBeVisible();
  await counter(page, 'Perlu paraf', r1);
  await as(page, 'sekretaris.5204');
  await expect(page.getByRole('link', { name: `Perlu paraf: ${r2 + 1}` })).toBeVisible();
  await page.goto(`/naskah/${id}`);
  await page.getByRole('button', { name: 'Setujui' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Setujui' }).click();
  await expect(page.getByText('Naskah diparaf; kini menunggu tanda tangan.')).toBeVisible();
  await counter(page, 'Perlu paraf', r2);

  // the Ketua signs: a wrong password keeps the dialog open; past the limit, the wait is shown; then the right one
  await as(page, 'ketua.5204');
  await page.getByRole('link', { name: /^Perlu tanda tangan: [1-9]/ }).click();
  await page.getByRole('link', { name: `${SUBJECT} (akhir)` }).click();
  await page.getByRole('button', { name: 'Tandatangani' }).click();
  const sign = page.getByRole('dialog', { name: 'Tandatangani naskah' });
  await expect(sign.getByText('Menandatangani sebagai')).toBeVisible();
  await expect(sign.getByLabel('Kata sandi')).toHaveAttribute('autocomplete', 'current-password');
  await sign.getByLabel('Kata sandi').fill('bukan-sandinya');
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  await expect(sign.getByRole('alert').first()).toContainText('Kata sandi salah');
  await shot(page, 'w03-tandatangan-salah');
  // the limiter's answer (429 + Retry-After), as the API gives it past the attempts allowed
  await page.route(`**/api/letters/${id}/sign`, (route) =>
    route.fulfill({ status: 429, headers: { 'retry-after': '3', 'content-type': 'application/json' }, body: JSON.stringify({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'Terlalu banyak percobaan kata sandi; coba lagi dalam 3 detik (too many attempts)', details: { retryAfterSeconds: 3 } }) }),
  );
  await sign.getByLabel('Kata sandi').fill('masih-salah');
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  await expect(sign).toContainText(/Coba lagi dalam [1-3] detik/);
  await expect(sign.getByRole('button', { name: 'Tandatangani' })).toBeDisabled();
  await page.unroute(`**/api/letters/${id}/sign`);
  await expect(sign.getByRole('button', { name: 'Tandatangani' })).toBeEnabled({ timeout: 6000 });
  await expect(sign).toContainText('Waktu tunggu selesai');
  await sign.getByLabel('Kata sandi').fill(fixture().password);
  await sign.getByRole('button', { name: 'Tandatangani' }).click();
  const done = page.getByRole('dialog', { name: 'Naskah ditandatangani' });
  await expect(done).toContainText(/Nomor naskah: \S+\/PY\.01\.1/);
  await expect(done.getByRole('button', { name: 'Pratinjau PDF' })).toBeVisible({ timeout: 60_000 });
  state.number = ((await done.locator('.ant-result-title').textContent()) ?? '').replace('Nomor naskah: ', '').trim();
  await shot(page, 'w04-ditandatangani');
  await done.getByRole('button', { name: 'Selesai' }).click();
  await expect(page.getByText(state.number).first()).toBeVisible();

  // the registrar dispatches it from "siap dikirim"
  await as(page, 'pencatat.5204');
  await page.getByRole('link', { name: /^Siap dikirim: [1-9]/ }).click();
  await expect(page).toHaveURL(/\/antrean\/ready-to-send$/);
  await expect(page.getByRole('heading', { name: 'Siap dikirim' })).toBeVisible();
  await shot(page, 'w05-siap-dikirim');
  await page.getByRole('link', { name: `${SUBJECT} (akhir)` }).click();
  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByRole('dialog')).toContainText('Kepada: Sekretaris Jenderal');
  await page.getByRole('dialog').getByRole('button', { name: 'Kirim' }).click();
  await expect(page.getByText(/Naskah dikirim ke 1 tujuan\./)).toBeVisible();
  await expect(page.getByText('Terkirim', { exact: true }).first()).toBeVisible();

  // tracking: not read yet; remind the unread (with a confirmation), told how many were reminded
  await page.getByRole('tab', { name: 'Pengiriman' }).click();
  const tracking = page.locator('section[aria-labelledby="tracking-h"]');
  await expect(tracking.getByRole('row', { name: /Komisi Pemilihan Umum Republik Indonesia/ })).toContainText('Belum dibaca');
  await expect(tracking.getByText('1 dari 1 pengiriman ditampilkan.')).toBeVisible();
  await tracking.getByRole('button', { name: 'Ingatkan yang belum membaca (1)' }).click();
  await expect(page.getByRole('dialog')).toContainText('Kirim notifikasi pengingat kepada 1 jabatan');
  await page.getByRole('dialog').getByRole('button', { name: 'Kirim pengingat' }).click();
  await expect(page.getByText('1 jabatan yang belum membaca telah diingatkan.')).toBeVisible();
  await shot(page, 'w06-pelacakan-belum-dibaca');

  // KPU Provinsi NTB forwards it; KPU RI reads it
  await as(page, 'sekretaris.52', '/naskah-masuk');
  await page.getByRole('link', { name: new RegExp(`${SUBJECT} \\(akhir\\)`) }).first().click();
  await expect(page.getByRole('button', { name: 'Teruskan' })).toBeVisible();
  // opened at NTB: the sender's tracking says read
  // (opening marks it read with a request of its own, just after the page shows)
  const tracking$ = () => call<{ items: { status: string; readAt: string | null }[]; counts: Record<string, number> }>(request, drafterT, 'GET', `/api/letters/${id}/tracking`);
  await expect.poll(async () => (await tracking$()).items.map((i) => i.status)).toEqual(['READ']);
  expect((await tracking$()).counts).toMatchObject({ UNREAD: 0, READ: 1, total: 1 });
  await page.getByRole('button', { name: 'Teruskan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Teruskan' }).click();
  await expect(page.getByText('Naskah diteruskan.')).toBeVisible();
  await as(page, 'sekjen.ri', '/naskah-masuk');
  await page.getByRole('link', { name: new RegExp(`${SUBJECT} \\(akhir\\)`) }).first().click();
  await expect(page.getByText(state.number).first()).toBeVisible();
  await expect(page.getByText('Dibaca', { exact: true }).first()).toBeVisible();

  // back at the sender: read and forwarded by NTB (the relay), with the times; nothing left to remind
  await as(page, 'staf.umum.5204', `/naskah/${id}?tab=pengiriman`);
  const row = page.locator('section[aria-labelledby="tracking-h"]').getByRole('row', { name: /Komisi Pemilihan Umum Republik Indonesia/ });
  await expect(row).toContainText('Diteruskan');
  await expect(row).toContainText('melalui Sekretaris, KPU Provinsi Nusa Tenggara Barat');
  await expect(row).toContainText(/dibaca \d{1,2} \w{3} 20\d\d \d\d\.\d\d · diteruskan \d{1,2} \w{3} 20\d\d/);
  await page.locator('.tracking-counts').getByText('Belum dibaca', { exact: true }).click();
  await expect(page.getByText('Tidak ada pengiriman berstatus belum dibaca.')).toBeVisible();
  await page.locator('.tracking-counts').getByText('Diteruskan', { exact: true }).click();
  await expect(page.getByText('1 dari 1 pengiriman ditampilkan (diteruskan).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ingatkan yang belum membaca (0)' })).toBeDisabled();
  await shot(page, 'w07-pelacakan-dibaca');
  await page.getByRole('tab', { name: 'Riwayat' }).click();
  await expect(page.getByText('Ditandatangani', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Catatan: Sebutkan laporan akhir dan lampirkan berita acara.')).toBeVisible();
});

test('filing the sent letter into a dossier of the office, from the letter page', async ({ page, request }) => {
  const t = await token(request, 'arsiparis.5204');
  const me = await myPosition(request, t);
  const units = await call<{ id: number }[]>(request, t, 'GET', `/api/offices/${me.office.id}/units`);
  const dossier = await call<{ id: string; title: string }>(request, t, 'POST', '/api/records/dossiers', {
    title: 'Rekapitulasi suara Pemilu 2026', classificationCode: 'PY.01.1', periodStart: '2026-01-01', unitId: units[0].id,
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
  await as(page, 'staf.umum.5204', `/naskah/${state.letterId}`);
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
    await as(page, 'staf.umum.5204', `/naskah/${state.letterId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Buka PDF' })).toBeVisible();
    expect(await fits()).toBe(true);
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
