import { expect, fixture, shot, signIn, test } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('390 px phone: drawer menu, the inbox and the letter page fit the screen', async ({ page }) => {
  const f = fixture();
  await page.goto('/naskah-masuk');
  await signIn(page, 'sekretaris.52');
  await expect(page.getByRole('heading', { name: 'Naskah masuk' })).toBeVisible();
  const header = await page.locator('header').first().boundingBox();
  expect(header!.height).toBeLessThanOrEqual(64); // the header takes a line, not a third of the screen
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  await expect(page.getByText(f.subject).first()).toBeVisible();
  expect(await fits()).toBe(true);
  await shot(page, '07-ponsel-naskah-masuk');

  await page.getByRole('button', { name: 'Buka menu' }).click();
  await expect(page.getByRole('dialog').getByRole('link', { name: 'Beranda' })).toBeVisible();
  // the drawer has finished sliding in (its left edge at the screen's)
  await expect.poll(async () => (await page.getByRole('dialog').boundingBox())?.x).toBe(0);
  await shot(page, '08-ponsel-menu');
  await page.getByRole('dialog').getByRole('link', { name: 'Naskah masuk' }).click();

  await page.getByRole('link', { name: new RegExp(f.subject) }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Buka PDF' })).toBeVisible();
  expect(await fits()).toBe(true);
  await shot(page, '09-ponsel-naskah');
});

test('390 px phone: naskah keluar tells each letter status and time, the action bar links fit the screen', async ({ page }) => {
  const f = fixture();
  await page.goto('/naskah-keluar?box=sent');
  await signIn(page, 'kasubbag.umum.5204');
  const row = page.getByRole('row', { name: new RegExp(f.subject) });
  // the Status and date columns are hidden on a phone: the row says them under the subject
  await expect(row.getByText(/Terkirim · \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/)).toBeVisible();
  await row.getByRole('link', { name: new RegExp(f.subject) }).click();
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  const bar = page.getByRole('group', { name: 'Tindakan' });
  const link = bar.getByRole('link', { name: 'Verifikasi', exact: true });
  await expect(link).toBeVisible();
  const box = (await link.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await shot(page, '09b-ponsel-naskah-keluar');
});
