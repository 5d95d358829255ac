'use client';

import { ErrorState } from '@/components/ui/error-state';

export default function ChatError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="This chat could not be loaded" {...props} />;
}
