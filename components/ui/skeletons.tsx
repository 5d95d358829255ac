// Placeholders shown by the routes' loading.tsx while the server renders: the shell keeps the sidebar's and the
// top bar's geometry, so nothing moves when the page arrives.
const bar = 'animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800';

export function Bar({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`${bar} ${className}`} />;
}

export function ShellSkeleton({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex h-dvh" role="status" aria-label={label} data-testid="loading">
      <div
        aria-hidden="true"
        className="fixed inset-x-0 top-0 z-30 flex h-12 items-center gap-2 border-b border-zinc-200 bg-white px-2 md:hidden dark:border-zinc-800 dark:bg-zinc-950"
      >
        <Bar className="size-9" />
        <Bar className="h-4 w-12" />
      </div>
      <div
        aria-hidden="true"
        className="hidden w-64 shrink-0 flex-col gap-2 border-r border-zinc-200 bg-zinc-50 p-3 md:flex dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Bar className="h-9" />
        <Bar className="mb-4 h-8" />
        {Array.from({ length: 8 }, (_, i) => (
          <Bar key={i} className={`h-6 ${i % 3 === 0 ? 'w-2/3' : 'w-full'}`} />
        ))}
      </div>
      <div className="flex min-w-0 flex-1 flex-col max-md:pt-12">{children}</div>
      <span className="sr-only">{label}</span>
    </div>
  );
}
