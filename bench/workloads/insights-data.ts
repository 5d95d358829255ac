// The insights bench's data, built once in bulk SQL and kept between runs: a heavy user with 2,000 chats (in 20
// projects with budgets) and 1.5 million messages over the last 90 days, one BOM artifact with three versions per
// chat, and three other users with 100,000 messages each. The rows are written with the message triggers off
// (session_replication_role = replica: row-by-row numbering of 1.8 M rows would take an hour); each reply's cost is
// priced inline by the price in force on its day, and the rollups are then filled from private.usage_recount, which
// is what the triggers keep them equal to (tests/db/usage-rollup.test.ts).
import type postgres from 'postgres';

export const heavyUserId = '1a5c0000-0000-4000-8000-000000000001';
const otherUserIds = [2, 3, 4].map((n) => `1a5c0000-0000-4000-8000-00000000000${n}`);
const heavy = { chats: 2000, messagesPerChat: 750 };
const other = { chats: 200, messagesPerChat: 500 };

export async function ensureInsightsData(admin: postgres.Sql, log: (line: string) => void): Promise<void> {
  const [built] = await admin`select count(*)::int as n from public.usage_daily where user_id = ${heavyUserId}`;
  if (built.n > 0) return;
  log('insights: building 1.8 M messages (first run only, a few minutes)…');
  await admin.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`set local statement_timeout = 0`;
    const users = [heavyUserId, ...otherUserIds];
    await sql`
      insert into auth.users (id, aud, role, email, created_at, updated_at, is_anonymous)
      select u, 'authenticated', 'authenticated', 'insights-bench-' || right(u::text, 2) || '@example.com', now(), now(), false
        from unnest(${users}::uuid[]) u
      on conflict (id) do nothing`;
    await sql`
      insert into public.projects (user_id, name, target_budget)
      select ${heavyUserId}, 'Bench project ' || g, 40 + g * 5 from generate_series(1, 20) g`;
    await sql`
      create temporary table bench_chats on commit drop as
      select gen_random_uuid() as id, u.user_id, g as n,
             case when u.user_id = ${heavyUserId}::uuid and g % 4 <> 0
                  then (select p.id from public.projects p where p.user_id = u.user_id order by p.name offset g % 20 limit 1)
             end as project_id,
             u.per_chat,
             -- Each chat lives for up to three days, somewhere in the last 90.
             now() - interval '90 days' + (g % 87) * interval '1 day' as started
        from unnest(${users}::uuid[], ${[heavy.chats, ...otherUserIds.map(() => other.chats)]}::int[],
                    ${[heavy.messagesPerChat, ...otherUserIds.map(() => other.messagesPerChat)]}::int[]) as u(user_id, chats, per_chat)
             cross join lateral generate_series(1, u.chats::int) g`;
    await sql`
      insert into public.chats (id, user_id, project_id, title, last_message_at, message_count, last_sequence_number, created_at)
      select id, user_id, project_id, 'Bench chat ' || n, started + interval '3 days', per_chat, per_chat, started
        from bench_chats`;
    await sql`
      insert into public.messages (chat_id, user_id, sequence_number, role, content, agent_name, agent_model,
        input_tokens, input_cache_read_tokens, input_cache_write_tokens, output_tokens, status, created_at, updated_at,
        cost, counts_as_usage)
      select m.chat_id, m.user_id, m.seq, m.role, 'bench', m.agent_name, m.agent_model, m.input_tokens, m.cache_read,
             m.cache_write, m.output_tokens, 'complete', m.at, m.at,
             case when m.role = 'assistant' then
               (select round((greatest(m.input_tokens - m.cache_read - m.cache_write, 0) * p.input_per_1k
                        + m.cache_read * coalesce(p.cache_read_per_1k, p.input_per_1k)
                        + m.cache_write * coalesce(p.cache_write_per_1k, p.input_per_1k)
                        + m.output_tokens * p.output_per_1k) / 1000.0, 8)
                  from public.model_prices p
                 where p.model = m.agent_model and p.effective_from <= (m.at at time zone 'utc')::date
                 order by p.effective_from desc limit 1)
             else 0 end,
             true
        from (select c.id as chat_id, c.user_id, s.seq,
                     case when s.seq % 2 = 1 then 'user' else 'assistant' end::public.message_role as role,
                     case when s.seq % 2 = 0 then (array['orchestrator', 'conversational', 'bomGenerator',
                       'wiringGenerator', 'codeGenerator', 'budget'])[1 + (s.seq / 2 + c.n) % 6] end as agent_name,
                     case when s.seq % 2 = 0 then (array['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini',
                       'anthropic/claude-haiku-4-5', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5', 'acme/unpriced'])[1 + (s.seq * 7 + c.n) % 6] end as agent_model,
                     case when s.seq % 2 = 0 then 800 + (s.seq * 37) % 4000 else 0 end as input_tokens,
                     case when s.seq % 2 = 0 then (s.seq * 37) % 800 else 0 end as cache_read,
                     case when s.seq % 4 = 0 then 100 else 0 end as cache_write,
                     case when s.seq % 2 = 0 then 100 + (s.seq * 13) % 1500 else 0 end as output_tokens,
                     c.started + (s.seq::float / c.per_chat) * interval '3 days' as at
                from bench_chats c cross join lateral generate_series(1, c.per_chat) s(seq)) m`;
    // One BOM per heavy chat, with versions written by its 50th, 150th and 250th replies.
    await sql`
      insert into public.artifacts (chat_id, project_id, user_id, type, title, current_version, total_versions, created_at)
      select c.id, c.project_id, c.user_id, 'bom', 'Bench BOM ' || c.n, 3, 3, c.started
        from bench_chats c where c.user_id = ${heavyUserId}`;
    await sql`
      insert into public.artifact_versions (artifact_id, user_id, version_number, content_json, change_summary,
        created_by_message_id, created_at)
      select a.id, a.user_id, v.n, '{}'::jsonb, 'Bench version', m.id, m.created_at
        from public.artifacts a
        cross join (values (1, 100), (2, 300), (3, 500)) v(n, seq)
        join public.messages m on m.chat_id = a.chat_id and m.sequence_number = v.seq
       where a.user_id = ${heavyUserId}`;
    await sql`
      insert into public.usage_daily (chat_id, day, agent_name, agent_model, user_id, project_id, messages,
        unpriced_messages, input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost)
      select chat_id, day, agent_name, agent_model, user_id, project_id, messages, unpriced_messages,
             input_uncached_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost
        from private.usage_recount
       where user_id in ${sql(users)}`;
    await sql`select private.usage_totals_rebuild(${users}::uuid[])`;
  });
  await admin`vacuum analyze public.messages`;
  await admin`vacuum analyze public.usage_daily`;
  await admin`vacuum analyze public.usage_daily_totals`;
  await admin`vacuum analyze public.usage_daily_projects`;
  await admin`vacuum analyze public.usage_daily_chats`;
  await admin`vacuum analyze public.artifact_versions`;
  await admin`vacuum analyze public.chats`;
}
