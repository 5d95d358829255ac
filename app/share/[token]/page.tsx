import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { continueConversation } from '@/app/share/actions';
import { SharedAttachments } from '@/components/attachments/shared-attachments';
import { MessageItem } from '@/components/chat/message-item';
import { getSharedAttachments } from '@/lib/attachments/data';
import { redirectWhenUnavailable } from '@/lib/http/unavailable';
import { getSharedChat } from '@/lib/shares/data';
import { getModelPrices } from '@/lib/usage/data';

type Props = { params: Promise<{ token: string }> };

const load = (token: string) => getSharedChat({ token }).catch(redirectWhenUnavailable(`/share/${token}`));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const chat = await load((await params).token);
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

export default async function SharedChatPage({ params }: Props) {
  const { token } = await params;
  const chat = await load(token);
  // Unknown, revoked and expired links are indistinguishable: the same 404.
  if (!chat) notFound();
  const [prices, attachments] = await Promise.all([
    getModelPrices().catch(() => ({}) as Awaited<ReturnType<typeof getModelPrices>>),
    getSharedAttachments({ token }).catch(() => []),
  ]);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8">
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
          artifacts={<SharedAttachments token={token} attachments={attachments.filter((a) => a.message_id === m.id)} />}
        />
      ))}
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
  );
}
