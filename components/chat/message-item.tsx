// One message: who wrote it (agent, model, intent, tokens), its Markdown, and its state while streaming. The chat
// view adds an editor in place of the text and a row of actions (branches, Edit, Regenerate, Retry) below it.
import type { ReactNode } from 'react';
import { describeAgent } from '@/lib/agents/registry';
import type { PaintedMessage } from '@/lib/messages/types';
import { describeUsage, type ModelPrice } from '@/lib/usage/cost';
import { Markdown } from './markdown';

export function MessageItem({
  message,
  price,
  editor,
  actions,
  artifacts,
}: {
  message: PaintedMessage;
  price?: ModelPrice;
  editor?: ReactNode;
  actions?: ReactNode;
  /** The cards of the artifact versions this reply wrote. */
  artifacts?: ReactNode;
}) {
  const isUser = message.role === 'user';
  const agent = describeAgent(message.agent_name);
  return (
    <article
      id={`m-${message.sequence_number}`}
      data-testid={`${message.role}-message`}
      data-role={message.role}
      data-sequence={message.sequence_number}
      data-status={message.status}
      aria-label={isUser ? 'You said' : `${agent.label} replied`}
      tabIndex={-1}
      className={`scroll-mt-4 outline-none ${isUser ? (editor ? 'ml-auto w-[85%]' : 'ml-auto max-w-[85%]') : 'max-w-full'}`}
    >
      {!isUser ? (
        <p className="mb-1 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <span aria-hidden="true">{agent.icon}</span>
          <span className="font-medium text-zinc-700 dark:text-zinc-300" data-testid="agent-label">
            {agent.label}
          </span>
          {message.agent_model ? <span>{message.agent_model}</span> : null}
          {message.intent ? <span className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{message.intent}</span> : null}
          {message.status === 'complete' && message.output_tokens > 0 ? (
            <span title={describeUsage(message, price)} data-testid="message-usage">
              {(message.input_tokens + message.output_tokens).toLocaleString('en-US')} tokens
            </span>
          ) : null}
        </p>
      ) : null}
      {editor ??
        (isUser ? (
          <p className="whitespace-pre-wrap break-words rounded-2xl bg-zinc-100 px-4 py-2 dark:bg-zinc-800">
            {message.content}
          </p>
        ) : (
          <Markdown>{message.content || ' '}</Markdown>
        ))}
      {artifacts}
      {message.status === 'streaming' ? <span className="sr-only">OHM is still writing this reply</span> : null}
      {message.status === 'interrupted' ? (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">Stopped before the end.</p>
      ) : null}
      {message.status === 'error' ? (
        <p className="mt-1 text-xs text-red-700 dark:text-red-400">This reply failed.</p>
      ) : null}
      {actions ? <div className={`mt-1 flex items-center gap-2 ${isUser ? 'justify-end' : ''}`}>{actions}</div> : null}
    </article>
  );
}
