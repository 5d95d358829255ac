// The environment the app under test is built and served with: Playwright's web server (playwright.config.ts) and
// `npm test`'s build beside its other checks (scripts/test-all.ts) must agree, since `next build` inlines the
// NEXT_PUBLIC_ values into the pages it writes.
import { apiUrl, jwtSecret, publishableKey, secretKey } from '../../supabase/local/config.ts';

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);

export const appServerEnv = {
  NEXT_PUBLIC_SUPABASE_URL: apiUrl,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey,
  SUPABASE_SECRET_KEY: secretKey,
  SUPABASE_JWT_SECRET: jwtSecret,
  NEXT_TELEMETRY_DISABLED: '1',
};
