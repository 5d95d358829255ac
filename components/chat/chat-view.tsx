'use client';

// A chat's live view in the asking tab: optimistic user messages, the agent's reply streamed as it arrives,
// Stop, and a reply started automatically when the latest message still has none.
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendMessage } from '@/app/chat/actions';
import { mergeMessages } from '@/lib/messages/merge';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/client';
import { Composer } from './composer';
import { MessageItem } from './message-item';

type ViewMessage = Pick<ChatMessage, 'role' | 'content' | 'sequence_number' | 'status' | 'agent_name' | 'agent_model' | 'intent' | 'input_tokens' | 'output_tokens'> & { key: string; id?: string };

const toView = (m: ChatMessage): ViewMessage => ({ ...m, key: m.id });

export function ChatView({ chatId, initialMessages }: { chatId: string; initialMessages: ChatMessage[] }) {
  const [messages, setMessages] = useState<ViewMessage[]>(initialMessages.map(toView));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const started = useRef(false);
  const endRef = useRef<HTMLDivElement>(null);
  const latest = useRef(messages);
  useEffect(() => {
    latest.current = messages;
  }, [messages]);

  // Live tabs: realtime is a hint, the database is the log. On every (re)subscription fetch what came after the
  // last message this tab holds; merge by sequence number so nothing is missed or shown twice.
  useEffect(() => {
    const supabase = createClient();
    const merge = (records: unknown[]) => setMessages((list) => mergeMessages(list, records as Parameters<typeof mergeMessages<ViewMessage>>[1]));
    const channel = supabase.channel(`chat:${chatId}:messages`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, ({ payload }) => {
      const record = (payload as { record?: unknown }).record;
      if (record) merge([record]);
    });
    channel.subscribe(async (status) => {
      if (status !== 'SUBSCRIBED') return;
      const after = latest.current.filter((m) => m.id).reduce((max, m) => Math.max(max, m.sequence_number), 0);
      const { data } = await supabase.rpc('get_messages_after', { p_chat_id: chatId, p_after_sequence: after, p_limit: 200 });
      if (data?.length) merge(data);
    });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [chatId]);

  const streamReply = useCallback(async () => {
    const abort = new AbortController();
    abortRef.current = abort;
    setBusy(true);
    const key = `reply-${Date.now()}`;
    setMessages((list) => [...list, { key, role: 'assistant', content: '', status: 'streaming', sequence_number: (list.at(-1)?.sequence_number ?? 0) + 1, agent_name: 'conversational', agent_model: null, intent: null, input_tokens: 0, output_tokens: 0 }]);
    let status: ViewMessage['status'] = 'complete';
    try {
      const res = await fetch(`/api/chat/${chatId}/reply`, { method: 'POST', signal: abort.signal });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The reply failed (${res.status}).`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        setMessages((list) => list.map((m) => (m.key === key ? { ...m, content: m.content + value } : m)));
      }
    } catch (failure) {
      status = abort.signal.aborted ? 'interrupted' : 'error';
      if (!abort.signal.aborted) setError(failure instanceof Error ? failure.message : 'The reply failed.');
    } finally {
      // An empty stream means another tab is already answering: its saved reply arrives through realtime.
      setMessages((list) => list.flatMap((m) => (m.key !== key ? [m] : m.content === '' && status === 'complete' && !m.id ? [] : [{ ...m, status }])));
      setBusy(false);
      abortRef.current = null;
    }
  }, [chatId]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // A chat opened right after its first send (or reloaded before any reply) asks for the reply now.
    if (initialMessages.at(-1)?.role === 'user') queueMicrotask(() => void streamReply());
  }, [initialMessages, streamReply]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  const onSend = async (text: string) => {
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    const key = `user-${idempotencyKey}`;
    setMessages((list) => [...list, { key, role: 'user', content: text, status: 'complete', sequence_number: (list.at(-1)?.sequence_number ?? 0) + 1, agent_name: null, agent_model: null, intent: null, input_tokens: 0, output_tokens: 0 }]);
    let result = await sendMessage({ chatId, content: text, idempotencyKey }).catch(() => null);
    // One retry with the same key after a network failure: the database returns the saved row instead of a copy.
    if (!result) result = await sendMessage({ chatId, content: text, idempotencyKey }).catch(() => null);
    if (!result || !result.ok) {
      setMessages((list) => list.filter((m) => m.key !== key));
      setError(result && !result.ok ? result.error.message : 'Could not send: check your connection and try again.');
      return false;
    }
    const saved = result.message;
    setMessages((list) => list.map((m) => (m.key === key ? { ...toView(saved), key } : m)));
    void streamReply();
    return true;
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex-1 overflow-y-auto px-4 py-6" data-testid="message-list">
        <div className="mx-auto flex max-w-3xl flex-col gap-6">
          {messages.map((m) => (
            <MessageItem key={m.key} message={m} />
          ))}
          <div ref={endRef} />
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        {error ? (
          <p role="alert" className="mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        ) : null}
        <Composer onSend={onSend} busy={busy} onStop={() => abortRef.current?.abort()} autoFocus />
      </div>
    </div>
  );
}
