// The supabase-js calls OHM and the seed document make, through /rest/v1 on OHM's own schema, as a real user.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { adminDbUrl, publishableKey } from '../support/stack.ts';
import { clientAs, createUser } from '../support/users.ts';

const gateway = gatewayForSuite();
const admin = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
afterAll(() => admin.end());

/** A guest user as Auth would make one, with a token carrying the claims Auth issues. */
async function signedIn() {
  return clientAs(gateway.url, (await createUser(admin, { anonymous: true })).token);
}

describe('OHM through supabase-js', () => {
  it('creates a chat and a message through append_message, and loads it with its nested select', async () => {
    const supabase = await signedIn();
    const { data: project } = await supabase.from('projects').insert({ name: 'Plant monitor' }).select().single();
    const { data: chat, error } = await supabase
      .from('chats')
      .insert({ title: 'New chat', project_id: project!.id })
      .select()
      .single();
    expect(error).toBeNull();
    expect(
      (await supabase.rpc('append_message', { p_chat_id: chat!.id, p_content: 'Soil moisture alarm' })).status,
    ).toBe(200);
    const loaded = await supabase
      .from('chats')
      .select('*, messages (*), artifacts (*), project:projects (*)')
      .eq('id', chat!.id)
      .single();
    expect(loaded.error).toBeNull();
    expect(loaded.data).toMatchObject({
      title: 'Soil moisture alarm',
      project: { name: 'Plant monitor' },
      artifacts: [],
    });
    expect(loaded.data?.messages).toHaveLength(1);
    expect(loaded.data?.messages[0]).toMatchObject({ sequence_number: 1, role: 'user' });
  });

  it('pages a chat through get_chat_page and appends idempotently through append_message', async () => {
    const supabase = await signedIn();
    const { data: chat } = await supabase.from('chats').insert({}).select('id').single();
    const first = await supabase.rpc('append_message', {
      p_chat_id: chat!.id,
      p_content: 'hello',
      p_idempotency_key: 'k1',
    });
    const again = await supabase.rpc('append_message', {
      p_chat_id: chat!.id,
      p_content: 'hello',
      p_idempotency_key: 'k1',
    });
    expect(again.data.id).toBe(first.data.id);
    const clash = await supabase.rpc('append_message', {
      p_chat_id: chat!.id,
      p_content: 'other',
      p_idempotency_key: 'k1',
    });
    expect(clash.status).toBe(409);
    const page = await supabase.rpc('get_chat_page', { p_chat_id: chat!.id, p_limit: 10 });
    expect(page.data.map((m: { content: string }) => m.content)).toEqual(['hello']);
    const empty = await supabase.rpc('append_message', { p_chat_id: chat!.id, p_content: '  ' });
    expect(empty).toMatchObject({ status: 400, error: { code: '22023' } });
  });

  it('refuses 100 direct inserts into messages: the rate-limited functions are the only way in', async () => {
    const supabase = await signedIn();
    const { data: chat } = await supabase.from('chats').insert({ title: 'bypass' }).select('id').single();
    const writes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        supabase.from('messages').insert({ chat_id: chat!.id, role: 'user', content: `direct ${i}` }),
      ),
    );
    expect(new Set(writes.map((w) => w.status))).toEqual(new Set([403]));
    expect((await supabase.from('messages').select('id').eq('chat_id', chat!.id)).data).toEqual([]);
  });

  it('answers a rate-limit refusal with 429 and says how long to wait', async () => {
    const supabase = await signedIn();
    const { data: chat } = await supabase.from('chats').insert({ title: 'fast' }).select('id').single();
    let refusal;
    for (let i = 0; i < 70 && !refusal; i++) {
      const sent = await supabase.rpc('append_message', { p_chat_id: chat!.id, p_content: `m ${i}` });
      if (sent.error) refusal = sent;
    }
    expect(refusal).toMatchObject({ status: 429, error: { code: 'PT429' } });
    expect(refusal!.error!.details).toMatch(/^retry_after=\d+$/);
  });

  it('keeps other users out: a stranger sees no chat and cannot write to it', async () => {
    const owner = await signedIn();
    const stranger = await signedIn();
    const { data: chat } = await owner.from('chats').insert({ title: 'private' }).select('id').single();
    expect((await stranger.from('chats').select('id').eq('id', chat!.id)).data).toEqual([]);
    const write = await stranger.from('messages').insert({ chat_id: chat!.id, role: 'user', content: 'hi' });
    expect(write.status).toBe(403);
    const anon = await createClient(gateway.url, publishableKey, { auth: { persistSession: false } })
      .from('chats')
      .select('id');
    expect(anon.status).toBe(401);
  });

  it('shares a snapshot readable with the anon key and forks it', async () => {
    const owner = await signedIn();
    const { data: chat } = await owner.from('chats').insert({}).select('id').single();
    await owner.rpc('append_message', { p_chat_id: chat!.id, p_content: 'shared words' });
    const { data: share } = await owner.rpc('create_share', { p_chat_id: chat!.id });
    const anon = createClient(gateway.url, publishableKey, { auth: { persistSession: false } });
    const shared = await anon.rpc('get_shared_chat', { p_token: share.share_token });
    expect(shared.data.messages.map((m: { content: string }) => m.content)).toEqual(['shared words']);
    const unknown = await anon.rpc('get_shared_chat', { p_token: 'x'.repeat(32) });
    expect(unknown).toMatchObject({ status: 404, error: { message: 'share link not found' } });
    const visitor = await signedIn();
    const fork = await visitor.rpc('fork_chat', { p_token: share.share_token });
    expect(fork.error).toBeNull();
    const { data: copied } = await visitor.from('messages').select('content').eq('chat_id', fork.data);
    expect(copied).toEqual([{ content: 'shared words' }]);
  });
});
