// The chat experience as a maker meets it, on a production build of the app against the local stack:
// server-rendered time to first byte of /chat/[id] at 10, 1,000 and 100,000 messages, and send → first streamed
// token in the asking tab and in a second tab of the same user (a real Chromium, as the e2e tests drive it).
import fs from 'node:fs';
import http from 'node:http';
import { createServerClient } from '@supabase/ssr';
import { chromium, type Page } from '@playwright/test';
import postgres from 'postgres';
import { appUrl, startApp } from '../app-server.ts';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';

// One bench maker whose seeded chats survive between runs: a 100,000-message chat takes a minute to write through
// the real triggers (each append updates its chat's counter row), so it is written once per local database.
const benchEmail = 'bench-maker@ohm.local';
const benchPassword = 'bench-maker-password-1';

/** A password session as @supabase/ssr stores it in cookies, so requests carry what a browser would. */
export async function signIn(
  ctx: BenchContext,
  { email, password } = { email: benchEmail, password: benchPassword },
): Promise<{ userId: string; cookies: Array<{ name: string; value: string }> }> {
  const jar = new Map<string, string>();
  const supabase = createServerClient(ctx.apiUrl, ctx.publishableKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const c of cookies) {
          if (c.value) jar.set(c.name, c.value);
          else jar.delete(c.name);
        }
      },
    },
  });
  const signedIn = await supabase.auth.signInWithPassword({ email, password });
  // The bench maker is made on first use; other callers bring a user that exists.
  const { data, error } =
    signedIn.error?.code === 'invalid_credentials' && email === benchEmail
      ? await supabase.auth.signUp({ email, password })
      : signedIn;
  if (error || !data.user) throw new Error(`bench sign-in failed: ${error?.message}`);
  return { userId: data.user.id, cookies: [...jar].map(([name, value]) => ({ name, value })) };
}

export async function seededChat(
  admin: postgres.Sql,
  userId: string,
  messages: number,
  title = `bench ${messages} messages`,
): Promise<string> {
  const [existing] =
    await admin`select id from public.chats where user_id = ${userId} and title = ${title} and message_count = ${messages}`;
  if (existing) return existing.id as string;
  const [chat] = await admin`insert into public.chats (user_id, title) values (${userId}, ${title}) returning id`;
  // Through the real triggers (numbering, active leaf, activity, broadcast), in statements of 1,000 rows.
  for (let from = 1; from <= messages; from += 1000) {
    await admin`insert into public.messages (chat_id, role, content)
      select ${chat.id}, (case when i % 2 = 1 then 'user' else 'assistant' end)::public.message_role,
             'Message ' || i || ': wiring the BME280 to the ESP32 over I2C, SDA on GPIO21 and SCL on GPIO22.'
      from generate_series(${from}::int, ${Math.min(messages, from + 999)}::int) i`;
  }
  // A long chat's history is old: dated yesterday, it does not count against the maker's sending rate limit.
  await admin`update public.messages set created_at = now() - interval '1 day' where chat_id = ${chat.id}`;
  return chat.id as string;
}

type Timing = { firstByte: number; done: number; status: number };

/** Debian's Chromium where it is installed (as playwright.config.ts finds it), Playwright's own elsewhere. */
export function launchChromium() {
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  return chromium.launch({
    executablePath: systemChromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function timeGet(url: string, cookie: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByte = 0;
    http
      .get(url, { headers: { cookie } }, (res) => {
        res.once('data', () => (firstByte = performance.now() - t0));
        res.on('data', () => {});
        res.on('end', () => resolve({ firstByte, done: performance.now() - t0, status: res.statusCode ?? 0 }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

async function measureTtfb(cookie: string, chats: Array<{ size: number; id: string }>): Promise<MeasuredRow[]> {
  const rows: MeasuredRow[] = [];
  const rounds = 30;
  const bySize = new Map<number, Timing[]>();
  for (const chat of chats) {
    for (let i = 0; i < 3; i++) await timeGet(`${appUrl}/chat/${chat.id}`, cookie); // warm-up
    bySize.set(chat.size, []);
  }
  // Interleaved rounds, so a slow second on a shared machine does not land on one chat size only.
  for (let round = 0; round < rounds; round++) {
    for (const chat of chats) {
      const timing = await timeGet(`${appUrl}/chat/${chat.id}`, cookie);
      if (timing.status !== 200) throw new Error(`/chat/${chat.id} answered ${timing.status}`);
      bySize.get(chat.size)!.push(timing);
    }
  }
  const base = percentile(
    bySize.get(chats[0].size)!.map((t) => t.firstByte),
    50,
  );
  for (const chat of chats) {
    const timings = bySize.get(chat.size)!;
    const ttfb = timings.map((t) => t.firstByte);
    const p50 = percentile(ttfb, 50);
    rows.push({
      name: `TTFB /chat/[id], ${chat.size.toLocaleString('en-US')} messages`,
      p50,
      p95: percentile(ttfb, 95),
      p99: percentile(ttfb, 99),
      note: `whole page p50 ${percentile(
        timings.map((t) => t.done),
        50,
      ).toFixed(1)} ms; ×${(p50 / base).toFixed(2)} of the ${chats[0].size}-message chat; n=${rounds}`,
    });
  }
  return rows;
}

declare global {
  interface Window {
    __sentAt?: number;
    __firstToken?: number | null;
  }
}

/** Marks, in the page, the moment the newest assistant reply first shows text (a MutationObserver, not polling). */
async function watchFirstToken(page: Page, marker: string) {
  await page.evaluate((text) => {
    window.__firstToken = null;
    const before = document.querySelectorAll('article[data-role="assistant"]').length;
    const check = () => {
      const replies = document.querySelectorAll('article[data-role="assistant"]');
      if (replies.length > before && replies[replies.length - 1].textContent?.includes(text)) {
        window.__firstToken = Date.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, marker);
}

async function measureFirstToken(
  cookies: Array<{ name: string; value: string }>,
  chatId: string,
): Promise<MeasuredRow[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addCookies(cookies.map((c) => ({ ...c, domain: '127.0.0.1', path: '/' })));
    const asking = await context.newPage();
    const second = await context.newPage();
    // Both tabs hydrated (a composer typed into before hydration is reset by React) and their requests settled.
    await asking.goto(`${appUrl}/chat/${chatId}`, { waitUntil: 'networkidle' });
    await second.goto(`${appUrl}/chat/${chatId}`, { waitUntil: 'networkidle' });
    await asking.evaluate(() => {
      document.addEventListener(
        'keydown',
        (event) => {
          if (event.key === 'Enter' && !event.shiftKey) window.__sentAt = Date.now();
        },
        true,
      );
    });
    const inAsking: number[] = [];
    const inSecond: number[] = [];
    // The offline agent's reply to a message naming no part opens with these words.
    const marker = 'Happy';
    const rounds = 11;
    for (let round = 0; round < rounds; round++) {
      await watchFirstToken(asking, marker);
      await watchFirstToken(second, marker);
      const composer = asking.getByRole('textbox', { name: 'Message' });
      await composer.fill(`Round ${round}: I want to build something for my garden`);
      await composer.press('Enter');
      await asking.waitForFunction(() => window.__firstToken);
      await second.waitForFunction(() => window.__firstToken);
      const sentAt = await asking.evaluate(() => window.__sentAt!);
      // The first round also proves the second tab's subscription is live; it is not timed.
      if (round > 0) {
        inAsking.push((await asking.evaluate(() => window.__firstToken!)) - sentAt);
        inSecond.push((await second.evaluate(() => window.__firstToken!)) - sentAt);
      }
      for (const page of [asking, second]) {
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll<HTMLElement>('article[data-role="assistant"]')].at(-1)?.dataset.status ===
            'complete',
        );
      }
    }
    const row = (name: string, values: number[]): MeasuredRow => ({
      name,
      p50: percentile(values, 50),
      p95: percentile(values, 95),
      p99: percentile(values, 99),
      note: `n=${values.length}, offline agent`,
    });
    return [row('send → first token, asking tab', inAsking), row('send → first token, second tab', inSecond)];
  } finally {
    await browser.close();
  }
}

export const workloads: Workload[] = [
  {
    name: 'chat-page',
    async measure(ctx) {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      const stopApp = await startApp(ctx);
      const { userId, cookies } = await signIn(ctx);
      try {
        const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
        const chats = [];
        for (const size of [10, 1_000, 100_000]) chats.push({ size, id: await seededChat(admin, userId, size) });
        const rows = await measureTtfb(cookie, chats);
        const [fresh] =
          await admin`insert into public.chats (user_id, title) values (${userId}, 'bench first token') returning id`;
        rows.push(...(await measureFirstToken(cookies, fresh.id)));
        return { rows };
      } finally {
        await stopApp();
        await admin`delete from public.chats where user_id = ${userId} and title = 'bench first token'`;
        await admin.end();
      }
    },
  },
];
