import { defineConfig, devices } from '@playwright/test';

/**
 * The browser suite: Debian's Chromium (/usr/bin/chromium; scripts/test.sh installs it when missing —
 * Playwright's own browser download cannot work here) against the real API + worker started by
 * scripts/web-test-server.ts on a database of its own. Run by `npm test` (after Jest) or
 * `npm run test:web`. Screenshots: .data/test/screenshots. Results for CI: .data/test/playwright-results.json.
 */
const PORT = Number(process.env.NASKAH_WEB_TEST_PORT ?? 3590);
const ROOT = new URL('../..', import.meta.url).pathname;

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.pw.ts',
  outputDir: `${ROOT}.data/test/playwright-output`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // one at a time, in file order: the journey reads and forwards the fixture letter first, and a sign-out
  // revokes every session of that user, so tests sharing an account must not overlap
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `${ROOT}.data/test/playwright-results.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.NASKAH_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node -r @swc-node/register scripts/web-test-server.ts',
    cwd: ROOT,
    env: { NASKAH_WEB_TEST_PORT: String(PORT) },
    wait: { stdout: /WEB-TEST-READY/ },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
