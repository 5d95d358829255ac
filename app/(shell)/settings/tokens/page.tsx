// /settings/tokens: the user's personal access tokens for MCP clients (Claude Desktop, an IDE): create one (its
// secret shown once), see when each was last used, revoke it. RLS lists only the user's own.
import type { Metadata } from 'next';
import Link from 'next/link';
import { TokensPanel } from '@/components/tokens/tokens-panel';
import { createClient } from '@/lib/supabase/server';
import { listAccessTokens } from '@/lib/tokens/data';

export const metadata: Metadata = { title: 'Access tokens' };

export default async function TokensPage() {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  const signedIn = !!data?.claims?.sub;
  const tokens = signedIn ? await listAccessTokens().catch(() => null) : [];
  return (
    <main className="mx-auto flex w-full min-w-0 max-w-3xl flex-col gap-4 px-4 py-8 max-md:pt-20">
      <h1 className="text-2xl font-semibold">Access tokens</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A personal access token lets an MCP client such as Claude Desktop or your IDE read your chats and artifacts and,
        with a read and write token, start chats and add artifact versions: it acts as you and sees exactly what you
        see. Its endpoint is <code className="font-mono">/api/mcp</code>.
      </p>
      {!signedIn ? (
        <p className="text-sm" data-testid="tokens-signed-out">
          <Link href="/login" className="text-sky-700 underline dark:text-sky-400">
            Sign in
          </Link>{' '}
          to create access tokens.
        </p>
      ) : tokens === null ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Your tokens cannot be listed right now. Try again in a moment.
        </p>
      ) : (
        <TokensPanel initialTokens={tokens} />
      )}
    </main>
  );
}
