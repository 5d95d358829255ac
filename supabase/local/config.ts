// Settings of the local stack: ports, folders and keys, the same defaults `supabase start` uses,
// so one .env.local works against this stand-in and against the CLI's Docker stack.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..');

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  }
  return value;
}

export const apiPort = intFromEnv('SUPABASE_LOCAL_API_PORT', 54321);
export const dbPort = intFromEnv('SUPABASE_LOCAL_DB_PORT', 54322);
export const host = '127.0.0.1';
export const dataDir = path.resolve(
  process.env.SUPABASE_LOCAL_DATA_DIR ?? path.join(projectRoot, 'supabase', '.local-data'),
);
export const pgDataDir = path.join(dataDir, 'pg');
export const storageDir = path.join(dataDir, 'storage');
export const apiUrl = `http://${host}:${apiPort}`;

// The password `supabase start` gives postgres; supabase_admin (the superuser) gets the same locally.
export const dbPassword = 'postgres';
export const dbUrl = `postgresql://postgres:${dbPassword}@${host}:${dbPort}/postgres`;
export const adminDbUrl = `postgresql://supabase_admin:${dbPassword}@${host}:${dbPort}/postgres`;
export const authenticatorDbUrl = `postgresql://authenticator:${dbPassword}@${host}:${dbPort}/postgres`;

export const jwtSecret =
  process.env.SUPABASE_LOCAL_JWT_SECRET ?? 'super-secret-jwt-token-with-at-least-32-characters-long';
export const jwtIssuer = `${apiUrl}/auth/v1`;
export const accessTokenTtlSeconds = 3600;

// The new-format keys the Supabase CLI prints for local stacks; the gateway maps them to roles as Kong does.
export const publishableKey = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const secretKey = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

// Legacy keys: the same claims `supabase start` signs, so they come out byte-identical for the default secret.
async function legacyKey(role: 'anon' | 'service_role'): Promise<string> {
  return new SignJWT({ iss: 'supabase-demo', role, exp: 1983812996 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(jwtSecret));
}

export const anonKey = await legacyKey('anon');
export const serviceRoleKey = await legacyKey('service_role');

export const pidFiles = {
  gateway: path.join(dataDir, 'gateway.pid'),
};
export const logFiles = {
  postgres: path.join(dataDir, 'postgres.log'),
  gateway: path.join(dataDir, 'gateway.log'),
};
