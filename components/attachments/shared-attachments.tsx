'use client';

// A shared message's attachments, each reached through /share/<token>/attachments/<id>, which checks the token on
// every request: the page itself holds no URL that expires, so it can be cached.
import type { AttachmentView } from '@/lib/attachments/types';
import { MessageAttachments } from './message-attachments';

export function SharedAttachments({ token, attachments }: { token: string; attachments: AttachmentView[] }) {
  return (
    <MessageAttachments
      attachments={attachments}
      hrefFor={(id, variant) => `/share/${encodeURIComponent(token)}/attachments/${id}?variant=${variant}`}
    />
  );
}
