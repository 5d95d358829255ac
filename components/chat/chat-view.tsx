'use client';

// A chat's live view: one branch of the message tree, newest page server-rendered (use-chat-branch keeps it true
// through realtime), older pages loaded on scroll up with the view held still (use-scroll-anchor), links to one
// message followed (use-message-seek), the asking tab's reply streamed as it arrives (use-reply-stream). This
// component holds the handlers — optimistic sends, Edit, Regenerate, Retry, ‹ 2 / 3 › — and the markup.
import { useCallback, useEffect, useRef, useState } from 'react';
import { editMessage, sendMessage, switchBranch } from '@/app/(shell)/chat/actions';
import { branchBefore, hasOlder, lastSavedMessage, toView, type ViewMessage } from '@/lib/messages/branch-view';
import { ReplyArtifacts } from '@/components/artifacts/reply-artifacts';
import { MessageAttachments } from '@/components/attachments/message-attachments';
import { ownAttachmentHref, useMessageAttachments } from '@/components/attachments/use-message-attachments';
import { useUploads } from '@/components/attachments/use-uploads';
import type { AttachmentView } from '@/lib/attachments/types';
import type { ArtifactCard } from '@/lib/artifacts/schemas';
import type { ChatMessage } from '@/lib/messages/types';
import type { ModelPrices } from '@/lib/usage/cost';
import { useSaveWarmChatPage } from '@/lib/warm-start/use-warm-start';
import { Composer } from './composer';
import { messageActions } from './message-actions';
import { MessageEditor } from './message-editor';
import { MessageItem } from './message-item';
import { useBranchRefocus } from './use-branch-refocus';
import { useChatBranch } from './use-chat-branch';
import { useMessageSeek } from './use-message-seek';
import { useReplyStream } from './use-reply-stream';
import { useScrollAnchor } from './use-scroll-anchor';

/** Sends an action once more with the same idempotency key after a network failure: the database returns the saved row. */
async function withOneRetry<T>(call: () => Promise<T>): Promise<T | null> {
  const once = () => call().catch(() => null);
  return (await once()) ?? (await once());
}

export function ChatView({
  chatId,
  initialMessages,
  prices,
  artifactCards = {},
  initialAttachments = {},
}: {
  chatId: string;
  initialMessages: ChatMessage[];
  prices?: ModelPrices;
  /** The artifact cards of the server-rendered replies that are complete (absent: the reply asks for its own). */
  artifactCards?: Record<string, ArtifactCard[]>;
  /** The attachments of the server-rendered user messages, by message id. */
  initialAttachments?: Record<string, AttachmentView[]>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const branch = useChatBranch(chatId, initialMessages);
  const { messages, setMessages, latest, reloadBranch, outdateReloads } = branch;
  const { busy, streamReply, stop } = useReplyStream({ chatId, branch, onError: setError });
  // The next visit paints this page from IndexedDB while the server renders (lib/warm-start).
  useSaveWarmChatPage(chatId, messages);
  const { attachmentsFor, remember } = useMessageAttachments(messages, initialAttachments);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // A chat opened right after its first send (or reloaded before any reply) asks for the reply now.
    const last = initialMessages.at(-1);
    if (last?.role !== 'user') return;
    queueMicrotask(() => {
      const reply = streamReply({ replyTo: last.id });
      // Its files (a first message sent from `/`) are analysed once that reply has ended, as after a send here.
      const files = initialAttachments[last.id];
      if (files?.some((a) => a.processing_status === 'pending')) remember(last.id, files, reply);
    });
  }, [initialMessages, initialAttachments, streamReply, remember]);
  /** The sequence number of a linked message (#m-<n>) still being looked for. */
  const seekTargetRef = useRef<number | null>(null);
  const { scrollRef, onScroll, loadOlder, loadingOlder, followEnd } = useScrollAnchor({
    chatId,
    branch,
    seekTargetRef,
    onError: setError,
  });
  useMessageSeek({ chatId, branch, seekTargetRef, loadOlder, followEnd });
  const refocusAfterSwitch = useBranchRefocus(messages);
  const uploads = useUploads(chatId);

  const onSend = async (typed: string) => {
    setError(null);
    const files = uploads.ready;
    const text = typed.trim() || `Attached ${files.map((u) => u.name).join(', ')}`;
    const idempotencyKey = crypto.randomUUID();
    const key = `user-${idempotencyKey}`;
    const parent = lastSavedMessage(latest.current);
    followEnd(true);
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
    const result = await withOneRetry(() =>
      sendMessage({
        chatId,
        content: text,
        idempotencyKey,
        parentId: parent?.id,
        attachments: files.length ? files.map((u) => ({ storagePath: u.storagePath!, name: u.name })) : undefined,
      }),
    );
    if (!result || !result.ok) {
      setMessages((list) => list.filter((m) => m.key !== key));
      setError(result && !result.ok ? result.error.message : 'Could not send: check your connection and try again.');
      return false;
    }
    const saved = result.message;
    uploads.clear();
    setMessages((list) => {
      if (list.some((m) => m.id === saved.id)) return list.filter((m) => m.key !== key);
      return list.map((m) => (m.key === key ? { ...toView(saved), key } : m));
    });
    const reply = streamReply({ replyTo: saved.id });
    if ('attachments' in result) remember(saved.id, result.attachments, reply);
    return true;
  };

  const onEdit = async (message: ViewMessage, text: string) => {
    setError(null);
    const idempotencyKey = crypto.randomUUID();
    const result = await withOneRetry(() =>
      editMessage({ chatId, messageId: message.id!, content: text, idempotencyKey }),
    );
    if (!result || !result.ok) {
      setError(
        result && !result.ok ? result.error.message : 'Could not save the edit: check your connection and try again.',
      );
      return false;
    }
    const saved = result.message;
    setEditing(null);
    outdateReloads(); // a reload that started before the edit was saved would show the old branch
    followEnd(true);
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
    void streamReply({ replyTo: saved.id });
    return true;
  };

  const onRegenerate = (message: ViewMessage) => {
    if (!message.id || !message.parent_id) return;
    setError(null);
    followEnd(true);
    outdateReloads();
    setMessages((list) => branchBefore(list, message.id!));
    void streamReply({ replyTo: message.parent_id, regenerate: { siblings: message.sibling_count + 1 } });
  };

  const onSwitch = useCallback(
    async (message: ViewMessage, step: -1 | 1) => {
      setError(null);
      const result = await switchBranch({ chatId, messageId: message.id!, step }).catch(() => null);
      if (!result || !result.ok) {
        setError(
          result && !result.ok
            ? result.error.message
            : 'Could not switch branches: check your connection and try again.',
        );
        return;
      }
      followEnd(false);
      refocusAfterSwitch(message, step);
      await reloadBranch();
    },
    [chatId, followEnd, refocusAfterSwitch, reloadBranch],
  );

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
              actions={
                editing === m.key
                  ? null
                  : messageActions({
                      message: m,
                      busy,
                      editing: editing !== null,
                      onEdit: () => setEditing(m.key),
                      onRegenerate: () => onRegenerate(m),
                      onSwitch: (step) => void onSwitch(m, step),
                    })
              }
              artifacts={
                m.role === 'assistant' ? (
                  <ReplyArtifacts
                    chatId={chatId}
                    messageId={m.id}
                    status={m.status}
                    initial={m.id ? artifactCards[m.id] : undefined}
                  />
                ) : (
                  <MessageAttachments attachments={attachmentsFor(m.id)} hrefFor={ownAttachmentHref} canRetry />
                )
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
        <Composer onSend={onSend} busy={busy} onStop={stop} autoFocus uploads={uploads} />
      </div>
    </div>
  );
}
