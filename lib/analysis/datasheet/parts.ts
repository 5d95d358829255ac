// The chat's attached datasheets as the BOM rules use them (lib/agents/design/contract.ts DatasheetPart): the part
// number and the supply, logic, current and I2C facts of each datasheet_analysis artifact, each range with its page.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.ts';
import type { DatasheetPart } from '../../agents/design/contract.ts';
import { datasheetAnalysisSchema, type DatasheetAnalysis, type VoltageRange } from './schema.ts';

const range = (r: VoltageRange | null) => (r ? { min: r.min, max: r.max, page: r.quote.page } : null);

export function datasheetPartOf(analysis: DatasheetAnalysis, artifactId: string): DatasheetPart | null {
  if (analysis.status !== 'analysed' || !analysis.partNumber) return null;
  return {
    artifactId,
    partNumber: analysis.partNumber.value,
    supplyV: range(analysis.supplyVoltage),
    logicV: range(analysis.logicVoltage),
    i2cAddresses: analysis.i2cAddresses.map((a) => a.address),
    typicalMa: analysis.typicalCurrent?.milliamps ?? null,
  };
}

/** One query: the chat's visible datasheet analyses with their (single) version; unreadable ones are left out. */
export async function readDatasheetParts({
  client,
  chatId,
}: {
  client: SupabaseClient<Database>;
  chatId: string;
}): Promise<DatasheetPart[]> {
  const { data, error } = await client
    .from('artifacts')
    .select('id, current_version, artifact_versions(version_number, content_json)')
    .eq('chat_id', chatId)
    .eq('type', 'datasheet_analysis')
    .eq('is_visible', true)
    .order('created_at');
  if (error) return []; // the BOM is still built without them, from the catalogue and the maker's words
  return data.flatMap((artifact) => {
    const version = artifact.artifact_versions.find((v) => v.version_number === artifact.current_version);
    const parsed = datasheetAnalysisSchema.safeParse(version?.content_json);
    const part = parsed.success ? datasheetPartOf(parsed.data, artifact.id) : null;
    return part ? [part] : [];
  });
}
