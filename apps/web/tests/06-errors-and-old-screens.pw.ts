import { expect, fixture, signIn, test } from './support';

test('a failed request is said in place: the page, the shell and the filters stay, with a way to try again', async ({ page }) => {
  await page.goto('/beranda');
  await signIn(page, 'ketua.52');
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  let failing = true;
  await page.route('**/api/inbox?*', (route) =>
    failing ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'x' }) }) : route.fallback(),
  );
  await page.getByRole('link', { name: 'Naskah masuk' }).first().click();
  await expect(page.getByRole('heading', { name: 'Naskah masuk' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Layanan sedang tidak tersedia', { timeout: 30_000 });
  await expect(page.getByRole('search', { name: 'Saring naskah masuk' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Menu utama' })).toBeVisible();
  failing = false;
  await alert.getByRole('button', { name: 'Coba lagi' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.inbox-total')).toHaveText(/^\d[\d.]* naskah$/); // the list answered (its total; an empty inbox shows nothing more)
});

test('the previous screens under /lama/ sign in with the same cookie session and survive a reload', async ({ page }) => {
  const f = fixture();
  await page.goto('/lama/');
  await page.getByLabel('Nama pengguna').fill('ketua.5204');
  await page.getByLabel('Kata sandi').fill(f.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Kotak Masuk' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Kotak Masuk' })).toBeVisible();
  // and the new app in another tab shares the session
  const other = await page.context().newPage();
  await other.goto('/beranda');
  await expect(other.getByRole('heading', { name: 'Beranda' })).toBeVisible();

  // the screens the new app replaced are gone: their old addresses and the menu lead to the new app
  await page.goto(`/lama/#/naskah/${f.letterId}`);
  await expect(page).toHaveURL(new RegExp(`/naskah/${f.letterId}$`));
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  await page.goto('/lama/#/buat');
  await expect(page).toHaveURL(/\/naskah\/baru$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Buat naskah' })).toBeVisible();
  await page.goto('/lama/#/kotak-keluar/drafts');
  await expect(page).toHaveURL(/\/naskah-keluar$/);
  // the disposition screens stay
  await page.goto('/lama/#/disposisi/masuk');
  await expect(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Buat Naskah' })).toHaveAttribute('href', '/naskah/baru');
  await expect(page).toHaveURL(/\/lama\/#\/disposisi\/masuk$/);
});

test('a history queue counted past its cap reads "1.000+" on Beranda, and "lebih dari 1.000" to a screen reader', async ({ page }) => {
  // the API's answer for an archivist whose backlog passed the cap (the cap itself is tested in test/worklist)
  await page.route('**/api/worklist', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const q of body.queues) if (q.queue === 'no-follow-up') Object.assign(q, { count: 1000, capped: true });
    await route.fulfill({ response: res, json: body });
  });
  await page.goto('/beranda');
  await signIn(page, 'ketua.52');
  const card = page.getByRole('link', { name: 'Belum ditindaklanjuti: lebih dari 1.000' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('1.000+');
});
