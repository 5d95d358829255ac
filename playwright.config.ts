import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { appServerEnv, e2ePort as port } from './tests/e2e/app-server-env.ts';

const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it is installed (Playwright cannot download its own browser on every machine);
// Playwright's own browser elsewhere.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

// Journeys that see the whole stack, not only their own user's data: one stops Postgres, one counts every user. They
// run alone, one at a time, after the others (as the teardown of the parallel project, which runs even when a
// journey there failed); every other journey has a user and data of its own and runs beside another.
const wholeStack = ['**/unavailable.spec.ts', '**/first-visit.spec.ts'];
const browser = { ...devices['Desktop Chrome'] };

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: !!process.env.CI,
  // One retry: a journey that fails once and then passes is reported as flaky (npm test lists it under its summary)
  // instead of failing a whole CI run on a timing we have not found yet; one that fails twice fails.
  retries: 1,
  // Two at a time: a journey spends most of its time waiting on the server, the database and the offline agents'
  // reading pace, so two of them share this machine's two cores (E2E_WORKERS=1 runs them one by one).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: browser, testIgnore: wholeStack, teardown: 'exclusive' },
    { name: 'exclusive', use: browser, testMatch: wholeStack, workers: 1 },
  ],
  webServer: {
    // A production build against the local stack: what CI checks is what ships.
    // `npm test` builds beside its other checks and says so with OHM_E2E_PREBUILT=1 (scripts/test-all.ts).
    command: `${process.env.OHM_E2E_PREBUILT === '1' ? '' : 'npm run build && '}npm run start -- -p ${port} -H 127.0.0.1`,
    url: baseURL + '/login',
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    env: appServerEnv,
  },
});
