'use client';

// The artifact cards under one reply. The page renders the cards of the replies it loaded; a reply that finishes
// later (in this tab or another) or arrives with an older page asks for its own, and the asks of one render are
// batched into one server action.
import { useEffect, useState } from 'react';
import { loadReplyArtifacts } from '@/app/(shell)/chat/[id]/actions';
import type { ArtifactCard } from '@/lib/artifacts/schemas';
import { ArtifactCards } from './artifact-card';

let pending: Map<string, Array<(cards: ArtifactCard[]) => void>> | null = null;

function requestCards(messageId: string): Promise<ArtifactCard[]> {
  return new Promise((resolve) => {
    if (!pending) {
      pending = new Map();
      queueMicrotask(async () => {
        const batch = pending!;
        pending = null;
        const result = await loadReplyArtifacts({ messageIds: [...batch.keys()] }).catch(() => null);
        for (const [id, waiters] of batch) for (const w of waiters) w(result?.ok ? (result.cards[id] ?? []) : []);
      });
    }
    pending.set(messageId, [...(pending.get(messageId) ?? []), resolve]);
  });
}

export function ReplyArtifacts({
  chatId,
  messageId,
  status,
  initial,
}: {
  chatId: string;
  messageId: string | undefined;
  status: string;
  initial: ArtifactCard[] | undefined;
}) {
  const [cards, setCards] = useState<ArtifactCard[] | undefined>(initial);
  useEffect(() => {
    if (cards !== undefined || status !== 'complete' || !messageId) return;
    let live = true;
    void requestCards(messageId).then((found) => {
      if (live) setCards(found);
    });
    return () => {
      live = false;
    };
  }, [cards, status, messageId]);
  return <ArtifactCards chatId={chatId} cards={cards ?? []} />;
}
