// Vitest global setup: the database and local-stack suites need the local Supabase running; start it when it is not.
import { startStack } from '../../supabase/local/stack.ts';

export default async function setup() {
  await startStack();
}
