// Share pages from Next.js's cache and from CDNs. A shared snapshot never changes until its link is revoked,
// expires or its chat is deleted, so the page's data is kept in Next.js's data cache, tagged per link, the page
// itself is kept whole (app/share/[token]/page.tsx, whose cache entry carries the same tag), and the response says
// a shared cache may keep it (`s-maxage`, `stale-while-revalidate`). Three rules keep it honest:
// - revoking a link or deleting its chat purges the tag at once (`purgeSharePages`, from the server actions), so
//   the very next request reads the database and answers 404;
// - no copy outlives the link: every request checks the cached data's expiry first (proxy.ts, getSharePageRoute),
//   and the lifetimes sent to CDNs are cut to the time the link has left;
// - the page reads nothing of the visitor (an anonymous client, no cookies, a nonce derived from the token), so
//   an owner and a stranger get the same bytes and nothing personal can be cached for someone else.
import 'server-only';
import { unstable_cache, updateTag } from 'next/cache';
import { fromPostgrestError } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';
import { getSharedChat, type SharedChat } from './data';
import { shareCacheControl, shareCacheSeconds } from './cache-policy';

export const shareCacheTag = (token: string) => `share:${token}`;

/** The snapshot, from Next.js's cache when it is there; null once the link no longer opens (even if cached). */
export async function getCachedSharedChat({ token }: { token: string }): Promise<SharedChat | null> {
  const load = unstable_cache(() => getSharedChat({ token }), ['shared-chat', token], {
    tags: [shareCacheTag(token)],
    revalidate: shareCacheSeconds,
  });
  const chat = await load();
  if (chat?.expires_at && Date.parse(chat.expires_at) <= Date.now()) return null;
  return chat;
}

/**
 * How proxy.ts answers a GET of /share/<token>: its Cache-Control, from the same cached read the page makes, and
 * whether the page kept whole in Next.js's cache may answer (app/share/[token]/page.tsx). It may not when the link
 * no longer opens (revoked, expired, unknown: its cached page could still be there), when the request opens an
 * artifact (the cached page has none open), or when the database could not answer (nothing may be cached then):
 * those are rendered afresh by /share/<token>/live.
 */
export async function getSharePageRoute({
  token,
  opensArtifact,
}: {
  token: string;
  opensArtifact: boolean;
}): Promise<{ cacheControl: string; wholePage: boolean }> {
  try {
    const chat = await getCachedSharedChat({ token });
    const cacheControl = shareCacheControl({ expiresAt: chat?.expires_at ?? null, now: Date.now() });
    return { cacheControl, wholePage: chat !== null && !opensArtifact };
  } catch {
    return { cacheControl: 'private, no-store', wholePage: false };
  }
}

/**
 * Purges the cached page of one link, or of every link of a chat (revoked ones too: one was revoked just now).
 * Called by the actions that revoke a link or delete a chat, once the database said yes; RLS lets only the chat's
 * owner read its links, and the ids come from the database, not from what the browser said.
 */
export async function purgeSharePages(which: { chatId: string } | { shareId: string }): Promise<void> {
  const supabase = await createClient();
  const links = supabase.from('shared_chats').select('share_token');
  const { data, error } = await ('chatId' in which ? links.eq('chat_id', which.chatId) : links.eq('id', which.shareId));
  if (error) throw fromPostgrestError(error, 'share');
  for (const { share_token } of data) updateTag(shareCacheTag(share_token));
}
