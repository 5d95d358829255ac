'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">Your data is safe. Try again, and if it keeps happening, reload the page.</p>
      {error.digest ? <p className="mt-1 font-mono text-xs text-zinc-500">ref {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-sky-700 px-4 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
