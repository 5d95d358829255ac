// Playwright fixtures: page objects, screenshots of key screens, and data seeded through supabase-js as the
// browser's own user.
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Database } from '../../lib/supabase/database.types.ts';
import { apiUrl, publishableKey, secretKey } from '../../supabase/local/config.ts';
import { ChatPage } from './pages/chat';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { ShellPage } from './pages/shell';

/** Key screens, kept as CI artifacts: outside test-results/e2e, which Playwright empties at the start of a run. */
export async function keepScreenshot(page: Page, name: string) {
  // The screen itself, not the loading skeleton it streams first.
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export const test = base.extend<{ chat: ChatPage; home: HomePage; login: LoginPage; shell: ShellPage }>({
  chat: async ({ page }, provide) => provide(new ChatPage(page)),
  home: async ({ page }, provide) => provide(new HomePage(page)),
  login: async ({ page }, provide) => provide(new LoginPage(page)),
  shell: async ({ page }, provide) => provide(new ShellPage(page)),
});

export { expect } from '@playwright/test';

export const freshEmail = () => `maker-${crypto.randomUUID().slice(0, 8)}@example.com`;

const sessionCookie = /^sb-[^-]+-auth-token(\.\d+)?$/;

/**
 * Makes the visitor of `context` a guest, as the app's first send does (lib/auth/guest.ts): an anonymous sign-in
 * whose session is stored in @supabase/ssr's own cookies. For tests that arrange chats before the first send.
 */
export async function startGuestSession(context: BrowserContext) {
  if ((await context.cookies()).some((c) => sessionCookie.test(c.name))) return;
  const jar: Array<{ name: string; value: string }> = [];
  const auth = createServerClient(apiUrl, publishableKey, {
    cookies: {
      getAll: () => jar,
      setAll: (cookies) => {
        jar.push(...cookies);
      },
    },
  });
  const { error } = await auth.auth.signInAnonymously();
  if (error) throw new Error(`could not start a guest session: ${error.message}`);
  const origin = new URL(test.info().project.use.baseURL!);
  await context.addCookies(
    jar.map(({ name, value }) => ({ name, value, domain: origin.hostname, path: '/', sameSite: 'Lax' as const })),
  );
}

/** supabase-js acting as the user signed in to `context` (read from @supabase/ssr's session cookie), no refresh. */
export async function supabaseAs(
  context: BrowserContext,
): Promise<{ supabase: SupabaseClient<Database>; userId: string }> {
  const cookies = (await context.cookies()).filter((c) => sessionCookie.test(c.name));
  const value = cookies
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .map((c) => c.value)
    .join('');
  if (!value) throw new Error('no Supabase session cookie in this browser context');
  const raw = decodeURIComponent(value);
  const session = JSON.parse(
    raw.startsWith('base64-') ? Buffer.from(raw.slice(7), 'base64url').toString('utf8') : raw,
  ) as { access_token: string; user: { id: string } };
  const supabase = createClient<Database>(apiUrl, publishableKey, {
    global: { headers: { Authorization: `Bearer ${session.access_token}` } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return { supabase, userId: session.user.id };
}

/**
 * Creates chats as the user of `context` (made a guest first when it has no session yet) through supabase-js, newest first in `ages` (hours before now). The
 * database owns `last_message_at` (users may not write it), so the ages are set with the service key afterwards.
 */
export async function seedChats(
  context: BrowserContext,
  chats: Array<{ title: string; hoursAgo: number }>,
): Promise<string[]> {
  await startGuestSession(context);
  const { supabase } = await supabaseAs(context);
  const { data, error } = await supabase
    .from('chats')
    .insert(chats.map((c) => ({ title: c.title })))
    .select('id, title');
  if (error) throw new Error(error.message);
  const service = createClient<Database>(apiUrl, secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const now = Date.now();
  const ids = chats.map((c) => data.find((row) => row.title === c.title)!.id);
  for (let i = 0; i < chats.length; i += 20) {
    await Promise.all(
      chats.slice(i, i + 20).map(async (chat, j) => {
        const at = new Date(now - chat.hoursAgo * 3_600_000).toISOString();
        const { error: failed } = await service
          .from('chats')
          .update({ last_message_at: at })
          .eq('id', ids[i + j]);
        if (failed) throw new Error(failed.message);
      }),
    );
  }
  return ids;
}
