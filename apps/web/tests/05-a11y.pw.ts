import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, fixture, signIn, test } from './support';

async function serious(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)); // antd fades (a help text mid fade-in has too little contrast)
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('axe-core: no serious or critical violation on the main pages', async ({ page }) => {
  const f = fixture();
  await page.goto('/masuk');
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  expect(await serious(page), '/masuk').toEqual([]);
  await page.goto(`/verifikasi?t=${f.verificationToken}`);
  await expect(page.getByText('SAH — dokumen utuh dan tanda tangan cocok')).toBeVisible();
  expect(await serious(page), '/verifikasi').toEqual([]);

  await page.goto('/beranda');
  await signIn(page, 'sekretaris.52');
  await expect(page.getByRole('heading', { name: 'Beranda' })).toBeVisible();
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
  expect(await serious(page), '/beranda').toEqual([]);
  await page.goto('/naskah-masuk');
  await expect(page.getByText(/naskah ditampilkan/)).toBeVisible();
  expect(await serious(page), '/naskah-masuk').toEqual([]);
  await page.goto(`/naskah-masuk/${f.deliveryId}`);
  await expect(page.getByRole('heading', { level: 1, name: f.subject })).toBeVisible();
  await expect(page.locator('.ant-skeleton')).toHaveCount(0);
  expect(await serious(page), '/naskah-masuk/:id').toEqual([]);
  await page.goto('/notifikasi');
  await expect(page.getByRole('heading', { name: 'Notifikasi' })).toBeVisible();
  expect(await serious(page), '/notifikasi').toEqual([]);
});
