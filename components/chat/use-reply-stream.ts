'use client';

// The reply this tab asked for, streamed into the branch as it arrives (/api/chat/[id]/reply is always told which
// message to answer), and Stop. Other tabs follow the same reply through realtime; when the stream ends, the saved
// reply (final status, token counts) replaces what was streamed.
import { useCallback, useRef, useState } from 'react';
import { stopReply } from '@/app/(shell)/chat/actions';
import type { ViewMessage } from '@/lib/messages/branch-view';
import type { ReplyRequest } from '@/lib/messages/schemas';
import type { ChatBranch } from './use-chat-branch';

type StreamRun = { abort: AbortController; id?: string; stopRequested: boolean };

/** The user message to answer; `regenerate` for another reply beside the `siblings` it already has. */
export type ReplyAsk = { replyTo: string; regenerate?: { siblings: number } };

export function useReplyStream({
  chatId,
  branch: { setMessages, reloadBranch, ownReplyId },
  onError,
}: {
  chatId: string;
  branch: ChatBranch;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const streaming = useRef<StreamRun | null>(null);

  const streamReply = useCallback(
    async ({ replyTo, regenerate }: ReplyAsk) => {
      const run: StreamRun = { abort: new AbortController(), stopRequested: false };
      streaming.current = run;
      setBusy(true);
      onError(null);
      let text = '';
      try {
        const request: ReplyRequest = regenerate ? { replyTo, key: crypto.randomUUID() } : { replyTo };
        const res = await fetch(`/api/chat/${chatId}/reply`, {
          method: 'POST',
          signal: run.abort.signal,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        });
        // 409: another tab is already answering this message; its reply arrives through realtime.
        if (res.status === 409) return;
        // 202: handed to an external agent service (the agent API); its reply arrives through realtime too.
        if (res.status === 202) return;
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => null)) as { message?: string } | null;
          throw new Error(body?.message ?? `The reply failed (${res.status}).`);
        }
        const id = res.headers.get('X-Reply-Id')!;
        run.id = id;
        ownReplyId.current = id;
        if (run.stopRequested) {
          void stopReply({ chatId, messageId: id });
          run.abort.abort();
        }
        const reply: ViewMessage = {
          key: id,
          id,
          parent_id: replyTo,
          role: 'assistant',
          content: '',
          status: 'streaming',
          sequence_number: Number(res.headers.get('X-Reply-Sequence')),
          agent_name: res.headers.get('X-Reply-Agent') ?? 'conversational',
          agent_model: null,
          intent: null,
          input_tokens: 0,
          output_tokens: 0,
          sibling_count: regenerate?.siblings ?? 1,
          sibling_index: regenerate?.siblings ?? 1,
        };
        setMessages((list) => (list.some((m) => m.id === id) ? list : [...list, reply]));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
          const sofar = text;
          setMessages((list) =>
            list.map((m) =>
              m.id === id && m.status === 'streaming' && m.content.length < sofar.length ? { ...m, content: sofar } : m,
            ),
          );
        }
      } catch (failure) {
        if (!run.abort.signal.aborted)
          onError(
            failure instanceof Error && failure.message !== 'Failed to fetch'
              ? failure.message
              : 'The reply was cut off: check your connection.',
          );
      } finally {
        streaming.current = null;
        ownReplyId.current = null;
        setBusy(false);
        // The saved reply is the truth (final status, token counts), whether or not realtime is connected.
        void reloadBranch();
      }
    },
    [chatId, reloadBranch, setMessages, ownReplyId, onError],
  );

  /** Stop: the reply ends as interrupted with what was saved; before its id is known, as soon as it is. */
  const stop = useCallback(() => {
    const run = streaming.current;
    if (!run) return;
    run.stopRequested = true;
    if (!run.id) return;
    const id = run.id;
    setMessages((list) =>
      list.map((m) => (m.id === id && m.status === 'streaming' ? { ...m, status: 'interrupted' } : m)),
    );
    void stopReply({ chatId, messageId: id });
    run.abort.abort();
  }, [chatId, setMessages]);

  return { busy, streamReply, stop };
}
