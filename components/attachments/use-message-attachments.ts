'use client';

// The attachments of the chat's user messages: those the page rendered come with it, a message sent from this tab
// brings its own, and any other (older pages, another tab's sends) is asked for in one batch as it appears.
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadMessageAttachments } from '@/app/(shell)/chat/[id]/actions';
import type { AttachmentView } from '@/lib/attachments/types';
import type { ViewMessage } from '@/lib/messages/branch-view';
import { analysable, requestAnalysis } from './analysis';

export function useMessageAttachments(messages: ViewMessage[], initial: Record<string, AttachmentView[]>) {
  const [byMessage, setByMessage] = useState(initial);
  const asked = useRef(new Set(Object.keys(initial)));

  useEffect(() => {
    const unknown = messages.filter((m) => m.role === 'user' && m.id && !asked.current.has(m.id)).map((m) => m.id!);
    if (unknown.length === 0) return;
    for (const id of unknown) asked.current.add(id);
    void loadMessageAttachments({ messageIds: unknown.slice(0, 200) })
      .then((result) => {
        if (result.ok) setByMessage((map) => ({ ...map, ...result.attachments }));
      })
      .catch(() => undefined);
  }, [messages]);

  /**
   * A message just sent from this tab: show its files, and ask for the analysis of those that have one once the
   * message's reply has ended. The analysts' summaries are appended at the chat's leaf: asked any earlier, one could
   * land under the message before its reply does, and the reply would then start a second branch that hides it.
   */
  const remember = useCallback((messageId: string, attachments: AttachmentView[], replyEnded: Promise<unknown>) => {
    asked.current.add(messageId);
    setByMessage((map) => ({ ...map, [messageId]: attachments }));
    for (const attachment of attachments.filter(analysable))
      void replyEnded
        .catch(() => undefined)
        .then(() => requestAnalysis(attachment.id, 'processing'))
        .then((patch) =>
          setByMessage((map) => ({
            ...map,
            [messageId]: (map[messageId] ?? []).map((a) => (a.id === attachment.id ? { ...a, ...patch } : a)),
          })),
        );
  }, []);

  return {
    attachmentsFor: (messageId: string | undefined) => (messageId ? byMessage[messageId] : undefined),
    remember,
  };
}

export const ownAttachmentHref = (id: string, variant: 'thumb' | 'file') => `/api/attachments/${id}?variant=${variant}`;
