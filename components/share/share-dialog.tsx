'use client';

// Share a snapshot of the chat: create a link (optionally expiring), copy it, see the active links, revoke them.
import { useState, useTransition } from 'react';
import { createShare, listShares, revokeShare } from '@/app/share/actions';
import type { ShareLink } from '@/lib/shares/data';

export function ShareDialog({ chatId }: { chatId: string }) {
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<'never' | '1d' | '7d' | '30d'>('never');
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const urlOf = (token: string) => `${window.location.origin}/share/${token}`;

  const run = (fn: () => Promise<void>) =>
    startTransition(async () => {
      setError(null);
      await fn().catch(() => setError('Something went wrong. Try again.'));
    });

  return (
    <>
      <button
        type="button"
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
        onClick={() => {
          setOpen(true);
          run(async () => {
            const result = await listShares({ chatId });
            if (result.ok) setLinks(result.links);
          });
        }}
      >
        Share
      </button>
      {open ? (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="share-title"
          className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4"
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        >
          <div className="w-full max-w-lg rounded-xl bg-white p-5 shadow-xl dark:bg-zinc-900">
            <h2 id="share-title" className="text-lg font-semibold">
              Share this chat
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              The link shows the messages up to now. Messages you send later stay private.
            </p>
            <div className="mt-4 flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-sm">
                <span>Expires</span>
                <select
                  value={expiry}
                  onChange={(e) => setExpiry(e.target.value as typeof expiry)}
                  className="rounded-lg border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
                >
                  <option value="never">Never</option>
                  <option value="1d">In 1 day</option>
                  <option value="7d">In 7 days</option>
                  <option value="30d">In 30 days</option>
                </select>
              </label>
              <button
                type="button"
                disabled={pending}
                className="rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
                onClick={() =>
                  run(async () => {
                    const result = await createShare({ chatId, expiry });
                    if (!result.ok) return setError(result.error.message);
                    setLinks(result.links);
                    setCurrent(urlOf(result.link.share_token));
                    setCopied(false);
                  })
                }
              >
                Create link
              </button>
            </div>
            {current ? (
              <div className="mt-3 flex gap-2">
                <input
                  readOnly
                  aria-label="Share link"
                  value={current}
                  className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-800"
                />
                <button
                  type="button"
                  className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
                  onClick={async () => {
                    await navigator.clipboard.writeText(current).catch(() => {});
                    setCopied(true);
                  }}
                >
                  Copy link
                </button>
              </div>
            ) : null}
            {copied ? (
              <p className="mt-1 text-xs text-green-700 dark:text-green-400" role="status">
                Copied.
              </p>
            ) : null}
            {error ? (
              <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            ) : null}
            <h3 className="mt-5 text-sm font-semibold">Active links</h3>
            {links.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">None yet.</p> : null}
            <ul className="mt-1 space-y-1" data-testid="share-links">
              {links.map((link) => (
                <li key={link.id} className="flex items-center justify-between gap-2 text-sm">
                  <span className="truncate font-mono text-xs">
                    …/share/{link.share_token.slice(0, 8)}…{' '}
                    {link.expires_at ? `(expires ${new Date(link.expires_at).toLocaleDateString()})` : ''}
                  </span>
                  <button
                    type="button"
                    className="rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
                    onClick={() =>
                      run(async () => {
                        const result = await revokeShare({ chatId, shareId: link.id });
                        if (!result.ok) return setError(result.error.message);
                        setLinks(result.links);
                        if (current?.endsWith(link.share_token)) setCurrent(null);
                      })
                    }
                  >
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
            <div className="mt-5 text-right">
              <button type="button" onClick={() => setOpen(false)} className="rounded-lg px-3 py-1.5 text-sm underline">
                Close
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
