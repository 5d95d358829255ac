// The artifacts workspace (`npm run bench -- artifacts`), as the app's server does it through /rest/v1 with the
// maker's token (RLS on), on one BOM artifact with 200 versions (v199 and v200 are 500-line BOMs, every version
// with its parts rows): open the panel (timeline first page + the current version, one call), compare two 500-line
// versions (their two rows, then the keyed diff) and restore (a new version with the old one's rows). Each beside
// the naive way a popular chat template does it: load every version's full content, then pick in the app.
import postgres from 'postgres';
import type { Bom } from '../../lib/agents/design/contract.ts';
import { diffBom } from '../../lib/artifacts/diff/bom.ts';
import { makeLargeBom, reviseLargeBom } from '../../tests/unit/fixtures/large-bom.ts';
import { weatherStationBom } from '../../tests/unit/fixtures/weather-station-bom.ts';
import { createUser } from '../../tests/support/users.ts';
import { request } from '../http-client.ts';
import type { BenchContext, Workload } from '../types.ts';

type State = { artifactId: string; chatId: string; headers: Record<string, string>; current: number };

const versions = 200;
let shared: Promise<State> | null = null;

function setup(ctx: BenchContext): Promise<State> {
  shared ??= (async () => {
    const admin = postgres(ctx.adminDbUrl, { max: 1, onnotice: () => {} });
    try {
      const user = await createUser(admin, { anonymous: true, expiresInSeconds: 7200 });
      const [project] =
        await admin`insert into public.projects (user_id, name) values (${user.id}, 'bench') returning id`;
      const [chat] =
        await admin`insert into public.chats (user_id, title, project_id) values (${user.id}, 'bench artifacts', ${project.id}) returning id`;
      const [artifact] =
        await admin`insert into public.artifacts (chat_id, project_id, type, title, current_version, total_versions)
        values (${chat.id}, ${project.id}, 'bom', 'Bench BOM', ${versions}, ${versions}) returning id`;
      const large = makeLargeBom(500);
      const bomOf = (n: number): Bom =>
        n === versions - 1 ? large : n === versions ? reviseLargeBom(large) : weatherStationBom;
      for (let n = 1; n <= versions; n++) {
        const bom = bomOf(n);
        const [v] =
          await admin`insert into public.artifact_versions (artifact_id, version_number, content_json, change_summary, author)
          values (${artifact.id}, ${n}, ${admin.json(bom as never)}, ${`Bench change ${n}`}, 'agent') returning id`;
        // Its parts rows, one per line, as the runner writes them (lib/agents/design/rows.ts, in SQL here).
        await admin`insert into public.parts (project_id, artifact_id, artifact_version_id, user_id, name, quantity, price, specs)
          select ${project.id}, ${artifact.id}, ${v.id}, ${user.id}, left(l ->> 'name', 200), (l ->> 'quantity')::int,
                 (l #>> '{unitPrice,amount}')::numeric, jsonb_build_object('ref', l ->> 'ref')
            from jsonb_array_elements(${admin.json(bom as never)} -> 'lines') l`;
      }
      return {
        artifactId: artifact.id,
        chatId: chat.id,
        current: versions,
        headers: {
          apikey: ctx.publishableKey,
          authorization: `Bearer ${user.token}`,
          'accept-profile': 'public',
          'content-profile': 'public',
          'content-type': 'application/json',
        },
      };
    } finally {
      await admin.end();
    }
  })();
  return shared;
}

async function json<T>(url: string, init: Parameters<typeof request>[1]): Promise<T> {
  const res = await request(url, init);
  if (res.status < 200 || res.status > 299) throw new Error(`${url} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body) as T;
}

type VersionRow = { version_number: number; content: string | null; content_json: unknown; change_summary: string };

/** The naive read: every version of the artifact with its full content. */
const everyVersion = (ctx: BenchContext, s: State) =>
  json<VersionRow[]>(
    `${ctx.apiUrl}/rest/v1/artifact_versions?select=*&artifact_id=eq.${s.artifactId}&order=version_number`,
    {
      headers: s.headers,
    },
  );

export const workloads: Workload<State>[] = [
  {
    // The newest version, a 500-line BOM (250 KB), with the timeline's first page and the chat's artifacts.
    name: 'artifacts-panel-200-versions',
    iterations: 300,
    seconds: 4,
    setup,
    run: (ctx, s) =>
      json(`${ctx.apiUrl}/rest/v1/rpc/get_artifact_panel`, {
        method: 'POST',
        headers: s.headers,
        body: JSON.stringify({ p_chat_id: s.chatId, p_artifact_id: s.artifactId, p_limit: 30 }),
      }),
    baseline: {
      name: 'every version loaded',
      run: async (ctx, s) => {
        const all = await everyVersion(ctx, s);
        return { current: all.at(-1), timeline: all.slice(-30).reverse() };
      },
    },
  },
  {
    // A card of an older reply opens its version: a weather-station BOM (12 KB) among the 200.
    name: 'artifacts-panel-200-versions-older-card',
    iterations: 300,
    seconds: 4,
    setup,
    run: (ctx, s) =>
      json(`${ctx.apiUrl}/rest/v1/rpc/get_artifact_panel`, {
        method: 'POST',
        headers: s.headers,
        body: JSON.stringify({ p_chat_id: s.chatId, p_artifact_id: s.artifactId, p_version: 150, p_limit: 30 }),
      }),
    baseline: {
      name: 'every version loaded',
      run: async (ctx, s) => {
        const all = await everyVersion(ctx, s);
        return { shown: all[149], timeline: all.slice(-30).reverse() };
      },
    },
  },
  {
    name: 'artifacts-compare-bom-500-lines',
    iterations: 300,
    seconds: 4,
    setup,
    run: async (ctx, s) => {
      const rows = await json<VersionRow[]>(
        `${ctx.apiUrl}/rest/v1/artifact_versions?select=version_number,content_json&artifact_id=eq.${s.artifactId}&version_number=in.(${versions - 1},${versions})`,
        { headers: s.headers },
      );
      const [a, b] = rows.sort((x, y) => x.version_number - y.version_number);
      return diffBom(a.content_json as Bom, b.content_json as Bom);
    },
    baseline: {
      name: 'every version loaded',
      run: async (ctx, s) => {
        const all = await everyVersion(ctx, s);
        return diffBom(all[versions - 2].content_json as Bom, all[versions - 1].content_json as Bom);
      },
    },
  },
  {
    name: 'artifacts-restore',
    iterations: 150,
    seconds: 4,
    setup,
    run: async (ctx, s) => {
      const restored = await json<{ version_number: number }>(`${ctx.apiUrl}/rest/v1/rpc/restore_artifact_version`, {
        method: 'POST',
        headers: { ...s.headers, accept: 'application/vnd.pgrst.object+json' },
        body: JSON.stringify({ p_artifact_id: s.artifactId, p_version_number: 1, p_expected_version: s.current }),
      });
      s.current = restored.version_number;
    },
    baseline: {
      name: 'every version loaded, then saved',
      run: async (ctx, s) => {
        const all = await everyVersion(ctx, s);
        const saved = await json<{ version_number: number }>(`${ctx.apiUrl}/rest/v1/rpc/add_artifact_version`, {
          method: 'POST',
          headers: { ...s.headers, accept: 'application/vnd.pgrst.object+json' },
          body: JSON.stringify({
            p_artifact_id: s.artifactId,
            p_expected_version: all.at(-1)!.version_number,
            p_content: all[0].content,
            p_content_json: all[0].content_json,
            p_change_summary: 'Restored v1',
          }),
        });
        s.current = saved.version_number;
      },
    },
  },
];
