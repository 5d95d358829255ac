'use client';

// After a branch switch, the switcher of the branch now shown gets the keyboard focus the old one had.
import { useCallback, useEffect, useRef } from 'react';
import type { ViewMessage } from '@/lib/messages/branch-view';

type Wanted = { parentId: string | null; role: ViewMessage['role']; label: string };

export function useBranchRefocus(messages: ViewMessage[]) {
  const refocus = useRef<Wanted | null>(null);

  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    const shown = messages.find((m) => m.id && m.parent_id === wanted.parentId && m.role === wanted.role);
    const article = shown ? document.getElementById(`m-${shown.sequence_number}`) : null;
    if (!article) return;
    refocus.current = null;
    // At the last branch the same button is disabled: the other one keeps the focus in the switcher.
    const button =
      article.querySelector<HTMLElement>(`button[aria-label="${wanted.label}"]:not(:disabled)`) ??
      article.querySelector<HTMLElement>('[data-testid="branch-switcher"] button:not(:disabled)') ??
      article;
    button.focus();
  }, [messages]);

  /** Call before the switched branch is shown: `message` is the one whose switcher was pressed. */
  return useCallback((message: ViewMessage, step: -1 | 1) => {
    refocus.current = {
      parentId: message.parent_id,
      role: message.role,
      label: step < 0 ? 'Previous branch' : 'Next branch',
    };
  }, []);
}
