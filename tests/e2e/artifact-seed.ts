// A design chat arranged in SQL for the artifacts journeys: the agents' turns saved through
// public.complete_agent_turn as the runner saves them (BOM v1, wiring v1 on it, BOM v2 marking the wiring stale,
// BOM v3), so the journeys start with history instead of waiting on four offline turns.
import type { BrowserContext } from '@playwright/test';
import type { Bom } from '../../lib/agents/design/contract.ts';
import { partRowsFromBom } from '../../lib/agents/design/rows.ts';
import { weatherStationBom, weatherStationBomV1 } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationWiringV1 } from '../unit/fixtures/weather-station-wiring.ts';
import { withSql } from './db';
import { startGuestSession, supabaseAs } from './fixtures';

/** v3: two OLED displays and a dearer LDO, on top of v2. */
const bomV3: Bom = {
  ...weatherStationBom,
  lines: weatherStationBom.lines.map((line) =>
    line.ref === 'ssd1306'
      ? { ...line, quantity: 2, linePrice: line.unitPrice && { ...line.unitPrice, amount: line.unitPrice.amount * 2 } }
      : line,
  ),
};

export async function seedDesignChat(context: BrowserContext) {
  await startGuestSession(context);
  const { supabase } = await supabaseAs(context);
  const { data: chat, error } = await supabase.from('chats').insert({ title: 'Weather station' }).select('id').single();
  if (error) throw new Error(error.message);
  const bomWrite = (bom: Bom, base: { artifactId: string; expectedVersion: number } | null, summary: string) => ({
    type: 'bom',
    title: 'Weather station BOM',
    base,
    content: null,
    contentJson: bom,
    changeSummary: summary,
    parts: partRowsFromBom(bom),
  });
  return withSql(async (sql) => {
    const turn = async (question: string, agent: string, writes: unknown[], stale: unknown[] = []) => {
      await sql`insert into public.messages (chat_id, role, content) values (${chat.id}, 'user', ${question})`;
      const [reply] =
        await sql`insert into public.messages (chat_id, role, content, status, agent_name) values (${chat.id}, 'assistant', '', 'streaming', ${agent}) returning id`;
      const body = { content: `${agent} saved it.`, agent: { name: agent, model: 'ohm/offline-1' }, writes, stale };
      const [row] =
        await sql`select public.complete_agent_turn(${chat.id}, ${reply.id}, ${sql.json(body as never)}) as result`;
      return (row.result as { versions: Array<{ artifactId: string }> }).versions[0].artifactId;
    };
    const bomId = await turn('Generate the BOM', 'bomGenerator', [
      bomWrite(weatherStationBomV1, null, 'Initial version'),
    ]);
    const wiringId = await turn('Now the wiring', 'wiringGenerator', [
      {
        type: 'wiring',
        title: 'Wiring',
        base: null,
        content: null,
        contentJson: weatherStationWiringV1,
        changeSummary: 'Initial version',
      },
    ]);
    const stale = (version: number) => [
      {
        artifactId: wiringId,
        mark: {
          reason: `BOM v${version} changed the parts`,
          basedOn: { type: 'bom', version: 1 },
          current: { type: 'bom', version },
        },
      },
    ];
    await turn(
      'replace the DHT22 with a BME280',
      'bomGenerator',
      [bomWrite(weatherStationBom, { artifactId: bomId, expectedVersion: 1 }, 'Replaced DHT22 with BME280')],
      stale(2),
    );
    await turn(
      'two OLED displays',
      'bomGenerator',
      [bomWrite(bomV3, { artifactId: bomId, expectedVersion: 2 }, 'Two OLED displays')],
      stale(3),
    );
    return { chatId: chat.id as string, bomId, wiringId };
  });
}
