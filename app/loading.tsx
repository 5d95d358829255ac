export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="mx-auto max-w-2xl px-4 py-12 text-zinc-500">
      Loading…
    </div>
  );
}
