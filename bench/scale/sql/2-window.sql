-- One time window of the scale dataset's messages, written in time order (so a chat's rows end up scattered over
-- the table as months of mixed traffic leave them). Placeholders: {{t0}}, {{t1}} (epoch seconds, [t0, t1)).
-- Message k of chat c is written at c.s + (k - 1) * c.step; its id is md5(idx:k), so parents need no lookup.
-- About one message in thirty is an edit or a regeneration: a sibling of the message before it.
insert into public.messages (id, chat_id, user_id, parent_id, sequence_number, role, content, agent_name, agent_model,
                             intent, input_tokens, output_tokens, status, created_at, updated_at)
select md5(c.idx || ':' || k)::uuid, c.id, c.user_id,
       case when k > 1 then md5(c.idx || ':' || (k - case when k > 2 and m.h % 30 = 0 then 2 else 1 end))::uuid end,
       k,
       case when k % 2 = 1 then 'user' else 'assistant' end::public.message_role,
       b.body || case when m.h % 4 = 1 then ' Part LM' || (m.h / 7) % 300000 || ' fits.' else '' end,
       case when k % 2 = 0 then (array['orchestrator','conversational','bomGenerator','codeGenerator','wiringGenerator'])[1 + m.h % 5] end,
       case when k % 2 = 0 then 'gpt-4o-mini' end,
       case when k % 2 = 0 then (array['CHAT','CHAT','BOM','CODE','WIRING'])[1 + m.h % 5]::public.message_intent end,
       case when k % 2 = 0 then 200 + m.h % 3000 else 0 end,
       case when k % 2 = 0 then 50 + m.h % 800 else 0 end,
       'complete',
       to_timestamp(c.s + (k - 1) * c.step), to_timestamp(c.s + (k - 1) * c.step)
  from scale.chats c
  cross join lateral generate_series(greatest(1, ceil(({{t0}} - c.s) / c.step)::integer + 1),
                                     least(c.n, ceil(({{t1}} - c.s) / c.step)::integer)) k
  cross join lateral (
    select abs(hashint8(c.idx::bigint * 100003 + k)) as h,
           case when k % 2 = 1 then 1 + k % 2 + (c.idx + k) % 2 else 2 + (c.idx + k) % 7 end as sentences
    offset 0
  ) m
  cross join lateral (
    select string_agg(se.body, ' ' order by u.o) as body
      from unnest(array(select (1 + floor(random() * 60000))::integer from generate_series(1, m.sentences))) with ordinality u(id, o)
      join scale.sentences se on se.id = u.id
  ) b
 where c.s < {{t1}} and c.s + (c.n - 1) * c.step >= {{t0}}
 order by c.s + (k - 1) * c.step;
