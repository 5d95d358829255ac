// The scope statement every service acts as a role with (supabase/local/core/scope.ts): what it sets is what
// PostgREST sets for a request, it lasts only as long as the transaction, and each shape of scope is one text.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { enterScope, scopeStatement } from '../../supabase/local/core/scope.ts';
import { adminDbUrl } from '../support/stack.ts';

const api = postgres(adminDbUrl.replace('supabase_admin:', 'authenticator:'), { max: 1, onnotice: () => {} });
afterAll(() => api.end());

const claims = { sub: '00000000-0000-4000-8000-0000000000a1', role: 'authenticated', email: 'ada@example.com' };

describe('the scope statement', () => {
  it("acts as the role with the claims, PostgREST's request settings and a service's own, inside the transaction only", async () => {
    const seen = await api.begin(async (tx) => {
      await enterScope(tx, {
        role: 'authenticated',
        claims,
        request: { method: 'POST', path: '/rpc/append_message', headers: { prefer: 'return=minimal' } },
        searchPath: '"public", extensions',
        statementTimeout: '3s',
        settings: { 'realtime.topic': 'chat:1:messages' },
      });
      const [row] = await tx`
        select current_user as role, auth.uid() as uid, auth.role() as claim_role, auth.jwt() ->> 'email' as email,
               current_setting('request.jwt.claim.sub') as legacy_sub, current_setting('request.method') as method,
               current_setting('request.path') as path, current_setting('request.headers')::json ->> 'prefer' as prefer,
               current_setting('request.cookies') as cookies, current_setting('search_path') as search_path,
               current_setting('statement_timeout') as timeout, current_setting('realtime.topic') as topic`;
      return row;
    });
    expect(seen).toEqual({
      role: 'authenticated',
      uid: claims.sub,
      claim_role: 'authenticated',
      email: 'ada@example.com',
      legacy_sub: claims.sub,
      method: 'POST',
      path: '/rpc/append_message',
      prefer: 'return=minimal',
      cookies: '{}',
      search_path: '"public", extensions',
      timeout: '3s',
      topic: 'chat:1:messages',
    });
    const [after] = await api`select current_user as role, current_setting('request.jwt.claims', true) as claims`;
    expect(after.role).toBe('authenticator');
    expect(after.claims ?? '').toBe('');
  });

  it('sets only role and claims when a service passes nothing else, with one statement text per shape', () => {
    const anon = scopeStatement({ role: 'anon', claims: { role: 'anon' } });
    expect(anon.text).not.toContain('request.method');
    expect(anon.text).not.toContain('search_path');
    expect(anon.values).toEqual(['anon', '{"role":"anon"}', '', 'anon', '']);
    const other = scopeStatement({ role: 'authenticated', claims });
    expect(other.text).toBe(anon.text);
    expect(other.values[2]).toBe(claims.sub);
  });
});
