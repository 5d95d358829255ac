import { Bar, PageSkeleton } from '@/components/ui/skeletons';

export default function Loading() {
  return (
    <PageSkeleton label="Loading OHM…">
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-12 max-md:pt-8">
        <Bar className="h-9 w-3/4" />
        <Bar className="h-5 w-full" />
        <Bar className="h-28 w-full rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
