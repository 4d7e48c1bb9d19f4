import type { APIRequestContext, Page } from '@playwright/test';
import { expect, fixture, shot, signIn, test } from './support';

/**
 * Naskah masuk sorted on the server from the column headers, with the total; the PDF shown inline
 * (letter page tab, received-letter page), under the CSP (support.ts fails on any violation); the
 * letter pages' back links return to the list they were opened from.
 * Three letters of KPU Kota Mataram to its own Staf Teknis, sent over the API: SEGERA, then
 * AMAT_SEGERA, then BIASA (newest).
 */
test.describe.configure({ mode: 'serial' });

const TOKEN = `urut${Date.now().toString(36)}`;
const sent: { urgency: 'SEGERA' | 'AMAT_SEGERA' | 'BIASA'; subject: string; id: string }[] = [
  { urgency: 'SEGERA', subject: `Rapat pleno ${TOKEN} segera`, id: '' },
  { urgency: 'AMAT_SEGERA', subject: `Rapat pleno ${TOKEN} amat segera`, id: '' },
  { urgency: 'BIASA', subject: `Rapat pleno ${TOKEN} biasa`, id: '' },
];

async function token(request: APIRequestContext, username: string): Promise<string> {
  const r = await request.post('/api/auth/login', { data: { username, password: fixture().password } });
  expect(r.ok(), `login ${username}`).toBe(true);
  return ((await r.json()) as { accessToken: string }).accessToken;
}
async function call<T>(request: APIRequestContext, t: string, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const r = await request.fetch(path, { method, headers: { authorization: `Bearer ${t}` }, data });
  expect(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`).toBe(true);
  return (await r.json()) as T;
}

/** The content type of the document in the preview's frame (the blob: URL): the browser shows it as a PDF. */
const previewType = (page: Page) => {
  const f = page.frames().find((x) => x.url().startsWith('blob:'));
  return f ? f.evaluate(() => document.contentType).catch((e: Error) => `error: ${e.message}`) : Promise.resolve('no frame');
};

/** The subjects of the inbox table, top to bottom (without the screen reader's "Belum dibaca:"). */
const subjects = async (page: Page) =>
  (await page.getByRole('table', { name: 'Daftar naskah masuk' }).locator('tbody a.subject').allInnerTexts()).map((t) => t.replace(/^Belum dibaca:\s*/, ''));
const order = (...urgencies: string[]) => urgencies.map((u) => sent.find((s) => s.urgency === u)!.subject);

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  const [drafter, signer, recipient] = await Promise.all(['kasubbag.umum.5271', 'ketua.5271', 'staf.teknis.5271'].map((u) => token(request, u)));
  const me = async (t: string) => call<{ position: { id: number } }>(request, t, 'GET', '/api/me');
  const [signerPos, recipientPos] = [(await me(signer)).position.id, (await me(recipient)).position.id];
  for (const s of sent) {
    const created = await call<{ id: string }>(request, drafter, 'POST', '/api/letters', {
      typeCode: 'ND', subject: s.subject, summary: 'Rapat pleno', body: 'Dengan hormat,\n\nMohon hadir pada rapat pleno.\n\nDemikian disampaikan.', securityClass: 'B', urgency: s.urgency,
      classificationCode: 'PY.01.1', recipients: [{ kind: 'TO', positionId: recipientPos }], reviewerPositionIds: [], signerPositionId: signerPos,
    });
    s.id = String(created.id);
    await call(request, drafter, 'POST', `/api/letters/${s.id}/submit`);
    await call(request, signer, 'POST', `/api/letters/${s.id}/sign`, { password: fixture().password });
    await expect.poll(async () => (await call<{ documentFileId: string | null }>(request, drafter, 'GET', `/api/letters/${s.id}`)).documentFileId, { timeout: 60_000 }).toBeTruthy();
    await call(request, drafter, 'POST', `/api/letters/${s.id}/send`);
    await expect.poll(async () => (await call<{ items: unknown[] }>(request, recipient, 'GET', `/api/inbox?q=${encodeURIComponent(s.subject)}`)).items.length, { timeout: 30_000 }).toBe(1);
  }
});

test('naskah masuk: a column header sorts on the server, the total is shown, the order stays in the address and comes back from the letter', async ({ page }) => {
  await page.goto(`/naskah-masuk?q=${TOKEN}`);
  await signIn(page, 'staf.teknis.5271');
  // newest first by default
  await expect(page.getByText(/^3 naskah$/)).toBeVisible();
  await expect(page.getByText(/sesuai saringan · 3 naskah ditampilkan, 3 belum dibaca, urut diterima, terbaru dulu\./)).toBeVisible();
  await expect.poll(() => subjects(page)).toEqual(order('BIASA', 'AMAT_SEGERA', 'SEGERA'));

  // Sifat: most urgent first (the API's order: GET /api/inbox?sort=-urgency), then the reverse
  const sorted = page.waitForRequest((r) => r.url().includes('/api/inbox') && r.url().includes('sort=-urgency'));
  await page.getByRole('columnheader', { name: 'Sifat' }).click();
  await sorted;
  await expect(page).toHaveURL(/sort=-urgency/);
  await expect.poll(() => subjects(page)).toEqual(order('AMAT_SEGERA', 'SEGERA', 'BIASA'));
  await expect(page.getByRole('columnheader', { name: 'Sifat' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText(/urut sifat, paling segera dulu\./)).toBeVisible();
  await expect(page.getByText(/^3 naskah$/)).toBeVisible();
  await shot(page, '11-naskah-masuk-urut-sifat');
  await page.getByRole('columnheader', { name: 'Sifat' }).click();
  await expect(page).toHaveURL(/sort=urgency/);
  await expect.poll(() => subjects(page)).toEqual(order('BIASA', 'SEGERA', 'AMAT_SEGERA'));
  // Diterima: newest first (the default, out of the address), then oldest first
  await page.getByRole('columnheader', { name: 'Diterima' }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah-masuk\\?q=${TOKEN}$`));
  await expect.poll(() => subjects(page)).toEqual(order('BIASA', 'AMAT_SEGERA', 'SEGERA'));
  await page.getByRole('columnheader', { name: 'Diterima' }).click();
  await expect(page).toHaveURL(/sort=receivedAt/);
  await expect.poll(() => subjects(page)).toEqual(order('SEGERA', 'AMAT_SEGERA', 'BIASA'));
  // a filter (here from the address) keeps the order; the total counts what it keeps
  await page.goto(`/naskah-masuk?q=${TOKEN}&urgency=AMAT_SEGERA&sort=receivedAt`);
  await expect(page.getByText(/^1 naskah$/)).toBeVisible();
  await expect.poll(() => subjects(page)).toEqual(order('AMAT_SEGERA'));
  // an unread row says so once on a desktop (the Status column; the red tag is for phones, where that column is hidden)
  const firstRow = page.getByRole('row', { name: new RegExp(sent.find((x) => x.urgency === 'AMAT_SEGERA')!.subject) });
  await expect(firstRow.getByText('Belum dibaca', { exact: true }).filter({ visible: true })).toHaveCount(1);
  // a filter that keeps nothing says so once: "0 naskah sesuai saringan.", not "0 naskah · 0 naskah ditampilkan"
  await page.goto(`/naskah-masuk?q=${TOKEN}&urgency=AMAT_SEGERA&kind=CC`);
  await expect(page.getByText('0 naskah', { exact: true })).toBeVisible();
  await expect(page.getByText(/sesuai saringan\.$/)).toBeVisible();
  await expect(page.getByText(/ditampilkan/)).toHaveCount(0);
  await page.goBack();
  await page.goBack();
  await expect(page.getByText(/^3 naskah$/)).toBeVisible();
  await expect.poll(() => subjects(page)).toEqual(order('SEGERA', 'AMAT_SEGERA', 'BIASA'));

  // the received letter: its PDF inline, and back to the list as it was
  await page.getByRole('link', { name: new RegExp(sent[1].subject) }).click();
  await expect(page.getByRole('heading', { level: 1, name: sent[1].subject })).toBeVisible();
  await page.getByRole('button', { name: 'Tampilkan pratinjau' }).click();
  await expect(page.locator(`iframe[title="Pratinjau PDF: ${sent[1].subject}"]`)).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => previewType(page)).toBe('application/pdf'); // the browser's PDF viewer took it
  await expect(page.getByRole('button', { name: 'Sembunyikan pratinjau' })).toHaveAttribute('aria-expanded', 'true');
  await page.waitForTimeout(1500); // the viewer paints the page (for the picture only)
  await shot(page, '12-naskah-masuk-pratinjau-pdf');
  await page.getByRole('link', { name: '‹ Naskah masuk' }).click();
  await expect(page).toHaveURL(new RegExp(`/naskah-masuk\\?q=${TOKEN}&sort=receivedAt$`));
  await expect(page.getByRole('columnheader', { name: 'Diterima' })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => subjects(page)).toEqual(order('SEGERA', 'AMAT_SEGERA', 'BIASA'));
});

test('the letter page: the PDF tab previews the signed PDF inline; the back link returns to the box it came from, else to where the drafter meets the letter', async ({ page }) => {
  await page.goto('/naskah-keluar?box=sent');
  await signIn(page, 'kasubbag.umum.5271');
  await page.getByRole('link', { name: sent[0].subject }).click();
  await expect(page.getByRole('heading', { level: 1, name: sent[0].subject })).toBeVisible();
  await page.getByRole('tab', { name: 'PDF' }).click();
  await expect(page).toHaveURL(/tab=pdf/);
  await expect(page.locator(`iframe[title="Pratinjau PDF: ${sent[0].subject}"]`)).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => previewType(page)).toBe('application/pdf');
  await page.waitForTimeout(1500); // the viewer paints the page (for the picture only)
  await shot(page, '13-naskah-pratinjau-pdf');
  // switching tabs keeps where it came from
  await page.getByRole('tab', { name: 'Riwayat' }).click();
  await page.getByRole('link', { name: '‹ Naskah keluar — Terkirim' }).click();
  await expect(page).toHaveURL(/\/naskah-keluar\?box=sent$/);
  // opened from its address: the drafter's box of a sent letter
  await page.goto(`/naskah/${sent[0].id}`);
  await expect(page.getByRole('link', { name: '‹ Naskah keluar' })).toHaveAttribute('href', '/naskah-keluar?box=sent');
});
