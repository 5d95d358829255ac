import type { Metadata } from 'next';
import Link from 'next/link';
import { searchMessages, searchParamsSchema } from '@/lib/search/data';
import { snippetRuns } from '@/lib/search/snippet';

export const metadata: Metadata = { title: 'Search' };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const parsed = searchParamsSchema.safeParse(await searchParams);
  const params = parsed.success ? parsed.data : searchParamsSchema.parse({});
  const hits = await searchMessages(params).catch(() => null);
  const next = hits && hits.length === 20 ? hits.at(-1)!.cursor : null;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({
      q: params.q,
      agent: params.agent,
      intent: params.intent,
      from: params.from,
      ...extra,
    }).toString();
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-8 max-md:pt-20">
      <h1 className="text-2xl font-semibold">Search your chats</h1>
      <form role="search" className="flex flex-wrap items-end gap-2" action="/search">
        <label className="flex min-w-64 flex-1 flex-col text-sm">
          <span>Search</span>
          <input
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={1000}
            className="rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex flex-col text-sm">
          <span>Agent</span>
          <select
            name="agent"
            defaultValue={params.agent}
            className="rounded-lg border border-zinc-300 bg-white px-2 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any</option>
            <option value="conversational">OHM</option>
            <option value="bomGenerator">BOM generator</option>
            <option value="codeGenerator">Code generator</option>
            <option value="wiringGenerator">Wiring generator</option>
            <option value="orchestrator">Orchestrator</option>
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span>Intent</span>
          <select
            name="intent"
            defaultValue={params.intent}
            className="rounded-lg border border-zinc-300 bg-white px-2 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any</option>
            <option value="CHAT">Chat</option>
            <option value="BOM">BOM</option>
            <option value="CODE">Code</option>
            <option value="WIRING">Wiring</option>
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span>Since</span>
          <input
            name="from"
            type="date"
            defaultValue={params.from}
            className="rounded-lg border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button type="submit" className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-medium text-white">
          Search
        </button>
      </form>
      {!parsed.success ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Some filters were not valid and were ignored.
        </p>
      ) : null}
      {hits === null ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Search is unavailable right now. Try again.
        </p>
      ) : null}
      {params.q && hits?.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">No messages match “{params.q}”.</p>
      ) : null}
      <ol className="flex flex-col gap-3" data-testid="search-results">
        {hits?.map((hit) => (
          <li key={hit.message_id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <Link
              href={`/chat/${hit.chat_id}#m-${hit.sequence_number}`}
              className="font-medium underline-offset-2 hover:underline"
            >
              {hit.chat_title}
            </Link>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              {hit.role === 'user' ? 'You' : hit.agent_name} ·{' '}
              {new Date(hit.created_at).toLocaleDateString('en-US', { dateStyle: 'medium' })}
            </p>
            <p className="mt-1 text-sm">
              {snippetRuns(hit.snippet).map((run, i) =>
                run.marked ? (
                  <mark
                    key={i}
                    className="rounded bg-amber-200 px-0.5 text-zinc-900 dark:bg-amber-800 dark:text-amber-50"
                  >
                    {run.text}
                  </mark>
                ) : (
                  <span key={i}>{run.text}</span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
      {next ? (
        <Link href={`/search?${query({ cursor: next })}`} className="self-start underline">
          More results
        </Link>
      ) : null}
    </main>
  );
}
