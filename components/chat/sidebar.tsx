// The app shell's list of chats, newest activity first, grouped by recency.
import Link from 'next/link';
import { listChats } from '@/lib/chats/data';
import { groupChats } from '@/lib/chats/grouping';
import { NewChatShortcut } from './new-chat-shortcut';

export async function Sidebar({ currentChatId }: { currentChatId?: string }) {
  const chats = await listChats().then((page) => page.chats).catch(() => []);
  const groups = groupChats(chats, (c) => c.last_message_at);
  return (
    <aside className="hidden w-64 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 md:flex dark:border-zinc-800 dark:bg-zinc-900">
      <div className="p-3">
        <Link href="/" className="block rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-white dark:border-zinc-700 dark:hover:bg-zinc-800" aria-keyshortcuts="Control+Shift+O">
          New chat
        </Link>
        <NewChatShortcut />
        <Link href="/search" className="mt-2 block rounded-lg px-3 py-2 text-sm hover:bg-white dark:hover:bg-zinc-800">Search</Link>
      </div>
      <nav aria-label="Chats" className="flex-1 overflow-y-auto px-2 pb-4">
        {groups.length === 0 ? <p className="px-2 text-sm text-zinc-500">No chats yet.</p> : null}
        {groups.map((group) => (
          <section key={group.group} className="mb-3">
            <h2 className="px-2 py-1 text-xs font-semibold text-zinc-500">{group.group}</h2>
            <ul>
              {group.chats.map((chat) => (
                <li key={chat.id}>
                  <Link
                    href={`/chat/${chat.id}`}
                    aria-current={chat.id === currentChatId ? 'page' : undefined}
                    className="block truncate rounded-md px-2 py-1.5 text-sm hover:bg-zinc-200 aria-[current=page]:bg-zinc-200 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800"
                  >
                    {chat.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
    </aside>
  );
}
