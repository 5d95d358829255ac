// Settles "is there such a chat for this user?" before the loading skeleton streams: once a response has started
// (loading.tsx flushes at once), a notFound() from the page could no longer set the status, and a missing chat or
// another user's chat (RLS hides it: the same answer) would be a 200. A failure to look it up is an error, not a 404.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getChat } from '@/lib/chats/data';
import { redirectWhenUnavailable } from '@/lib/http/unavailable';

export default async function ChatLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  // A database that cannot be reached is OHM's 503 page, not a 500 (nor a 404: the chat may well exist).
  if (!(await getChat({ chatId: id }).catch(redirectWhenUnavailable(`/chat/${id}`)))) notFound();
  return children;
}
