// `npm run agents:register -- <name>` and `npm run agents:revoke -- <name>`: external agent services for the agent
// API, on the service path (the secret key from the environment or .env.local). A new service's key is printed
// once and stored only as its sha-256; revoking a service ends its unfinished jobs.
import { existsSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';

if (existsSync('.env.local')) process.loadEnvFile('.env.local');
const [command, name] = process.argv.slice(2);
const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
const secret = process.env.SUPABASE_SECRET_KEY;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!['register', 'revoke'].includes(command ?? '') || !name)
  fail('usage: node scripts/agents.ts register|revoke <name>');
if (!url || !secret) fail('NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY must be set (or in .env.local)');
const service = createClient(url, secret, { auth: { persistSession: false, autoRefreshToken: false } });

if (command === 'register') {
  const { data, error } = await service.rpc('register_agent_service', { p_name: name });
  if (error) fail(`Could not register ${name}: ${error.message}`);
  console.log(`Registered agent service ${name}. Its key, shown this once:\n\n  ${(data as { key: string }).key}\n`);
  console.log(
    `Hand it intents with OHM_AGENT_SERVICES (e.g. CODE=${name}); it claims jobs at /api/agents/v1/jobs/claim.`,
  );
} else {
  const { data, error } = await service.rpc('revoke_agent_service', { p_name: name });
  if (error) fail(`Could not revoke ${name}: ${error.message}`);
  console.log(data ? `Revoked ${name}; its open jobs ended.` : `No active agent service named ${name}.`);
}
