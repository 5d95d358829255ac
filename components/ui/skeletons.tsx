// Placeholders shown while the server renders: the sidebar's (app/(shell)/layout.tsx streams the real one in) and
// each page's (its loading.tsx), each with the geometry of what replaces it, so nothing moves when it arrives.
const bar = 'animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800';

export function Bar({ className = '' }: { className?: string }) {
  return <div aria-hidden="true" className={`${bar} ${className}`} />;
}

/** The phone's top bar and the sidebar column, until the chat list has loaded. */
export function SidebarSkeleton() {
  return (
    <>
      <div
        aria-hidden="true"
        className="fixed inset-x-0 top-0 z-30 flex h-12 items-center gap-2 border-b border-zinc-200 bg-white px-2 md:hidden dark:border-zinc-800 dark:bg-zinc-950"
      >
        <Bar className="size-9" />
        <Bar className="h-4 w-12" />
      </div>
      <div
        aria-hidden="true"
        className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col gap-2 border-r border-zinc-200 bg-zinc-50 p-3 md:flex dark:border-zinc-800 dark:bg-zinc-900"
      >
        <Bar className="h-9" />
        <Bar className="mb-4 h-8" />
        {Array.from({ length: 8 }, (_, i) => (
          <Bar key={i} className={`h-6 ${i % 3 === 0 ? 'w-2/3' : 'w-full'}`} />
        ))}
      </div>
    </>
  );
}

/** A page beside the sidebar, until the page has rendered. */
export function PageSkeleton({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      className="flex h-dvh min-w-0 flex-1 flex-col max-md:pt-12"
      role="status"
      aria-label={label}
      data-testid="loading"
    >
      {children}
      <span className="sr-only">{label}</span>
    </div>
  );
}
