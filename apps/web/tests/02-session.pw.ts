import { expect, fixture, signIn, test } from './support';

test('a reload and a new tab keep the session; the token is in memory only, the refresh cookie is httpOnly', async ({ page, context }) => {
  const f = fixture();
  await page.goto('/beranda');
  await signIn(page, 'ketua.52');
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();

  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name === 'naskah_refresh');
  expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ|naskah_refresh/); // no token in web storage

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  await expect(page).toHaveURL(/\/beranda$/);

  // two new tabs at once: refreshes are serialised, so neither spends the other's cookie
  const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
  await Promise.all([a.goto('/naskah-masuk'), b.goto(`/naskah-masuk/${f.deliveryId}`)]);
  await expect(a.getByRole('heading', { name: 'Naskah masuk' })).toBeVisible();
  await expect(b.locator('h1')).toBeVisible();
  await expect(a).toHaveURL(/\/naskah-masuk$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  await a.close();
  await b.close();
});
