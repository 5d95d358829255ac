// A share link's page, rendered by two routes: /share/[token], the same bytes for everyone and kept whole in
// Next.js's cache (its page.tsx), and /share/[token]/live, rendered per request, where proxy.ts sends a request that
// opens an artifact (?artifact=) or whose link no longer opens. Nothing here reads the visitor.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { continueConversation } from '@/app/share/actions';
import { ArtifactPanel } from '@/components/artifacts/artifact-panel';
import { SharedArtifactList } from '@/components/artifacts/shared-artifacts';
import { SharedAttachments } from '@/components/attachments/shared-attachments';
import { MessageItem } from '@/components/chat/message-item';
import type { ArtifactParams } from '@/lib/artifacts/schemas';
import { getArtifactPanel } from '@/lib/artifacts/workspace';
import { getSharedAttachments } from '@/lib/attachments/data';
import { redirectWhenUnavailable } from '@/lib/http/unavailable';
import { getCachedSharedChat } from '@/lib/shares/cache';
import { getModelPrices } from '@/lib/usage/data';

// From Next.js's data cache, the same for every visitor (lib/shares/cache.ts).
const load = (token: string) => getCachedSharedChat({ token }).catch(redirectWhenUnavailable(`/share/${token}`));

export async function sharedChatMetadata(token: string): Promise<Metadata> {
  const chat = await load(token);
  if (!chat) return { title: 'Not found', robots: { index: false, follow: false } };
  const first = chat.messages.find((m) => m.role === 'user')?.content ?? '';
  const description = first.replace(/\s+/g, ' ').slice(0, 160);
  return {
    title: chat.title,
    description,
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
    openGraph: { title: chat.title, description, type: 'article' },
  };
}

/**
 * `keptWhole`: the page goes into Next.js's cache for everyone, so a read that fails fails the render (which is
 * then not kept, and the next visit tries again) instead of leaving out prices, files or artifacts for an hour.
 */
export async function SharedChat({
  token,
  opened,
  keptWhole,
}: {
  token: string;
  opened: ArtifactParams | null;
  keptWhole: boolean;
}) {
  const chat = await load(token);
  // Unknown, revoked and expired links are indistinguishable: the same 404.
  if (!chat) notFound();
  const orNothing = <T,>(read: Promise<T>, nothing: T) => (keptWhole ? read : read.catch(() => nothing));
  const [prices, attachments, { artifacts }] = await Promise.all([
    orNothing(getModelPrices(), {} as Awaited<ReturnType<typeof getModelPrices>>),
    orNothing(getSharedAttachments({ token }), []),
    orNothing(getArtifactPanel({ chatId: '', artifactId: null, shareToken: token }), { artifacts: [] }),
  ]);
  return (
    <div className="flex min-h-dvh">
      <main className="mx-auto flex max-w-3xl min-w-0 flex-1 flex-col gap-6 px-4 py-8">
        <header className="border-b border-zinc-200 pb-4 dark:border-zinc-800">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Shared conversation · {new Date(chat.shared_at).toLocaleDateString('en-US', { dateStyle: 'medium' })}
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{chat.title}</h1>
        </header>
        {chat.messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            price={m.agent_model ? prices[m.agent_model] : undefined}
            artifacts={
              <SharedAttachments token={token} attachments={attachments.filter((a) => a.message_id === m.id)} />
            }
          />
        ))}
        <SharedArtifactList token={token} artifacts={artifacts} />
        <form action={continueConversation} className="sticky bottom-4 text-center">
          <input type="hidden" name="token" value={token} />
          <button
            type="submit"
            className="rounded-full bg-sky-700 px-5 py-2.5 text-sm font-medium text-white shadow-lg hover:bg-sky-800"
          >
            Continue this conversation
          </button>
        </form>
      </main>
      {opened ? <ArtifactPanel chatId="" base={`/share/${token}`} params={opened} shareToken={token} /> : null}
    </div>
  );
}
