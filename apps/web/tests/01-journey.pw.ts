import { fixture, expect, shot, signIn, test } from './support';

test.describe.configure({ mode: 'serial' });

test('sign in → beranda → naskah masuk → the letter with its PDF → forward → KPU RI receives it → sign out', async ({ page, context }) => {
  const f = fixture();
  // a bookmarked page asks for sign-in and comes back to itself afterwards
  await page.goto('/naskah-masuk?unread=true');
  await expect(page).toHaveURL(/\/masuk\?kembali=/);
  await shot(page, '01-masuk');
  await page.getByLabel('Nama pengguna').fill(f.recipient);
  await page.getByLabel('Kata sandi').fill('salah-sandi');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah');
  await page.getByLabel('Kata sandi').fill(f.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/naskah-masuk\?unread=true$/);

  await page.getByRole('link', { name: 'Beranda' }).first().click();
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Surat masuk belum dibaca: 1$/ })).toBeVisible();
  await expect(page.getByText('KPU Provinsi Nusa Tenggara Barat').first()).toBeVisible();
  await shot(page, '02-beranda');
  // "perlu diteruskan" leads to exactly what it counts: the letter to pass on, with its sender and status
  await page.getByRole('link', { name: /^Perlu diteruskan: 1$/ }).click();
  await expect(page).toHaveURL(/\/antrean\/to-forward$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Perlu diteruskan' })).toBeVisible();
  const waiting = page.getByRole('row', { name: new RegExp(f.subject) });
  await expect(waiting).toContainText('KPU Kabupaten Sumbawa');
  await expect(waiting).toContainText('Belum dibaca');
  await expect(waiting).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/); // a list's time says its zone
  await expect(page.getByText('1 naskah.')).toBeVisible();
  await page.getByRole('link', { name: 'Beranda' }).first().click();

  await page.getByRole('link', { name: /^Surat masuk belum dibaca/ }).click();
  await expect(page).toHaveURL(/\/naskah-masuk\?unread=true/);
  const row = page.getByRole('row', { name: new RegExp(f.subject) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Perlu diteruskan');
  await expect(row).toContainText('Segera');
  await expect(page.getByText(/1 naskah ditampilkan, 1 belum dibaca/)).toBeVisible();
  await shot(page, '03-naskah-masuk');

  await row.getByRole('link', { name: new RegExp(f.subject) }).click();
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  await expect(page.getByText(f.number)).toBeVisible();
  await expect(page.getByText('KPU Kabupaten Sumbawa').first()).toBeVisible();
  await expect(page.getByText(/WIB/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'berita-acara.pdf' })).toBeVisible();
  // the route shows where it goes on to: the Sekretaris Jenderal at KPU RI
  await expect(page.getByText('Sekretaris Jenderal — Komisi Pemilihan Umum Republik Indonesia')).toBeVisible();
  await expect(page.getByText('null')).toHaveCount(0);

  // the PDF opens: the real rendered document is fetched with the access token and shown from a blob URL
  const popup = context.waitForEvent('page');
  let served: { status: number; type: string; head: string } | undefined;
  await page.route(`**/api/letters/${f.letterId}/pdf`, async (route) => {
    const r = await route.fetch();
    const body = await r.body();
    served = { status: r.status(), type: r.headers()['content-type'], head: body.subarray(0, 5).toString('latin1') };
    await route.fulfill({ response: r, body });
  });
  await page.getByRole('button', { name: 'Buka PDF' }).click();
  await expect.poll(() => served).toEqual({ status: 200, type: expect.stringContaining('application/pdf'), head: '%PDF-' });
  const opened = await popup;
  expect(opened.url()).toMatch(/^blob:/);
  await opened.close();
  expect(await page.getByRole('link', { name: 'Unduh PDF' }).getAttribute('href')).toMatch(/^blob:/);
  await shot(page, '04-naskah');

  // forward to the final addressee; a return without a reason is refused at the field, the dialog stays
  await page.getByRole('button', { name: 'Kembalikan' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Kembalikan' }).click();
  await expect(page.getByRole('dialog')).toContainText('Isi alasan pengembalian.');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
  await page.getByRole('button', { name: 'Teruskan' }).click();
  // a failed forward's message does not outlive the dialog: Batal, open it again, and it is gone
  await page.route(`**/api/deliveries/${f.deliveryId}/forward`, (route) => route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ statusCode: 409, code: 'CONFLICT', message: 'Naskah sedang diubah; coba lagi' }) }), { times: 1 });
  const refused = page.waitForResponse((r) => r.url().endsWith('/forward') && r.status() === 409);
  await page.getByRole('dialog').getByRole('button', { name: 'Teruskan' }).click();
  await refused;
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('coba lagi');
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Teruskan' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Catatan penerusan (opsional)').fill('Mohon ditindaklanjuti');
  // meanwhile the same official forwards it from another tab
  const tab = await context.newPage();
  await tab.goto(`/naskah-masuk/${f.deliveryId}`);
  await tab.getByRole('button', { name: 'Teruskan' }).click();
  await tab.getByLabel('Catatan penerusan (opsional)').fill('Mohon ditindaklanjuti');
  await tab.getByRole('dialog').getByRole('button', { name: 'Teruskan' }).click();
  await expect(tab.getByText('Naskah diteruskan.')).toBeVisible();
  await tab.close();
  // here the API refuses it: said in Indonesian only (no English tail), in the dialog, which stays open
  // with what was typed, while the page behind shows it forwarded
  await page.getByRole('dialog').getByRole('button', { name: 'Teruskan' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Surat ini sudah diteruskan');
  await expect(page.getByLabel('Catatan penerusan (opsional)')).toHaveValue('Mohon ditindaklanjuti');
  await expect(page.getByText('Sudah ditindaklanjuti')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
  await expect(page.getByText('Diteruskan', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Teruskan' })).toHaveCount(0);

  // sign out: back to the sign-in page, and the app's pages ask for it again
  await page.getByRole('button', { name: /^Akun:/ }).click();
  await page.getByRole('menuitem', { name: 'Keluar', exact: true }).click();
  await expect(page).toHaveURL(/\/masuk$/);
  await page.goto('/beranda');
  await expect(page).toHaveURL(/\/masuk\?kembali=%2Fberanda/);

  // KPU RI: the Sekjen finds it, arrived by forwarding from NTB
  await signIn(page, 'sekjen.ri');
  await expect(page).toHaveURL(/\/beranda$/);
  // "belum ditindaklanjuti" lists the letters it counts (not the whole inbox)
  await page.getByRole('link', { name: /^Belum ditindaklanjuti: 1$/ }).click();
  await expect(page).toHaveURL(/\/antrean\/no-follow-up$/);
  await expect(page.getByRole('row', { name: new RegExp(f.subject) })).toContainText('Belum dibaca');
  await page.getByRole('link', { name: 'Naskah masuk' }).first().click();
  const atRi = page.getByRole('row', { name: new RegExp(f.subject) });
  await expect(atRi).toContainText('Diteruskan oleh KPU Provinsi Nusa Tenggara Barat');
  await atRi.getByRole('link', { name: new RegExp(f.subject) }).click();
  await expect(page.getByText('Mohon ditindaklanjuti').first()).toBeVisible();
  await shot(page, '05-naskah-di-kpu-ri');
});
