'use client';

// Who is signed in, with the way to keep a guest's chats (add an email), search, the theme and sign out. A disclosure
// above the button at the foot of the sidebar; Escape closes it and gives focus back to the button.
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { signOut } from '@/app/(shell)/actions';
import { clearWarmStart } from '@/lib/warm-start/browser-store';
import { ThemeToggle } from '@/components/ui/theme-toggle';

export type AccountView = { id: string; email: string | null; isAnonymous: boolean } | null;

export function AccountMenu({ account }: { account: AccountView }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const name = !account ? 'Not signed in' : account.isAnonymous ? 'Guest' : (account.email ?? 'Signed in');

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const item = 'block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800';
  return (
    <div
      ref={root}
      className="relative border-t border-zinc-200 p-2 dark:border-zinc-800"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      {open ? (
        <div
          id={panelId}
          className="absolute inset-x-2 bottom-full mb-1 flex flex-col gap-1 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="account-panel"
          // The sidebar stays mounted across navigations (app/(shell)/layout.tsx): following a link closes the panel.
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('a')) setOpen(false);
          }}
        >
          <p className="px-3 py-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="account-who">
            {!account ? (
              'You are not signed in.'
            ) : account.isAnonymous ? (
              'You are using OHM as a guest.'
            ) : (
              <>
                Signed in as <strong className="break-all">{account.email}</strong>
              </>
            )}
          </p>
          {!account || account.isAnonymous ? (
            <Link href={account ? '/login?mode=upgrade' : '/login'} className={item}>
              {account ? 'Save your chats: add email and password' : 'Sign in'}
            </Link>
          ) : null}
          <Link href="/search" className={item}>
            Search chats
          </Link>
          {account ? (
            <Link href="/insights" className={item}>
              Usage and cost
            </Link>
          ) : null}
          {account ? (
            <Link href="/settings/tokens" className={item}>
              Access tokens
            </Link>
          ) : null}
          <div className="px-3 py-2">
            <ThemeToggle />
          </div>
          {account ? (
            <form action={signOut} onSubmit={() => void clearWarmStart().catch(() => {})}>
              <button type="submit" className={item}>
                Sign out
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-2 rounded-lg px-2 py-2 text-left text-sm hover:bg-zinc-200 dark:hover:bg-zinc-800"
        data-testid="account-button"
      >
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold text-white"
        >
          {account && !account.isAnonymous && account.email ? account.email[0].toUpperCase() : 'G'}
        </span>
        <span className="min-w-0 flex-1 truncate">
          <span className="sr-only">Account: </span>
          {name}
        </span>
      </button>
    </div>
  );
}
