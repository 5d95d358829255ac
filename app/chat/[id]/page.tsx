import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Sidebar } from '@/components/chat/sidebar';
import { ShareDialog } from '@/components/share/share-dialog';
import { ChatView, pageSize } from '@/components/chat/chat-view';
import { getChat, getChatPage, interruptStaleReplies } from '@/lib/chats/data';
import { getModelPrices } from '@/lib/usage/data';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!z.string().uuid().safeParse(id).success) return null;
  // A missing chat and another user's chat look the same: RLS hides the latter.
  return getChat({ chatId: id }).catch(() => null);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chat = await load((await params).id);
  return { title: chat?.title ?? 'Chat' };
}

export default async function ChatPage({ params }: Props) {
  const { id } = await params;
  const chat = await load(id);
  if (!chat) notFound();
  // A reply whose writer died is shown (and saved) as interrupted, with Retry, rather than "streaming" forever.
  await interruptStaleReplies({ chatId: id }).catch(() => null);
  const [messages, prices] = await Promise.all([
    getChatPage({ chatId: id, limit: pageSize }),
    getModelPrices().catch(() => ({}) as Awaited<ReturnType<typeof getModelPrices>>),
  ]);
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
        <ChatView chatId={id} initialMessages={messages} prices={prices} />
      </main>
    </div>
  );
}
