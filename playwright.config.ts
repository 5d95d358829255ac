import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { apiUrl, jwtSecret, publishableKey, secretKey } from './supabase/local/config.ts';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it is installed (Playwright cannot download its own browser on every machine);
// Playwright's own browser elsewhere.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: !!process.env.CI,
  // One retry: a journey that fails once and then passes is reported as flaky (npm test lists it under its summary)
  // instead of failing a whole CI run on a timing we have not found yet; one that fails twice fails.
  retries: 1,
  workers: 1,
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // A production build against the local stack: what CI checks is what ships.
    command: `npm run build && npm run start -- -p ${port} -H 127.0.0.1`,
    url: baseURL + '/login',
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    env: {
      NEXT_PUBLIC_SUPABASE_URL: apiUrl,
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
      SUPABASE_SECRET_KEY: secretKey,
      SUPABASE_JWT_SECRET: jwtSecret,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
