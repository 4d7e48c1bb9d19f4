import { expect, fixture, shot, test } from './support';

test('the public verification page: by the QR token, an unknown token, the old link, and by uploading the PDF', async ({ page, request }) => {
  const f = fixture();
  await page.goto(`/verifikasi?t=${f.verificationToken}`);
  await expect(page.getByText('SAH — dokumen utuh dan tanda tangan cocok')).toBeVisible();
  await expect(page.getByText(f.number)).toBeVisible();
  await expect(page.getByText(/WIB/).first()).toBeVisible();
  await shot(page, '06-verifikasi');

  await page.goto('/verifikasi?t=TokenYangTidakAda12345');
  await expect(page.getByRole('alert')).toContainText('tidak ditemukan');

  // QR codes printed so far point at /verifikasi.html?t=…
  await page.goto(`/verifikasi.html?t=${f.verificationToken}`);
  await expect(page).toHaveURL(new RegExp(`/verifikasi\\?t=${f.verificationToken}$`));
  await expect(page.getByText('SAH — dokumen utuh dan tanda tangan cocok')).toBeVisible();

  // upload: the real PDF (fetched as a signed-in user through the API)
  const token = (await (await request.post('/api/auth/login', { data: { username: 'ketua.5204', password: f.password } })).json()).accessToken as string;
  const pdf = await (await request.get(`/api/letters/${f.letterId}/pdf`, { headers: { authorization: `Bearer ${token}` } })).body();
  await page.goto('/verifikasi');
  await page.locator('input[type=file]').setInputFiles({ name: 'naskah.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await expect(page.getByText('SAH — dokumen utuh dan tanda tangan cocok')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'bukan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('bukan pdf') });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
