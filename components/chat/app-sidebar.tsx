'use client';

// The app shell's sidebar: a column beside the page from tablet width up, a drawer behind a toggle button on a
// phone (focus moves into it, Escape or the backdrop closes it and focus returns to the toggle).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { ChatListPage } from '@/lib/chats/queries';
import { AccountMenu, type AccountView } from './account-menu';
import { ArchivedChats } from './archived-chats';
import { ChatList } from './chat-list';
import { NewChatShortcut } from './new-chat-shortcut';

export function AppSidebar({
  initialPage,
  listFailed,
  account,
}: {
  initialPage: ChatListPage;
  listFailed: boolean;
  account: AccountView;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const toggle = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  const close = (focusToggle: boolean) => {
    refocus.current = focusToggle;
    setOpen(false);
  };

  useEffect(() => {
    if (!open) return;
    // Like a modal: what is behind the drawer can be neither focused nor read until it closes.
    const button = toggle.current;
    const behind = Array.from(document.querySelectorAll<HTMLElement>('.app-shell-sidebar ~ main, [data-shell-bar]'));
    for (const element of behind) element.inert = true;
    drawer.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    // Widening the window past the phone layout turns the drawer back into a column: nothing may stay inert.
    const wide = window.matchMedia('(min-width: 48rem)');
    const onWide = () => wide.matches && close(false);
    window.addEventListener('keydown', onKey);
    wide.addEventListener('change', onWide);
    return () => {
      window.removeEventListener('keydown', onKey);
      wide.removeEventListener('change', onWide);
      for (const element of behind) element.inert = false;
      // Only now, with the toggle no longer inert, can it take focus back.
      if (refocus.current) button?.focus();
      refocus.current = false;
    };
  }, [open]);

  return (
    <>
      <div
        data-shell-bar
        className="fixed inset-x-0 top-0 z-30 flex h-12 items-center gap-2 border-b border-zinc-200 bg-white px-2 md:hidden dark:border-zinc-800 dark:bg-zinc-950"
      >
        <button
          ref={toggle}
          type="button"
          aria-label="Open sidebar"
          aria-expanded={open}
          aria-controls="app-sidebar"
          onClick={() => setOpen(true)}
          className="flex size-9 items-center justify-center rounded-lg hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="size-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.75"
            strokeLinecap="round"
          >
            <path d="M3 5h14M3 10h14M3 15h14" />
          </svg>
        </button>
        <span className="font-semibold">OHM</span>
      </div>
      {open ? (
        <div aria-hidden="true" className="fixed inset-0 z-40 bg-black/40 md:hidden" onClick={() => close(false)} />
      ) : null}
      <aside
        ref={drawer}
        id="app-sidebar"
        aria-label="Sidebar"
        data-open={open}
        data-testid="app-sidebar"
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) close(false);
        }}
        className="app-shell-sidebar fixed inset-y-0 left-0 z-50 hidden w-72 max-w-[85vw] shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 shadow-xl data-[open=true]:flex md:sticky md:top-0 md:z-auto md:flex md:h-dvh md:w-64 md:shadow-none dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex items-center gap-2 p-3">
          <Link
            href="/"
            aria-keyshortcuts="Control+Shift+O Meta+Shift+O"
            className="flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-950 dark:hover:bg-zinc-800"
          >
            New chat
          </Link>
          {open ? (
            <button
              type="button"
              aria-label="Close sidebar"
              onClick={() => close(true)}
              className="flex size-9 items-center justify-center rounded-lg hover:bg-zinc-200 md:hidden dark:hover:bg-zinc-800"
            >
              <span aria-hidden="true">✕</span>
            </button>
          ) : null}
        </div>
        <NewChatShortcut />
        <Link
          href="/search"
          aria-current={pathname === '/search' ? 'page' : undefined}
          className="mx-3 mb-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200 aria-[current=page]:bg-zinc-200 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800"
        >
          Search
        </Link>
        <Link
          href="/projects"
          aria-current={pathname.startsWith('/projects') ? 'page' : undefined}
          className="mx-3 mb-2 rounded-lg px-3 py-2 text-sm hover:bg-zinc-200 aria-[current=page]:bg-zinc-200 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800"
        >
          Projects
        </Link>
        <ChatList initialPage={initialPage} initialFailed={listFailed} userId={account?.id ?? null} />
        <ArchivedChats />
        <AccountMenu account={account} />
      </aside>
    </>
  );
}
