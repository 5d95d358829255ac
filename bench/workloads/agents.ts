// OHM's agents on the weather-station story, offline, through the production build's reply route: for each turn
// (context, BOM, wiring, code) the time from the request to its first streamed token and to the end of the
// response, which comes after the turn's message and artifact version are saved in one transaction. Beside it, the
// turn's database work alone (public.complete_agent_turn writing a BOM version with its parts) against a plain
// append of one message, both through /rest/v1, as a ratio.
import http from 'node:http';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { BenchContext, MeasuredRow, Workload } from '../types.ts';
import { appUrl, startApp } from '../app-server.ts';
import { percentile, signIn } from './chat.ts';

const story = [
  { step: 'context', text: 'Build an ESP32 weather station with a BME280 and an OLED' },
  { step: 'BOM', text: 'Generate the BOM' },
  { step: 'wiring', text: 'Now the wiring' },
  { step: 'code', text: 'Write the firmware' },
] as const;

type Timing = { firstToken: number; done: number; status: number };

function timeReply(chatId: string, replyTo: string, cookie: string): Promise<Timing> {
  const body = JSON.stringify({ replyTo });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstToken = 0;
    const req = http.request(
      `${appUrl}/api/chat/${chatId}/reply`,
      { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.once('data', () => (firstToken = performance.now() - t0));
        res.on('data', () => {});
        res.on('end', () => resolve({ firstToken, done: performance.now() - t0, status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measureTurns(
  admin: postgres.Sql,
  userId: string,
  cookie: string,
  pace: { label: string; rounds: number },
): Promise<MeasuredRow[]> {
  const rounds = pace.rounds;
  const timings = new Map<string, Timing[]>(story.map((s) => [s.step, []]));
  const saved = new Map<string, number>(story.map((s) => [s.step, 0]));
  for (let round = 0; round < rounds; round++) {
    const [chat] =
      await admin`insert into public.chats (user_id, title) values (${userId}, 'bench agents') returning id`;
    for (const { step, text } of story) {
      // The maker's message is saved as the app saves it (the numbering and leaf triggers); the reply is timed.
      const [question] =
        await admin`insert into public.messages (chat_id, role, content) values (${chat.id}, 'user', ${text}) returning id`;
      const timing = await timeReply(chat.id, question.id, cookie);
      if (timing.status !== 200) throw new Error(`the ${step} turn answered ${timing.status}`);
      // The first round warms the route, the catalogue and the connections up; it is not timed.
      if (round > 0) timings.get(step)!.push(timing);
      const [versions] = await admin`select count(*)::int as n from public.artifact_versions v
        join public.artifacts a on a.id = v.artifact_id where a.chat_id = ${chat.id}`;
      saved.set(step, versions.n);
    }
  }
  return story.map(({ step }) => {
    const list = timings.get(step)!;
    const first = list.map((t) => t.firstToken);
    const done = list.map((t) => t.done);
    return {
      name: `offline ${step} turn (${pace.label}): send → first token`,
      p50: percentile(first, 50),
      p95: percentile(first, 95),
      p99: percentile(first, 99),
      note: `→ saved p50 ${percentile(done, 50).toFixed(1)} ms, p95 ${percentile(done, 95).toFixed(1)} ms; ${saved.get(step)} versions in the chat after it; n=${list.length}`,
    };
  });
}

/** The BOM turn's write alone: a new BOM version with its parts, through complete_agent_turn, versus one append. */
async function measureDatabaseWork(ctx: BenchContext, admin: postgres.Sql, userId: string): Promise<MeasuredRow[]> {
  const service = createClient(ctx.apiUrl, ctx.secretKey, { auth: { persistSession: false } });
  const [bom] = await admin`select a.id as artifact_id, a.chat_id, v.content, v.content_json, v.id as version_id
    from public.artifacts a join public.artifact_versions v on v.artifact_id = a.id and v.version_number = a.current_version
    join public.chats c on c.id = a.chat_id
    where c.user_id = ${userId} and c.title = 'bench agents' and a.type = 'bom' limit 1`;
  if (!bom) throw new Error('no BOM was saved by the offline turns');
  const parts = await admin`select name, part_number, manufacturer, quantity, voltage, current, interface_type, price,
      supplier, supplier_url, specs, alternatives, compatibility_warnings
    from public.parts where artifact_version_id = ${bom.version_id}`;
  const [parent] =
    await admin`select id from public.messages where chat_id = ${bom.chat_id} order by sequence_number desc limit 1`;
  const reply = async () =>
    (
      await admin`insert into public.messages (chat_id, role, content, status, parent_id)
      values (${bom.chat_id}, 'assistant', '', 'streaming', ${parent.id}) returning id`
    )[0].id as string;
  const rounds = 40;
  const turn: number[] = [];
  const append: number[] = [];
  for (let i = 0; i < rounds + 5; i++) {
    const [artifact] = await admin`select current_version from public.artifacts where id = ${bom.artifact_id}`;
    const messageId = await reply();
    const document = {
      content: 'Bench: the same BOM again.',
      agent: { name: 'bomGenerator', model: 'ohm/offline-1', icon: '🧾' },
      intent: 'BOM',
      usage: { input: 100, output: 50, cacheRead: 0, cacheWrite: 0 },
      route: { intent: 'BOM', agent: 'bomGenerator', reason: 'bench', modelPath: false },
      phase: 'parts',
      project: null,
      writes: [
        {
          type: 'bom',
          title: 'Bill of materials',
          base: { artifactId: bom.artifact_id, expectedVersion: artifact.current_version },
          content: bom.content,
          contentJson: bom.content_json,
          changeSummary: 'Bench version',
          parts,
          connections: [],
          codeFiles: [],
        },
      ],
      stale: [],
    };
    let t0 = performance.now();
    const { error } = await service.rpc('complete_agent_turn', {
      p_chat_id: bom.chat_id,
      p_message_id: messageId,
      p_turn: document,
    });
    if (error) throw new Error(`complete_agent_turn failed: ${error.message}`);
    const turnMs = performance.now() - t0;
    t0 = performance.now();
    const { error: appendError } = await service
      .from('messages')
      .insert({ chat_id: bom.chat_id, role: 'assistant', content: 'Bench: a plain append.', parent_id: parent.id });
    if (appendError) throw new Error(`append failed: ${appendError.message}`);
    if (i >= 5) {
      turn.push(turnMs);
      append.push(performance.now() - t0);
    }
  }
  const p50 = percentile(turn, 50);
  const base = percentile(append, 50);
  return [
    {
      name: `BOM turn's database work (complete_agent_turn, ${parts.length} parts)`,
      p50,
      p95: percentile(turn, 95),
      p99: percentile(turn, 99),
      note: `×${(p50 / base).toFixed(2)} of a plain append (p50 ${base.toFixed(1)} ms); n=${rounds}`,
    },
  ];
}

export const workloads: Workload[] = [
  {
    name: 'agents',
    async measure(ctx) {
      const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
      const { userId, cookies } = await signIn(ctx);
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const rows: MeasuredRow[] = [];
      try {
        // The offline agents' own work (no pause between words), then the app as shipped, which paces an offline
        // reply at 12 ms a word so it reads like a stream: there the saved time grows with the reply's length.
        let built = false;
        for (const pace of [
          { label: 'unpaced', env: '0', rounds: 12 },
          { label: '12 ms/word', env: undefined, rounds: 4 },
        ]) {
          if (pace.env === undefined) delete process.env.OHM_OFFLINE_PACE_MS;
          else process.env.OHM_OFFLINE_PACE_MS = pace.env;
          const stopApp = await startApp(ctx, { reuseBuild: built });
          built = true;
          try {
            rows.push(...(await measureTurns(admin, userId, cookie, pace)));
          } finally {
            await stopApp();
          }
        }
        rows.push(...(await measureDatabaseWork(ctx, admin, userId)));
        return { rows };
      } finally {
        await admin`delete from public.chats where user_id = ${userId} and title = 'bench agents'`;
        await admin`delete from public.projects p where p.user_id = ${userId} and not exists (select 1 from public.chats c where c.project_id = p.id)`;
        await admin.end();
      }
    },
  },
];
