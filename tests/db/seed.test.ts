// The seed's weather-station story reads correctly through the SQL functions, and its demo user can sign in.
import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, api, as } from './fixtures.ts';
import { apiUrl, publishableKey } from '../support/stack.ts';
import { userClaims } from '../support/users.ts';

const demoId = 'd0d0d0d0-0000-4000-8000-000000000001';
const chatId = 'd0d0d0d0-0000-4000-8000-0000000000c1';
const demo = { id: demoId, claims: userClaims(demoId, { email: 'demo@ohm.local' }) };

afterAll(async () => {
  await api.end();
  await admin.end();
});

describe('the seed', () => {
  it('tells the weather-station chat in order, titled from the first message', async () => {
    const page = await as(
      demo,
      (sql) => sql`select sequence_number, role, agent_name, intent from public.get_chat_page(${chatId}, null, 50)`,
    );
    expect(page.map((m) => Number(m.sequence_number))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.map((m) => m.agent_name).filter(Boolean)).toEqual([
      'bomGenerator',
      'bomGenerator',
      'conversational',
      'conversational',
      'orchestrator',
    ]);
    const [chat] = await as(demo, (sql) => sql`select title, message_count from public.chats where id = ${chatId}`);
    expect(chat).toEqual({ title: 'Build an ESP32 weather station', message_count: 9 });
  });

  it('keeps both artifacts at version 2 with their change summaries', async () => {
    const rows = await as(
      demo,
      (sql) => sql`
      select a.type, a.current_version, v.version_number, v.change_summary from public.artifacts a
      join public.artifact_versions v on v.artifact_id = a.id where a.chat_id = ${chatId} order by a.type, v.version_number`,
    );
    expect(rows.map((r) => [r.type, r.version_number, r.change_summary])).toEqual([
      ['context', 1, 'Initial version'],
      ['context', 2, 'Add BME280'],
      ['bom', 1, 'Initial version'],
      ['bom', 2, 'Replace DHT22 with BME280'],
    ]);
  });

  it('has the BOM rows, wiring and the three firmware success units on the project', async () => {
    const [project] = await as(
      demo,
      (sql) => sql`select total_parts, total_connections from public.projects where user_id = ${demoId}`,
    );
    expect(project).toEqual({ total_parts: 3, total_connections: 6 });
    const units = await as(demo, (sql) => sql`select unit_number from public.code_files order by unit_number`);
    expect(units.map((u) => u.unit_number)).toEqual([1, 2, 3]);
    expect(await as(demo, (sql) => sql`select id from public.attachments where chat_id = ${chatId}`)).toHaveLength(1);
  });

  it('lets the demo user sign in with the documented password', async () => {
    const supabase = createClient(apiUrl, publishableKey, { auth: { persistSession: false } });
    const { data, error } = await supabase.auth.signInWithPassword({
      email: 'demo@ohm.local',
      password: 'demo-password',
    });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(demoId);
  });
});
