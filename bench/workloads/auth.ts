// /auth/v1 workloads: anonymous sign-in and token refresh, through plain fetch as auth-js sends them.
import type { Workload } from '../types.ts';

const headers = (key: string) => ({
  apikey: key,
  'content-type': 'application/json',
  'x-supabase-api-version': '2024-01-01',
});

async function post(url: string, key: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: headers(key), body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<{ refresh_token: string; access_token: string }>;
}

export const workloads: Workload[] = [
  {
    name: 'auth-anonymous-signin',
    concurrency: 4,
    iterations: 1000,
    run: (ctx) => post(`${ctx.apiUrl}/auth/v1/signup`, ctx.publishableKey, { data: {}, gotrue_meta_security: {} }),
  },
  {
    name: 'auth-refresh',
    concurrency: 4,
    iterations: 1000,
    // Each caller keeps its own session and refreshes it in turn, as a tab does.
    setup: async (ctx) => {
      const sessions = await Promise.all(
        Array.from({ length: 4 }, () => post(`${ctx.apiUrl}/auth/v1/signup`, ctx.publishableKey, { data: {} })),
      );
      return { free: sessions.map((s) => s.refresh_token) };
    },
    // As many sessions as callers: each call takes a free session's token and puts the rotated one back.
    run: async (ctx, state: { free: string[] }) => {
      const token = state.free.pop();
      if (!token) throw new Error('no free session: concurrency exceeds the sessions made in setup');
      const session = await post(`${ctx.apiUrl}/auth/v1/token?grant_type=refresh_token`, ctx.publishableKey, {
        refresh_token: token,
      });
      state.free.push(session.refresh_token);
    },
  },
];
