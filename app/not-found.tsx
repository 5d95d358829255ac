import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/" className="mt-4 inline-block underline underline-offset-2">
        Back to OHM
      </Link>
    </main>
  );
}
