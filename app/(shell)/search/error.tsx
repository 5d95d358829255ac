'use client';

import { ErrorState } from '@/components/ui/error-state';

export default function SearchError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="Search could not be loaded" {...props} />;
}
