'use client';

import { ErrorState } from '@/components/ui/error-state';

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="Something went wrong" {...props} />;
}
