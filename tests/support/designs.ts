// A chat with a whole design, saved the way an agent turn saves one (public.complete_agent_turn on the service
// path): the weather station's BOM, its wiring and its three code units, with the rows each version owns. Shared by
// the project and export tests, the exports bench and the project journey.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { rowsForWrite } from '../../lib/agents/design/rows.ts';
import type { Bom, CodeArtifact, ContextDoc, Wiring } from '../../lib/agents/design/contract.ts';
import type { Database, Json } from '../../lib/supabase/database.types.ts';
import { weatherStationBom } from '../unit/fixtures/weather-station-bom.ts';
import { weatherStationCode } from '../unit/fixtures/weather-station-code.ts';
import { weatherStationDiagramSvg, weatherStationWiring } from '../unit/fixtures/weather-station-wiring.ts';
import { apiUrl, secretKey } from './stack.ts';

type Client = SupabaseClient<Database>;

/** A small valid context document for `goal`: an ESP32 sensing temperature, on USB and Wi-Fi, indoors. */
export const contextDoc = (goal: string): ContextDoc => ({
  goal,
  board: 'esp32-devkitc',
  sensing: ['temperature'],
  parts: [],
  unknownParts: [],
  display: null,
  connectivity: ['wifi'],
  power: { source: 'usb', notes: '' },
  environment: 'indoor',
  budget: null,
  constraints: [],
  openQuestions: [],
});
export type DesignParts = { bom?: Bom; wiring?: Wiring; code?: CodeArtifact; diagram?: boolean };
type Base = { artifactId: string; expectedVersion: number } | null;

export const serviceClient = (): Client =>
  createClient<Database>(apiUrl, secretKey, { auth: { persistSession: false, autoRefreshToken: false } });

const write = (type: string, title: string, base: Base, contentJson: unknown, content: string | null = null) => ({
  type,
  title,
  base,
  content,
  contentJson,
  changeSummary: base ? 'Updated' : 'Initial version',
  ...rowsForWrite({ type: type as 'bom', contentJson }),
});

/** One agent turn in `chatId` (a user question and its reply) that writes the given artifacts. */
export async function saveDesignTurn(
  user: Client,
  chatId: string,
  design: DesignParts,
  bases: Partial<Record<'bom' | 'wiring' | 'code' | 'circuit_diagram', Base>> = {},
) {
  const service = serviceClient();
  const question = await user.rpc('append_message', { p_chat_id: chatId, p_content: 'Design it' });
  if (question.error) throw question.error;
  const asked = (Array.isArray(question.data) ? question.data[0] : question.data) as { id: string };
  const reply = await service
    .from('messages')
    .insert({ chat_id: chatId, role: 'assistant', content: '', status: 'streaming', parent_id: asked.id })
    .select('id')
    .single();
  if (reply.error) throw reply.error;
  const bomVersion = (bases.bom?.expectedVersion ?? 0) + 1;
  const writes = [
    design.bom ? write('bom', 'Weather station BOM', bases.bom ?? null, design.bom) : null,
    design.wiring ? write('wiring', 'Wiring', bases.wiring ?? null, { ...design.wiring, bomVersion }) : null,
    design.diagram
      ? write(
          'circuit_diagram',
          'Diagram',
          bases.circuit_diagram ?? null,
          { wiringVersion: 1, width: 480, height: 240 },
          weatherStationDiagramSvg,
        )
      : null,
    design.code ? write('code', 'Firmware', bases.code ?? null, design.code) : null,
  ].filter(Boolean);
  const saved = await service.rpc('complete_agent_turn', {
    p_chat_id: chatId,
    p_message_id: reply.data.id,
    p_turn: {
      content: 'Here is the design.',
      agent: { name: 'bomGenerator', model: 'ohm/offline-1', icon: '🧾' },
      intent: 'BOM',
      usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      route: { intent: 'BOM', agent: 'bomGenerator', reason: 'test' },
      phase: 'parts',
      project: { name: 'Weather station', goal: 'An ESP32 weather station', budget: { amount: 40, currency: 'USD' } },
      writes,
      stale: [],
    } as unknown as Json,
  });
  if (saved.error) throw saved.error;
  return saved.data as unknown as {
    projectId: string;
    versions: Array<{ artifactId: string; type: string; version: number }>;
  };
}

export const wholeDesign: DesignParts = {
  bom: weatherStationBom,
  wiring: weatherStationWiring,
  code: weatherStationCode,
};

/** A new chat of `user` with the whole weather-station design, and the project the turn made for it. */
export async function designedChat(user: Client, title = 'Weather station', design: DesignParts = wholeDesign) {
  const chat = await user.from('chats').insert({ title }).select('id').single();
  if (chat.error) throw chat.error;
  const saved = await saveDesignTurn(user, chat.data.id, design);
  return { chatId: chat.data.id, ...saved };
}
