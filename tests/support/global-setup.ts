// Vitest global setup: the database and local-stack suites need the local Supabase running; start it when it is not.
import { startStack } from '../../supabase/local/stack.ts';

export default async function setup() {
  // Suites and benchmarks sign in hundreds of guests from 127.0.0.1: Auth's per-IP limits would refuse them (the
  // limits have their own test, tests/local/auth-rate-limit.test.ts). Only a gateway started here gets this.
  process.env.SUPABASE_LOCAL_AUTH_RATE_LIMITS ??= 'off';
  await startStack();
}
