// The sidebar's chat list for a user with 10,000 chats, through supabase-js as the app calls it
// (lib/chats/queries.ts): the first page and a deep page must cost the same. Baseline: the same page read with
// OFFSET, the way the seed document pages, whose cost grows with the depth.
import type { SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { selectChatListPage } from '../../lib/chats/queries.ts';
import type { ChatCursor } from '../../lib/chats/schemas.ts';
import type { Database } from '../../lib/supabase/database.types.ts';
import { clientAs, createUser } from '../../tests/support/users.ts';
import type { BenchContext, Workload } from '../types.ts';

const chats = 10_000;
const pageSize = 30;
const deepOffset = chats - 2 * pageSize;

type State = { supabase: SupabaseClient<Database>; userId: string; deepCursor: ChatCursor; admin: postgres.Sql };

let shared: Promise<State> | null = null;

function setup(ctx: BenchContext): Promise<State> {
  shared ??= (async () => {
    const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
    const user = await createUser(admin, { anonymous: true, expiresInSeconds: 7200 });
    const userId = user.id;
    await admin`
      insert into public.chats (user_id, title, last_message_at)
      select ${userId}, 'Bench chat ' || g, now() - (g || ' minutes')::interval from generate_series(1, ${chats}) g`;
    await admin`analyze public.chats`;
    const supabase = clientAs<Database>(ctx.apiUrl, user.token);
    // The cursor a user who scrolled through all but the last two pages would hold.
    const [row] = await admin`
      select id, last_message_at from public.chats where user_id = ${userId}
       order by last_message_at desc, id desc offset ${deepOffset - 1} limit 1`;
    const { data } = await supabase.from('chats').select('id, last_message_at').eq('id', row.id).single();
    return { supabase, admin, userId, deepCursor: { at: data!.last_message_at, id: data!.id } };
  })();
  return shared;
}

async function page(s: State, cursor: ChatCursor | null) {
  const { data, error } = await selectChatListPage(s.supabase, { cursor, limit: pageSize });
  if (error) throw new Error(error.message);
  if (data.chats.length !== pageSize) throw new Error(`expected ${pageSize} chats, got ${data.chats.length}`);
}

async function offsetPage(s: State, offset: number) {
  const { data, error } = await s.supabase
    .from('chats')
    .select('id, title, last_message_at')
    .is('deleted_at', null)
    .is('archived_at', null)
    .order('last_message_at', { ascending: false })
    .order('id', { ascending: false })
    .range(offset, offset + pageSize - 1);
  if (error || data.length !== pageSize) throw new Error(error?.message ?? 'short page');
}

export const workloads: Workload<State>[] = [
  {
    name: 'chat-list-first-page',
    concurrency: 4,
    iterations: 2000,
    setup,
    run: (_ctx, s) => page(s, null),
    baseline: { name: 'OFFSET 0', run: (_ctx, s) => offsetPage(s, 0) },
  },
  {
    name: 'chat-list-deep-page',
    concurrency: 4,
    iterations: 2000,
    setup,
    run: (_ctx, s) => page(s, s.deepCursor),
    baseline: { name: `OFFSET ${deepOffset}`, run: (_ctx, s) => offsetPage(s, deepOffset) },
    teardown: async (_ctx, s) => {
      await s.admin.end();
    },
  },
];
