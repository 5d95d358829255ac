// /share/<token>: a link's page, rendered once and then served whole from Next.js's cache (on-demand ISR: no
// build-time pages, one cache entry per link). It can be, because nothing in it is per request: `force-static`
// gives it no cookies, headers or search params (so an owner and a stranger get the same bytes), and its CSP nonce
// is the link's own (lib/shares/cache-policy.ts shareNonce), which Next.js reads from the request's policy when it
// renders. The entry carries the link's data tag, so revoking or deleting purges the page too; proxy.ts sends what
// must be answered afresh (an artifact opened, a link that no longer opens, a database that did not answer) to
// ./live instead, so a cached page never outlives its link.
import type { Metadata } from 'next';
import { SharedChat, sharedChatMetadata } from '@/components/share/shared-chat';

export const dynamic = 'force-static';
/** lib/shares/cache-policy.ts shareCacheSeconds, written out: Next.js reads it from the source at build time. */
export const revalidate = 3600;

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return sharedChatMetadata((await params).token);
}

export default async function SharedChatPage({ params }: Props) {
  return <SharedChat token={(await params).token} opened={null} keptWhole />;
}
