// Pages through the app at scale: time to first byte of the share page (/share/[token], no session) and of the
// heavy user's chat page (/chat/[id], signed in, with its 2,000-chat sidebar), on a production build served by
// bench/app-server.ts against the scale stack, each beside the RPC the page renders from, through /rest/v1.
import type postgres from 'postgres';
import { hashPassword } from '../../supabase/local/auth/passwords.ts';
import { appUrl, startApp } from '../app-server.ts';
import type { BenchContext } from '../types.ts';
import { seededChat, signIn, timeGet } from '../workloads/chat.ts';
import { restAs, time, tokenFor, type Timing } from './clients.ts';
import type { Cast, Result } from './reads.ts';

const password = 'scale-bench-password-1';

/** TTFB of `count` GETs of `url` after 3 untimed ones, as the scale workloads summarise a latency. */
async function ttfb(url: string, cookie: string, count: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await timeGet(url, cookie);
  const values: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = await timeGet(url, cookie);
    if (t.status !== 200) throw new Error(`${url} answered ${t.status}`);
    values.push(t.firstByte);
  }
  const seconds = (performance.now() - started) / 1000;
  values.sort((a, b) => a - b);
  const at = (p: number) => values[Math.max(0, Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1))];
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    count: values.length,
    throughput: values.length / seconds,
  };
}

export async function pages(ctx: BenchContext, admin: postgres.Sql, cast: Cast, count: number): Promise<Result[]> {
  // The bulk-built users have no password (nor the instance a sign-in looks them up in): give the heavy one both,
  // to sign in through /auth/v1 as a browser does.
  await admin`update auth.users set encrypted_password = ${await hashPassword(password)},
                     instance_id = '00000000-0000-0000-0000-000000000000'
               where id = ${cast.heavy} and encrypted_password is null`;
  const [{ email }] = await admin`select email from auth.users where id = ${cast.heavy}`;
  const [share] = await admin`
    select s.share_token from public.shared_chats s join public.chats c on c.id = s.chat_id where c.title = 'Scale shared-1000'`;
  // The bulk-built chats have md5-made ids, which the app's id check refuses as no UUID: two chats of the heavy
  // user's written through the real triggers instead, once (kept between runs).
  const chats = [];
  for (const n of [10, 10_000]) chats.push({ n, id: await seededChat(admin, cast.heavy, n, `Scale page-${n}`) });
  const stopApp = await startApp(ctx);
  const results: Result[] = [];
  try {
    const { cookies } = await signIn(ctx, { email: email as string, password });
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const asTypical = restAs(ctx, await tokenFor(cast.typical));
    const asHeavy = restAs(ctx, await tokenFor(cast.heavy));
    const sharePage = await ttfb(`${appUrl}/share/${share.share_token}`, '', count);
    const shareRpc = await time(() => asTypical.rpc('get_shared_chat', { p_token: share.share_token, p_limit: 50 }), {
      count,
    });
    results.push({
      group: 'page through the app',
      name: 'TTFB /share/[token], a 1,000-message share',
      ours: sharePage,
      baseline: { name: 'get_shared_chat via /rest/v1', timing: shareRpc },
    });
    for (const chat of chats) {
      const page = await ttfb(`${appUrl}/chat/${chat.id}`, cookie, count);
      const rpc = await time(() => asHeavy.rpc('get_chat_page', { p_chat_id: chat.id, p_limit: 50 }), { count });
      results.push({
        group: 'page through the app',
        name: `TTFB /chat/[id], heavy user, ${chat.n} messages`,
        ours: page,
        baseline: { name: 'get_chat_page via /rest/v1', timing: rpc },
      });
    }
  } finally {
    await stopApp();
  }
  return results;
}
