// Connection pools of the gateway. Each service connects as the role its hosted counterpart uses:
// PostgREST, Realtime and Storage as `authenticator` (switching role per request), Auth as the superuser
// because it owns the auth schema here (on hosted it is supabase_auth_admin).
import postgres from 'postgres';
import { adminDbUrl, authenticatorDbUrl } from '../config.ts';

export type Sql = postgres.Sql;

const common = {
  onnotice: () => {},
  connection: { application_name: 'ohm-local-gateway' },
  idle_timeout: 30,
} as const;

export function createPools(): { admin: Sql; api: Sql; close: () => Promise<void> } {
  const admin = postgres(adminDbUrl, { ...common, max: 4 });
  const api = postgres(authenticatorDbUrl, { ...common, max: 10 });
  return {
    admin,
    api,
    close: async () => {
      await Promise.all([admin.end({ timeout: 1 }), api.end({ timeout: 1 })]);
    },
  };
}
