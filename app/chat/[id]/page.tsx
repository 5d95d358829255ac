import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Sidebar } from '@/components/chat/sidebar';
import { ShareDialog } from '@/components/share/share-dialog';
import { ChatView, pageSize } from '@/components/chat/chat-view';
import { ArtifactPanel } from '@/components/artifacts/artifact-panel';
import { listMessageArtifacts } from '@/lib/artifacts/data';
import { artifactParamsSchema } from '@/lib/artifacts/schemas';
import { getChat, getChatPage, interruptStaleReplies } from '@/lib/chats/data';
import { getModelPrices } from '@/lib/usage/data';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  if (!z.string().uuid().safeParse(id).success) return null;
  // A missing chat and another user's chat look the same: RLS hides the latter.
  return getChat({ chatId: id }).catch(() => null);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chat = await load((await params).id);
  return { title: chat?.title ?? 'Chat' };
}

export default async function ChatPage({ params, searchParams }: Props) {
  const { id } = await params;
  // ?artifact=<id>&v=<n> opens that version of one of the chat's artifacts beside it.
  const opened = artifactParamsSchema.safeParse(await searchParams);
  const chat = await load(id);
  if (!chat) notFound();
  // A reply whose writer died is shown (and saved) as interrupted, with Retry, rather than "streaming" forever.
  await interruptStaleReplies({ chatId: id }).catch(() => null);
  const [messages, prices] = await Promise.all([
    getChatPage({ chatId: id, limit: pageSize }),
    getModelPrices().catch(() => ({}) as Awaited<ReturnType<typeof getModelPrices>>),
  ]);
  // Cards for complete replies only: one still streaming asks for its own cards when it finishes.
  const complete = messages.filter((m) => m.role === 'assistant' && m.status === 'complete').map((m) => m.id);
  const cards = await listMessageArtifacts({ messageIds: complete }).catch(() => ({}));
  const artifactCards = Object.fromEntries(complete.map((mid) => [mid, cards[mid as keyof typeof cards] ?? []]));
  return (
    <div className="flex h-dvh">
      <Sidebar currentChatId={id} />
      <main className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h1 className="truncate text-base font-semibold" data-testid="chat-title">
            {chat.title}
          </h1>
          <ShareDialog chatId={id} />
        </header>
        <ChatView chatId={id} initialMessages={messages} prices={prices} artifactCards={artifactCards} />
      </main>
      {opened.success ? <ArtifactPanel chatId={id} artifactId={opened.data.artifact} version={opened.data.v} /> : null}
    </div>
  );
}
