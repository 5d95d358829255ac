'use client';

// What error.tsx boundaries show: a plain explanation and a retry that renders the route again on the server
// (reset() alone would only re-render the failed client tree). notFound() never reaches these boundaries: Next.js
// sends it to not-found.tsx, so a missing chat stays a 404.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { buttonPrimary } from './styles';

export function ErrorState({
  title,
  error,
  reset,
}: {
  title: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <main className="mx-auto max-w-2xl px-4 py-12 max-md:pt-20" data-testid="error-state">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Your data is safe. Try again, and if it keeps happening, reload the page.
      </p>
      {error.digest ? (
        <p className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">ref {error.digest}</p>
      ) : null}
      <div className="mt-4 flex items-center gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
          className={buttonPrimary}
        >
          {pending ? 'Trying again…' : 'Try again'}
        </button>
        <Link href="/" className="underline underline-offset-2">
          Back to OHM
        </Link>
      </div>
    </main>
  );
}
