-- After the messages: the rare word the search workload looks for, artifacts with versions, and share links.
-- "tourmaline" is in exactly 4 of the heavy user's messages and 40 of everyone else's.
update public.messages m set content = m.content || ' The tourmaline enclosure finish held up.'
 where m.id in (
   select md5(c.idx || ':' || least(c.n, 3))::uuid from scale.chats c where c.idx in (7, 400, 1100, 1900)
   union all
   select md5(c.idx || ':' || least(c.n, 2))::uuid from scale.chats c where c.idx >= 3000 and c.idx % 997 = 0 and c.idx < 3000 + 997 * 41);

-- Artifacts: one chat in five with at least 20 messages has one to three, each with one to four versions.
insert into public.artifacts (id, chat_id, user_id, type, title, current_version, total_versions, created_by_message_id, created_at, updated_at)
select md5('scale-artifact:' || c.idx || ':' || a)::uuid, c.id, c.user_id,
       (array['bom','code','wiring','context','budget'])[1 + (c.idx + a) % 5]::public.artifact_type,
       'Scale artifact ' || a, 1 + (c.idx + a) % 4, 1 + (c.idx + a) % 4, md5(c.idx || ':' || (2 * a))::uuid,
       to_timestamp(c.s + (2 * a - 1) * c.step), to_timestamp(c.s + (2 * a - 1) * c.step)
  from scale.chats c cross join generate_series(1, 3) a
 where c.n >= 20 and c.idx % 5 = 0 and a <= 1 + c.idx % 3;
insert into public.artifact_versions (artifact_id, user_id, version_number, content, change_summary, created_by_message_id, created_at)
select a.id, a.user_id, v, se.body || ' ' || se2.body, 'Version ' || v, a.created_by_message_id, a.created_at + v * interval '1 minute'
  from public.artifacts a
  cross join lateral generate_series(1, a.total_versions) v
  join scale.sentences se on se.id = 1 + abs(hashtext(a.id::text || v)) % 60000
  join scale.sentences se2 on se2.id = 1 + abs(hashtext(v || a.id::text)) % 60000
 where a.title like 'Scale artifact %';

-- Share links: one chat in ninety-seven, and the 1,000-message chat the fork and share-page workloads use.
insert into public.shared_chats (chat_id, user_id, share_token, snapshot_sequence, snapshot_leaf_id, created_at)
select c.id, c.user_id, 'scale-share-' || c.idx || '-' || md5(c.idx::text), c.n, md5(c.idx || ':' || c.n)::uuid,
       to_timestamp(c.s + (c.n - 1) * c.step)
  from scale.chats c
 where c.idx % 97 = 0 or c.label = 'shared-1000';
update public.chats ch set is_public = true, share_token = s.share_token
  from public.shared_chats s where s.chat_id = ch.id and s.share_token like 'scale-share-%';
