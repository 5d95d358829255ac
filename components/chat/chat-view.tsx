'use client';

// A chat's live view: one branch of the message tree (lib/messages/branch-view), newest page server-rendered and
// older pages loaded on scroll up with the view held still; optimistic sends; the asking tab's reply streamed as it
// arrives; Edit, Regenerate, Retry and ‹ 2 / 3 › branches; every other change followed through realtime; and
// replies whose writer went silent settled by the database (interrupt_stale_replies) instead of spinning forever.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { editMessage, sendMessage, stopReply, switchBranch } from '@/app/chat/actions';
import {
  branchBefore,
  foldMessage,
  hasOlder,
  lastSavedMessage,
  prependOlder,
  replaceNewest,
  toView,
  type SavedMessage,
  type ViewMessage,
} from '@/lib/messages/branch-view';
import type { ArtifactCard } from '@/lib/artifacts/schemas';
import type { ChatMessage } from '@/lib/messages/types';
import { createClient } from '@/lib/supabase/client';
import type { ModelPrices } from '@/lib/usage/cost';
import { ReplyArtifacts } from '@/components/artifacts/reply-artifacts';
import { BranchSwitcher } from './branch-switcher';
import { Composer } from './composer';
import { Icon } from './icons';
import { MessageEditor } from './message-editor';
import { MessageItem } from './message-item';

export const pageSize = 50;
/** Pages fetched while looking for a linked message (#m-<n>) above the loaded ones: the largest get_chat_page allows. */
const searchPageSize = 200;
/** A streaming reply silent for this long may have lost its writer: ask the database (private.reply_stale_after is 30 s). */
const silentReplyMs = 35_000;
/** How close to the top a scroll has to come to load the previous page. */
const loadOlderWithinPx = 200;

type StreamRun = { abort: AbortController; id?: string; stopRequested: boolean };

const reversed = (rows: unknown) => (rows as SavedMessage[]).slice().reverse();

export function ChatView({
  chatId,
  initialMessages,
  prices,
  artifactCards = {},
}: {
  chatId: string;
  initialMessages: ChatMessage[];
  prices?: ModelPrices;
  /** The artifact cards of the server-rendered replies that are complete (absent: the reply asks for its own). */
  artifactCards?: Record<string, ArtifactCard[]>;
}) {
  const [messages, setMessages] = useState<ViewMessage[]>(() => initialMessages.map(toView));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [supabase] = useState(createClient);
  const latest = useRef(messages);
  const streaming = useRef<StreamRun | null>(null);
  const started = useRef(false);
  const olderInFlight = useRef(false);
  const reloads = useRef(0);
  /** When this tab last saw each message change (its updated_at), by the tab's own clock. */
  const heard = useRef(new Map<string, { updatedAt?: string; at: number }>());
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);
  /** The sequence number of a linked message (#m-<n>) still being looked for. */
  const target = useRef<number | null>(null);
  /** The linked message already made us show its branch: never switch twice for one link. */
  const branchSwitchedFor = useRef<number | null>(null);
  /** After a branch switch, the switcher of the branch now shown gets the keyboard focus the old one had. */
  const refocus = useRef<{ parentId: string | null; role: ViewMessage['role']; label: string } | null>(null);
  useEffect(() => {
    latest.current = messages;
  }, [messages]);

  const noteHeard = useCallback((records: SavedMessage[]) => {
    for (const r of records) {
      if (heard.current.get(r.id)?.updatedAt !== r.updated_at)
        heard.current.set(r.id, { updatedAt: r.updated_at, at: Date.now() });
    }
  }, []);

  // The database decides which branch is active: fetch its newest page and swap it in below any older pages.
  // Reloads can overlap (realtime, the end of a stream, a switch): only the latest one started is applied.
  const reloadBranch = useCallback(async () => {
    const mine = ++reloads.current;
    const { data, error: failure } = await supabase.rpc('get_chat_page', { p_chat_id: chatId, p_limit: pageSize });
    if (failure || !data || mine !== reloads.current) return;
    const page = reversed(data);
    noteHeard(page);
    setMessages((list) => replaceNewest(list, page));
  }, [chatId, supabase, noteHeard]);

  const fold = useCallback(
    (records: SavedMessage[], inserted: boolean) => {
      noteHeard(records);
      setMessages((list) => {
        let reload = false;
        const next = records.reduce((acc, record) => {
          const out = foldMessage(acc, record, inserted);
          reload ||= out.reload;
          return out.list;
        }, list);
        if (reload) queueMicrotask(() => void reloadBranch());
        return next;
      });
    },
    [reloadBranch, noteHeard],
  );

  // Live tabs: realtime is a hint, the database is the log. Every (re)subscription reloads the active branch, so
  // nothing said while the socket was down is missed, and folding by id shows nothing twice.
  useEffect(() => {
    const channel = supabase.channel(`chat:${chatId}:messages`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, ({ event, payload }) => {
      if (event === 'active_leaf_changed') {
        if (lastSavedMessage(latest.current)?.id !== (payload as { active_leaf_id?: string }).active_leaf_id)
          void reloadBranch();
        return;
      }
      const record = (payload as { record?: SavedMessage }).record;
      if (record) fold([record], event === 'INSERT');
    });
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') void reloadBranch();
    });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [chatId, supabase, fold, reloadBranch]);

  // A reply that stays `streaming` without a word for too long: the database marks it interrupted if its writer
  // really is gone (the rule and its limit live in SQL); this tab only asks.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const silent = latest.current.some((m) => {
        if (m.status !== 'streaming' || !m.id || m.id === streaming.current?.id) return false;
        if (!heard.current.has(m.id)) heard.current.set(m.id, { updatedAt: m.updated_at, at: now });
        return now - heard.current.get(m.id)!.at > silentReplyMs;
      });
      if (!silent) return;
      void supabase.rpc('interrupt_stale_replies', { p_chat_id: chatId }).then(({ data }) => {
        if (data?.length) fold(data as unknown as SavedMessage[], false);
      });
    }, 5_000);
    return () => clearInterval(timer);
  }, [chatId, supabase, fold]);

  const streamReply = useCallback(
    async (regenerate?: { replyTo: string; siblings: number }) => {
      const run: StreamRun = { abort: new AbortController(), stopRequested: false };
      streaming.current = run;
      setBusy(true);
      setError(null);
      let text = '';
      try {
        const res = await fetch(`/api/chat/${chatId}/reply`, {
          method: 'POST',
          signal: run.abort.signal,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(regenerate ? { replyTo: regenerate.replyTo, key: crypto.randomUUID() } : {}),
        });
        // 409: another tab is already answering this message; its reply arrives through realtime.
        if (res.status === 409) return;
        if (!res.ok || !res.body) {
          const body = (await res.json().catch(() => null)) as { message?: string } | null;
          throw new Error(body?.message ?? `The reply failed (${res.status}).`);
        }
        const id = res.headers.get('X-Reply-Id')!;
        run.id = id;
        if (run.stopRequested) {
          void stopReply({ chatId, messageId: id });
          run.abort.abort();
        }
        const reply: ViewMessage = {
          key: id,
          id,
          parent_id: regenerate?.replyTo ?? lastSavedMessage(latest.current)?.id ?? null,
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
          setError(
            failure instanceof Error && failure.message !== 'Failed to fetch'
              ? failure.message
              : 'The reply was cut off: check your connection.',
          );
      } finally {
        streaming.current = null;
        setBusy(false);
        // The saved reply is the truth (final status, token counts), whether or not realtime is connected.
        void reloadBranch();
      }
    },
    [chatId, reloadBranch],
  );

  const onStop = () => {
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
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // A chat opened right after its first send (or reloaded before any reply) asks for the reply now.
    if (initialMessages.at(-1)?.role === 'user') queueMicrotask(() => void streamReply());
  }, [initialMessages, streamReply]);

  const loadOlder = useCallback(
    async (limit = pageSize) => {
      const first = latest.current[0];
      if (olderInFlight.current || !first?.id || !hasOlder(latest.current)) return;
      olderInFlight.current = true;
      setLoadingOlder(true);
      try {
        const { data, error: failure } = await supabase.rpc('get_chat_page', {
          p_chat_id: chatId,
          p_before_sequence: first.sequence_number,
          p_limit: limit,
        });
        if (failure || !data) {
          setError('Could not load older messages. Scroll up to try again.');
          return;
        }
        const el = scrollRef.current;
        if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
        setMessages((list) => prependOlder(list, reversed(data)));
      } finally {
        olderInFlight.current = false;
        setLoadingOlder(false);
      }
    },
    [chatId, supabase],
  );

  // Scrolling: a prepended page keeps what the reader looks at in place; new text at the end is followed only
  // while the reader is at the end.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
      if (el.scrollTop < loadOlderWithinPx && target.current === null) queueMicrotask(() => void loadOlder());
    } else if (atBottom.current && target.current === null) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, loadOlder]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < loadOlderWithinPx) void loadOlder();
  };

  // A link to one message (#m-<n>, as search results link): load older pages until it is there, then show it.
  const seek = useCallback(() => {
    const wanted = target.current;
    if (wanted === null) return;
    const el = document.getElementById(`m-${wanted}`);
    if (el) {
      target.current = null;
      atBottom.current = false;
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      return;
    }
    const list = latest.current;
    if (list[0] && hasOlder(list) && list[0].sequence_number > wanted) {
      void loadOlder(searchPageSize);
      return;
    }
    // Not on the branch shown: show the branch through it (once), then look again; or it is not in this chat.
    if (branchSwitchedFor.current === wanted) {
      target.current = null;
      return;
    }
    branchSwitchedFor.current = wanted;
    void (async () => {
      const { data: found } = await supabase
        .from('messages')
        .select('id')
        .eq('chat_id', chatId)
        .eq('sequence_number', wanted)
        .maybeSingle();
      const { error: failure } = found
        ? await supabase.rpc('switch_branch', { p_chat_id: chatId, p_message_id: found.id })
        : { error: true };
      if (failure) target.current = null;
      else await reloadBranch();
    })();
  }, [chatId, supabase, loadOlder, reloadBranch]);
  useEffect(() => {
    const read = () => {
      const match = /^#m-(\d+)$/.exec(window.location.hash);
      target.current = match ? Number(match[1]) : null;
      seek();
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [seek]);
  useEffect(() => {
    seek();
  }, [messages, seek]);

  const onSend = async (text: string) => {
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    const key = `user-${idempotencyKey}`;
    const parent = lastSavedMessage(latest.current);
    atBottom.current = true;
    setMessages((list) => [
      ...list,
      {
        key,
        role: 'user',
        content: text,
        status: 'complete',
        parent_id: parent?.id ?? null,
        sequence_number: Math.max(0, ...list.map((m) => m.sequence_number)) + 1,
        agent_name: null,
        agent_model: null,
        intent: null,
        input_tokens: 0,
        output_tokens: 0,
        sibling_count: 1,
        sibling_index: 1,
      },
    ]);
    const send = () => sendMessage({ chatId, content: text, idempotencyKey, parentId: parent?.id }).catch(() => null);
    // One retry with the same key after a network failure: the database returns the saved row instead of a copy.
    const result = (await send()) ?? (await send());
    if (!result || !result.ok) {
      setMessages((list) => list.filter((m) => m.key !== key));
      setError(result && !result.ok ? result.error.message : 'Could not send: check your connection and try again.');
      return false;
    }
    const saved = result.message;
    setMessages((list) => {
      if (list.some((m) => m.id === saved.id)) return list.filter((m) => m.key !== key);
      return list.map((m) => (m.key === key ? { ...toView(saved), key } : m));
    });
    void streamReply();
    return true;
  };

  const onEdit = async (message: ViewMessage, text: string) => {
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    const edit = () => editMessage({ chatId, messageId: message.id!, content: text, idempotencyKey }).catch(() => null);
    const result = (await edit()) ?? (await edit());
    if (!result || !result.ok) {
      setError(
        result && !result.ok ? result.error.message : 'Could not save the edit: check your connection and try again.',
      );
      return false;
    }
    const saved = result.message;
    setEditing(null);
    reloads.current++; // a reload that started before the edit was saved would show the old branch
    atBottom.current = true;
    const edited: ViewMessage = {
      ...toView(saved),
      sibling_count: message.sibling_count + 1,
      sibling_index: message.sibling_count + 1,
    };
    setMessages((list) => {
      // Realtime may have been faster than the action: the branch is then already shown (or being reloaded).
      if (list.some((m) => m.id === saved.id)) return list;
      if (!list.some((m) => m.id === message.id)) {
        queueMicrotask(() => void reloadBranch());
        return list;
      }
      return [...branchBefore(list, message.id!), edited];
    });
    void streamReply();
    return true;
  };

  const onRegenerate = (message: ViewMessage) => {
    if (!message.id || !message.parent_id) return;
    setError(null);
    atBottom.current = true;
    reloads.current++;
    setMessages((list) => branchBefore(list, message.id!));
    void streamReply({ replyTo: message.parent_id, siblings: message.sibling_count + 1 });
  };

  const onSwitch = async (message: ViewMessage, step: -1 | 1) => {
    setError(null);
    const result = await switchBranch({ chatId, messageId: message.id!, step }).catch(() => null);
    if (!result || !result.ok) {
      setError(
        result && !result.ok ? result.error.message : 'Could not switch branches: check your connection and try again.',
      );
      return;
    }
    atBottom.current = false;
    refocus.current = {
      parentId: message.parent_id,
      role: message.role,
      label: step < 0 ? 'Previous branch' : 'Next branch',
    };
    await reloadBranch();
  };

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

  const actionButton =
    'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800';
  const actionsFor = (m: ViewMessage) => {
    if (!m.id || m.role === 'system') return null;
    const branches =
      m.sibling_count > 1 ? (
        <BranchSwitcher
          index={m.sibling_index}
          count={m.sibling_count}
          disabled={busy}
          onStep={(step) => void onSwitch(m, step)}
        />
      ) : null;
    if (m.role === 'user') {
      return (
        <>
          {branches}
          <button
            type="button"
            aria-label="Edit"
            title="Edit"
            className={actionButton}
            disabled={busy || editing !== null}
            onClick={() => setEditing(m.key)}
          >
            <Icon name="edit" />
          </button>
        </>
      );
    }
    if (m.status === 'streaming') return branches;
    const settledBadly = m.status === 'interrupted' || m.status === 'error';
    return (
      <>
        {branches}
        {settledBadly ? (
          <button
            type="button"
            className={`${actionButton} font-medium text-sky-800 dark:text-sky-300`}
            disabled={busy}
            onClick={() => onRegenerate(m)}
          >
            Retry
          </button>
        ) : (
          <button
            type="button"
            aria-label="Regenerate"
            title="Regenerate"
            className={actionButton}
            disabled={busy}
            onClick={() => onRegenerate(m)}
          >
            <Icon name="regenerate" />
          </button>
        )}
      </>
    );
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        className="flex-1 overflow-y-auto px-4 py-6 [overflow-anchor:none]"
        data-testid="message-list"
      >
        <div className="mx-auto flex max-w-3xl flex-col gap-6">
          <p
            className="h-5 text-center text-xs text-zinc-500 dark:text-zinc-400"
            data-testid="history-start"
            aria-live="polite"
          >
            {loadingOlder
              ? 'Loading older messages…'
              : messages.length > 0 && !hasOlder(messages)
                ? 'Start of the chat'
                : ''}
          </p>
          {messages.map((m) => (
            <MessageItem
              key={m.key}
              message={m}
              price={m.agent_model ? prices?.[m.agent_model] : undefined}
              editor={
                editing === m.key ? (
                  <MessageEditor
                    initial={m.content}
                    onCancel={() => setEditing(null)}
                    onSave={(text) => onEdit(m, text)}
                  />
                ) : undefined
              }
              actions={editing === m.key ? null : actionsFor(m)}
              artifacts={
                m.role === 'assistant' ? (
                  <ReplyArtifacts
                    chatId={chatId}
                    messageId={m.id}
                    status={m.status}
                    initial={m.id ? artifactCards[m.id] : undefined}
                  />
                ) : null
              }
            />
          ))}
        </div>
      </div>
      <div className="mx-auto w-full max-w-3xl px-4 pb-4">
        {error ? (
          <p
            role="alert"
            data-testid="chat-error"
            className="mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {error}
          </p>
        ) : null}
        <Composer onSend={onSend} busy={busy} onStop={onStop} autoFocus />
      </div>
    </div>
  );
}
