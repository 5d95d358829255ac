// The row of actions under a saved message: ‹ 2 / 3 › when it has sibling branches, Edit for the user's own
// messages, Regenerate for a finished reply and Retry for one that was stopped or failed. A function, not a
// component: a message with no actions gets no row at all (MessageItem renders the row only when there is one).
import type { ReactNode } from 'react';
import type { ViewMessage } from '@/lib/messages/branch-view';
import { BranchSwitcher } from './branch-switcher';
import { Icon } from './icons';

const actionButton =
  'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800';

export function messageActions({
  message: m,
  busy,
  editing,
  onEdit,
  onRegenerate,
  onSwitch,
}: {
  message: ViewMessage;
  busy: boolean;
  /** Another message is being edited: one editor at a time. */
  editing: boolean;
  onEdit: () => void;
  onRegenerate: () => void;
  onSwitch: (step: -1 | 1) => void;
}): ReactNode {
  if (!m.id || m.role === 'system') return null;
  const branches =
    m.sibling_count > 1 ? (
      <BranchSwitcher index={m.sibling_index} count={m.sibling_count} disabled={busy} onStep={onSwitch} />
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
          disabled={busy || editing}
          onClick={onEdit}
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
          onClick={onRegenerate}
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
          onClick={onRegenerate}
        >
          <Icon name="regenerate" />
        </button>
      )}
    </>
  );
}
