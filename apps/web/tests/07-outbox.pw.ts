import AxeBuilder from '@axe-core/playwright';
import { expect, fixture, shot, signIn, test } from './support';

test('naskah keluar: the beranda counter leads to its box; the sent letter shows who has read it', async ({ page }) => {
  const f = fixture();
  await page.goto('/beranda');
  await signIn(page, 'kasubbag.umum.5204');
  await page.getByRole('link', { name: /^Konsep saya: 0$/ }).click();
  await expect(page).toHaveURL(/\/naskah-keluar\?box=drafts$/);
  await expect(page.getByRole('tab', { name: 'Konsep', selected: true })).toBeVisible();
  await expect(page.getByText('Tidak ada naskah di "Konsep".')).toBeVisible();
  await page.getByRole('tab', { name: 'Terkirim' }).click();
  await expect(page).toHaveURL(/box=sent/);
  const row = page.getByRole('row', { name: new RegExp(f.subject) });
  // the journey forwarded it at NTB and KPU RI read it: both deliveries acted on
  await expect(row).toContainText('2 dari 2');
  await expect(row).toContainText('Terkirim');
  await expect(row.getByRole('link', { name: new RegExp(f.subject) })).toHaveAttribute('href', `/naskah/${f.letterId}`);
  // a list's time says its zone (UI.md: "4 Des 2026, 23.56 WIB")
  await expect(row).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB/);
  await shot(page, '10-naskah-keluar');
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)); // antd fades (a help text mid fade-in has too little contrast)
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('notifikasi: an unread notification stands out until the letter it is about is opened', async ({ page }) => {
  const f = fixture();
  await page.goto('/notifikasi');
  await signIn(page, 'pencatat.5204'); // the registrar was told the fixture letter was ready to send
  await expect(page.getByRole('heading', { level: 1, name: 'Notifikasi' })).toBeVisible();
  const item = page.locator('.ant-list-item', { hasText: `Siap dikirim: nomor ${f.number}` });
  const weight = () => item.locator('.ant-list-item-meta-title').evaluate((t) => getComputedStyle(t).fontWeight);
  await expect(item).toContainText('Baru');
  await expect(item.getByRole('link')).toHaveAccessibleName(`Belum dibaca: Siap dikirim: nomor ${f.number}`);
  expect(await weight()).toBe('600');
  const unread = page.getByText(/^\d+ belum dibaca\.$/);
  await expect(unread).toBeVisible();
  const before = Number((await unread.textContent())!.split(' ')[0]);
  const bell = page.getByRole('button', { name: /^Notifikasi, / });
  await expect(bell).toHaveAccessibleName(`Notifikasi, ${before} belum dibaca`);
  await item.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  // the bell counts it read at once (not after its cache expires)
  await expect(bell).toHaveAccessibleName(before > 1 ? `Notifikasi, ${before - 1} belum dibaca` : 'Notifikasi, tidak ada yang belum dibaca');
  await page.getByRole('link', { name: '‹ Notifikasi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifikasi' })).toBeVisible();
  // opening the letter read it: no longer marked, in the ordinary weight
  await expect(item).not.toContainText('Baru');
  await expect(item.getByRole('link')).toHaveAccessibleName(`Siap dikirim: nomor ${f.number}`);
  expect(await weight()).toBe('400');
});
