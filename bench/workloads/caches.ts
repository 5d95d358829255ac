// `npm run bench -- caches`: what the caches save (issue 18), on a production build against the local stack.
// - Share page TTFB from Next.js's cache (the whole page, app/share/[token]/page.tsx) beside a cache miss (a link
//   never opened before), and beside a cached 2-message page (a cached page's time should not grow with its length).
// - Time to first message painted when a chat is opened from the sidebar, in Chromium: warm (the browser has the
//   chat's newest page in IndexedDB, lib/warm-start) beside cold (first time in this browser).
import type { Page } from '@playwright/test';
import postgres from 'postgres';
import { appUrl, startApp } from '../app-server.ts';
import type { MeasuredRow, Workload } from '../types.ts';
import { launchChromium, percentile, seededChat, signIn, timeGet } from './chat.ts';

const shareMessages = 200;
const rounds = 30;
const paintChats = 12;

const row = (name: string, values: number[], note: string): MeasuredRow => ({
  name,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  note: `${note}; n=${values.length}`,
});

async function newShare(admin: postgres.Sql, chatId: string): Promise<string> {
  const [share] = await admin`
    insert into public.shared_chats (chat_id, user_id, share_token, snapshot_sequence, snapshot_leaf_id)
    select c.id, c.user_id, translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_'),
           (select m.sequence_number from public.messages m where m.id = c.active_leaf_id), c.active_leaf_id
      from public.chats c where c.id = ${chatId}
    returning share_token`;
  return share.share_token as string;
}

async function measureShareTtfb(admin: postgres.Sql, chatId: string, smallChatId: string): Promise<MeasuredRow[]> {
  const hit = await newShare(admin, chatId);
  // The same page with 2 messages instead of 200: a page kept whole is not rendered again, so its length should
  // hardly matter once cached (it did when only its data was cached: rendering was most of the time).
  const small = await newShare(admin, smallChatId);
  for (let i = 0; i < 3; i++) {
    await timeGet(`${appUrl}/share/${hit}`, ''); // fills the cache
    await timeGet(`${appUrl}/share/${small}`, '');
  }
  const cached: number[] = [];
  const uncached: number[] = [];
  const cachedSmall: number[] = [];
  // Interleaved: a miss is a link opened for the first time, so each round makes one.
  for (let i = 0; i < rounds; i++) {
    const miss = await newShare(admin, chatId);
    const cold = await timeGet(`${appUrl}/share/${miss}`, '');
    const warm = await timeGet(`${appUrl}/share/${hit}`, '');
    const tiny = await timeGet(`${appUrl}/share/${small}`, '');
    if (cold.status !== 200 || warm.status !== 200 || tiny.status !== 200)
      throw new Error(`share page answered ${cold.status}/${warm.status}/${tiny.status}`);
    uncached.push(cold.firstByte);
    cached.push(warm.firstByte);
    cachedSmall.push(tiny.firstByte);
  }
  const note = `${shareMessages}-message snapshot`;
  return [
    row('share page TTFB, from the cache', cached, note),
    row('share page TTFB, uncached (first visit of a link)', uncached, note),
    row('share page TTFB, from the cache, 2-message snapshot', cachedSmall, 'a cached page is not rendered again'),
  ];
}

/** Clicks the chat's sidebar link and times, in the page, until its first message is painted (warm or live). */
async function timeOpen(page: Page, chatId: string): Promise<number> {
  const ms = await page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const painted = () => document.querySelector('[data-testid="warm-message"], article[data-role]');
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!painted()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { subtree: true, childList: true });
        document.querySelector<HTMLAnchorElement>(`nav a[href="/chat/${id}"]`)!.click();
      }),
    chatId,
  );
  await page.locator('article[data-role]').first().waitFor();
  return ms;
}

async function measureFirstPaint(cookies: Array<{ name: string; value: string }>, chatIds: string[]) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addCookies(cookies.map((c) => ({ ...c, domain: '127.0.0.1', path: '/' })));
    const page = await context.newPage();
    const home = async () => {
      await page.goto(`${appUrl}/`, { waitUntil: 'networkidle' });
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (const id of chatIds) {
      await home();
      cold.push(await timeOpen(page, id));
      await home();
      warm.push(await timeOpen(page, id));
    }
    const note = '50-message chat opened from the sidebar, click → first message painted';
    return [
      row('first message painted, warm (IndexedDB)', warm, note),
      row('first message painted, cold (server only)', cold, note),
    ];
  } finally {
    await browser.close();
  }
}

export const workloads: Workload[] = [
  {
    name: 'caches',
    onlyWhenNamed: true,
    async measure(ctx) {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      const stopApp = await startApp(ctx);
      const { userId, cookies } = await signIn(ctx);
      try {
        const shared = await seededChat(admin, userId, shareMessages);
        const rows = await measureShareTtfb(admin, shared, await seededChat(admin, userId, 2));
        const chatIds: string[] = [];
        for (let i = 0; i < paintChats; i++) chatIds.push(await seededChat(admin, userId, 50, `bench warm ${i}`));
        // Newest activity first in the sidebar: all of them on its first page.
        await admin`update public.chats set last_message_at = now() where id in ${admin(chatIds)}`;
        rows.push(...(await measureFirstPaint(cookies, chatIds)));
        return { rows };
      } finally {
        await stopApp();
        await admin`delete from public.shared_chats where user_id = ${userId}`;
        await admin.end();
      }
    },
  },
];
