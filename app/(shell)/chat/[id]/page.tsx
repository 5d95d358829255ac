import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArtifactPanel } from '@/components/artifacts/artifact-panel';
import { ChatView } from '@/components/chat/chat-view';
import { ShareDialog } from '@/components/share/share-dialog';
import { listMessageArtifacts } from '@/lib/artifacts/data';
import { listMessageAttachments } from '@/lib/attachments/data';
import { artifactParamsSchema } from '@/lib/artifacts/schemas';
import { getChat } from '@/lib/chats/data';
import { getChatPage, interruptStaleReplies } from '@/lib/messages/data';
import { chatPageSize } from '@/lib/messages/schemas';
import { getModelPrices } from '@/lib/usage/data';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// layout.tsx settles the 404 for an id that is no chat of this user's before anything streams; the page renders
// beside it, and getChat is cached per request, so asking again costs nothing. A failed lookup throws: error.tsx
// offers a retry, never a 404.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chat = await getChat({ chatId: (await params).id });
  return { title: chat?.title ?? 'Chat' };
}

export default async function ChatPage({ params, searchParams }: Props) {
  const { id } = await params;
  // ?artifact=<id>&v=<n> opens that version of one of the chat's artifacts beside it.
  const opened = artifactParamsSchema.safeParse(await searchParams);
  const chat = await getChat({ chatId: id });
  if (!chat) notFound();
  // A reply whose writer died is shown (and saved) as interrupted, with Retry, rather than "streaming" forever;
  // if that cannot be settled now, the open tab asks again later.
  await interruptStaleReplies({ chatId: id }).catch(() => null);
  const [messages, prices] = await Promise.all([
    getChatPage({ chatId: id, limit: chatPageSize }),
    getModelPrices().catch(() => ({}) as Awaited<ReturnType<typeof getModelPrices>>),
  ]);
  // Cards for complete replies only: one still streaming asks for its own cards when it finishes.
  const complete = messages.filter((m) => m.role === 'assistant' && m.status === 'complete').map((m) => m.id);
  const asked = messages.filter((m) => m.role === 'user').map((m) => m.id);
  const [cards, files] = await Promise.all([
    listMessageArtifacts({ messageIds: complete }).catch(() => ({})),
    listMessageAttachments({ messageIds: asked }).catch(() => null),
  ]);
  const artifactCards = Object.fromEntries(complete.map((mid) => [mid, cards[mid as keyof typeof cards] ?? []]));
  // Messages without files are known to have none; if the lookup failed, the view asks again itself.
  const initialAttachments = files ? Object.fromEntries(asked.map((mid) => [mid, files[mid] ?? []])) : {};
  return (
    <>
      <main className="flex h-dvh min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <h1 className="truncate text-base font-semibold" data-testid="chat-title">
            {chat.title}
          </h1>
          <ShareDialog chatId={id} />
        </header>
        <ChatView
          chatId={id}
          initialMessages={messages}
          prices={prices}
          artifactCards={artifactCards}
          initialAttachments={initialAttachments}
        />
      </main>
      {opened.success ? <ArtifactPanel chatId={id} artifactId={opened.data.artifact} version={opened.data.v} /> : null}
    </>
  );
}
