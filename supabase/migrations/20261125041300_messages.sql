-- messages: a chat's history as a tree (edits and regenerations are sibling branches, never overwrites).
-- The database numbers messages per chat, gap-free, in the inserting transaction; owners come from the chat.
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null references public.chats (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  parent_id uuid references public.messages (id) on delete cascade,
  sequence_number bigint not null,
  role public.message_role not null,
  content text not null default '' check (char_length(content) <= 100000),
  agent_name text check (char_length(agent_name) <= 64),
  agent_model text check (char_length(agent_model) <= 128),
  agent_icon text check (char_length(agent_icon) <= 16),
  intent public.message_intent,
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  created_artifact_ids uuid[] not null default '{}',
  status public.message_status not null default 'complete',
  idempotency_key text check (char_length(idempotency_key) between 1 and 100),
  metadata jsonb not null default '{}'::jsonb,
  content_search tsvector generated always as (to_tsvector('english', content)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint messages_chat_id_sequence_number_key unique (chat_id, sequence_number),
  constraint messages_chat_id_idempotency_key_key unique (chat_id, idempotency_key)
);
comment on table public.messages is 'Every message of every chat, numbered per chat by the database; a tree through parent_id.';
create index messages_parent_id_idx on public.messages (parent_id);
create index messages_chat_id_parent_id_idx on public.messages (chat_id, parent_id, sequence_number);
create index messages_user_id_created_at_idx on public.messages (user_id, created_at desc);
-- Search scoped to one user: user_id and the tsvector in one GIN index, so a user who owns a tiny fraction of all
-- messages is searched without touching anyone else's postings.
create index messages_user_id_content_search_idx on public.messages using gin (user_id, content_search);
create index messages_agent_model_idx on public.messages (agent_model) where role = 'assistant';

alter table public.chats add constraint chats_active_leaf_id_fkey
  foreign key (active_leaf_id) references public.messages (id) on delete set null;
create index chats_active_leaf_id_idx on public.chats (active_leaf_id);

-- security definer: numbering and chat counters live in columns the caller may not write; the function checks
-- that a signed-in caller owns the chat before touching it.
create function private.before_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  chat record;
begin
  update public.chats
     set last_sequence_number = last_sequence_number + 1,
         message_count = message_count + 1,
         last_message_at = now(),
         title = case
           when message_count = 0 and title = 'New chat' and new.role = 'user' and btrim(new.content) <> ''
             then left(regexp_replace(btrim(new.content), '\s+', ' ', 'g'), 80)
           else title end
   where id = new.chat_id
  returning user_id, last_sequence_number, active_leaf_id into chat;
  if not found then
    raise exception 'chat % does not exist', new.chat_id using errcode = '23503';
  end if;
  if auth.uid() is not null and chat.user_id <> auth.uid() then
    raise exception 'you can only write to your own chats' using errcode = '42501';
  end if;
  new.user_id := chat.user_id;
  new.sequence_number := chat.last_sequence_number;
  if new.parent_id is null then
    new.parent_id := chat.active_leaf_id;
  elsif not exists (select 1 from public.messages m where m.id = new.parent_id and m.chat_id = new.chat_id) then
    raise exception 'the parent message belongs to another chat' using errcode = '23503';
  end if;
  new.created_at := now();
  new.updated_at := now();
  return new;
end;
$$;

-- security definer: the active leaf is a database-kept column; the new message becomes the visible branch.
create function private.after_message_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.chats set active_leaf_id = new.id where id = new.chat_id;
  return null;
end;
$$;

create function private.before_message_update() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if new.chat_id <> old.chat_id or new.sequence_number <> old.sequence_number or new.user_id <> old.user_id
     or new.parent_id is distinct from old.parent_id or new.role <> old.role
     or new.idempotency_key is distinct from old.idempotency_key then
    raise exception 'a message''s chat, number, owner, parent, role and key never change' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end;
$$;

create trigger number_message before insert on public.messages for each row execute function private.before_message_insert();
create trigger advance_active_leaf after insert on public.messages for each row execute function private.after_message_insert();
create trigger keep_message_identity before update on public.messages for each row execute function private.before_message_update();

alter table public.messages enable row level security;
create policy "Users can read the messages of their chats" on public.messages for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can add their own messages to their chats" on public.messages for insert to authenticated
  with check (role = 'user' and user_id = (select auth.uid()) and status = 'complete');

grant select on public.messages to authenticated;
grant insert (chat_id, role, content, parent_id, idempotency_key, sequence_number, user_id) on public.messages to authenticated;
grant select, insert, update, delete on public.messages to service_role;

revoke execute on function private.before_message_insert(), private.after_message_insert(), private.before_message_update() from public;

-- Appends a message idempotently: the same key returns the row already saved; the same key with other content is
-- an error. The agents' path (service role) may append assistant messages too.
create function public.append_message(
  p_chat_id uuid,
  p_content text,
  p_idempotency_key text default null,
  p_parent_id uuid default null,
  p_role public.message_role default 'user'
) returns public.messages
language plpgsql security invoker set search_path = '' as $$
declare
  saved public.messages;
begin
  if p_content is null or btrim(p_content) = '' then
    raise exception 'a message needs some text' using errcode = '22023';
  end if;
  if char_length(p_content) > 100000 then
    raise exception 'a message can be at most 100000 characters (this one has %)', char_length(p_content) using errcode = '22001';
  end if;
  if p_idempotency_key is not null then
    select * into saved from public.messages where chat_id = p_chat_id and idempotency_key = p_idempotency_key;
    if found then
      if saved.content <> p_content or saved.role <> p_role then
        raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
      end if;
      return saved;
    end if;
  end if;
  begin
    insert into public.messages (chat_id, role, content, parent_id, idempotency_key)
    values (p_chat_id, p_role, p_content, p_parent_id, p_idempotency_key)
    returning * into saved;
  exception when unique_violation then
    -- A concurrent retry with the same key won the race: answer with its row.
    select * into saved from public.messages where chat_id = p_chat_id and idempotency_key = p_idempotency_key;
    if saved.content <> p_content then
      raise exception 'idempotency key % was already used for a different message', p_idempotency_key using errcode = 'PT409';
    end if;
  end;
  return saved;
end;
$$;
revoke execute on function public.append_message(uuid, text, text, uuid, public.message_role) from public, anon;
grant execute on function public.append_message(uuid, text, text, uuid, public.message_role) to authenticated, service_role;
