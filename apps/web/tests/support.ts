import { readFileSync, mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';

const ROOT = new URL('../../..', import.meta.url).pathname;
export const SHOTS = `${ROOT}.data/test/screenshots`;
mkdirSync(SHOTS, { recursive: true });

export interface Fixture {
  baseURL: string;
  letterId: string;
  subject: string;
  number: string;
  verificationToken: string;
  deliveryId: string;
  recipient: string;
  password: string;
}
/** What scripts/web-test-server.ts prepared (written before it reported ready). */
export const fixture = (): Fixture => JSON.parse(readFileSync(`${ROOT}.data/test/web/fixture.json`, 'utf8')) as Fixture;

/** CSP violations and uncaught errors of `page` go to `problems` (a test's other browsers too). */
export function watch(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: pageerror: ${e.message}`));
}

/**
 * Every page is watched for CSP violations and uncaught errors: antd's run-time styles must apply
 * under style-src 'self' 'nonce-…' and nothing may need 'unsafe-inline'.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      watch(page, problems);
      await use(problems);
      expect(problems, 'CSP violations or uncaught errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function signIn(page: Page, username: string, password = fixture().password): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/**
 * The whole page as one picture, after antd's transitions (a tab's colour and ink bar, a dialog's
 * fade). Taken with the window as tall as the page: a sticky header or action bar then sits where the
 * user sees it (top, bottom) instead of across the middle, as a scrolled full-page capture draws it.
 */
export async function shot(page: Page, name: string, { settle = true } = {}): Promise<void> {
  if (settle) {
    await page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { timeout: 3000 })
      .catch(() => undefined);
  }
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (!viewport || height <= viewport.height) {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    return;
  }
  await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  } finally {
    await page.setViewportSize(viewport);
  }
}
