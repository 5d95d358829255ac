// Server-only reads of usage reference data as the signed-in user (model prices are readable by everyone).
import 'server-only';
import { fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import type { ModelPrices } from './cost';

export async function getModelPrices(): Promise<ModelPrices> {
  const supabase = await createClient();
  const { data, error } = await supabase.from('model_prices').select('model, input_per_1k, output_per_1k, currency');
  if (error) throw fromPostgrestError(error, 'chat');
  return Object.fromEntries(
    data.map((p) => [p.model, { ...p, input_per_1k: Number(p.input_per_1k), output_per_1k: Number(p.output_per_1k) }]),
  );
}
