import { Bar, PageSkeleton } from '@/components/ui/skeletons';

export default function Loading() {
  return (
    <PageSkeleton label="Loading search…">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-8">
        <Bar className="h-8 w-64" />
        <Bar className="h-16 w-full" />
        {Array.from({ length: 4 }, (_, i) => (
          <Bar key={i} className="h-20 w-full rounded-lg" />
        ))}
      </div>
    </PageSkeleton>
  );
}
