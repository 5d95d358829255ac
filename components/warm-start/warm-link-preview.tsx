'use client';

// Rendered inside a chat's sidebar link: while the click's navigation waits for the server, the chat's warm page
// (if this browser has one) covers the page being left, so a chat seen before paints at once. Nothing otherwise.
import { useLinkStatus } from 'next/link';
import { createPortal } from 'react-dom';
import { WarmChatPreview } from './warm-chat-preview';

export function WarmLinkPreview({ chatId }: { chatId: string }) {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return createPortal(
    // Rendered through a portal but still inside the link for React: a click here must not follow it again.
    <div onClick={(event) => event.stopPropagation()}>
      <WarmChatPreview
        chatId={chatId}
        skeleton={null}
        className="fixed inset-0 z-20 flex flex-col bg-white md:left-64 dark:bg-zinc-950"
      />
    </div>,
    document.body,
  );
}
