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
  await shot(page, '10-naskah-keluar');
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)); // antd fades (a help text mid fade-in has too little contrast)
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
