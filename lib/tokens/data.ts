// Server-only data access for the signed-in user's personal access tokens (RLS: only their own). The secret is made
// by the database and comes back once, from createAccessToken; lists never see it or its hash.
import 'server-only';
import { fromPostgrestError, OhmError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import type { TokenScope, TokenSummary } from './schemas';

export async function listAccessTokens(): Promise<TokenSummary[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from('personal_access_tokens')
    .select('id, name, token_prefix, scope, created_at, expires_at, last_used_at, revoked_at')
    .order('created_at', { ascending: false })
    .limit(100);
  if (error) throw fromPostgrestError(error, 'token');
  return data.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.token_prefix,
    scope: t.scope,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

export async function createAccessToken({
  name,
  scope,
  expiresInDays,
}: {
  name: string;
  scope: TokenScope;
  expiresInDays: number;
}): Promise<{ id: string; secret: string; prefix: string; expiresAt: string }> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc('create_personal_access_token', {
    p_name: name,
    p_scope: scope,
    p_expires_in_days: expiresInDays,
  });
  if (error) throw fromPostgrestError(error, 'token');
  const [created] = data;
  if (!created) throw new OhmError('unavailable:database');
  return { id: created.id, secret: created.token, prefix: created.token_prefix, expiresAt: created.expires_at };
}

export async function revokeAccessToken({ tokenId }: { tokenId: string }): Promise<void> {
  const supabase = await createClient();
  const { error } = await supabase.rpc('revoke_personal_access_token', { p_token_id: tokenId });
  if (error) throw fromPostgrestError(error, 'token', { not_found: 'That token does not exist or is not yours.' });
}
