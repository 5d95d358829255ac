'use client';

// Inline editor for a user message: saving sends the new text as a new branch beside the original.
import { useState } from 'react';
import { maxMessageLength } from '@/lib/messages/schemas';
import { isSendKey } from './send-key';

export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const tooLong = text.length > maxMessageLength;
  const save = async () => {
    if (saving || tooLong || text.trim() === '') return;
    setSaving(true);
    if (!(await onSave(text))) setSaving(false);
  };
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        aria-label="Edit message"
        autoFocus
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          if (isSendKey(event)) {
            event.preventDefault();
            void save();
          }
        }}
        className="w-full resize-y rounded-lg border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex items-center justify-end gap-2 text-sm">
        {tooLong ? (
          <span className="mr-auto text-xs text-red-700 dark:text-red-400">
            Too long: {text.length.toLocaleString('en-US')} / {maxMessageLength.toLocaleString('en-US')} characters
          </span>
        ) : null}
        <button
          type="button"
          onClick={onCancel}
          className="rounded-lg border border-zinc-300 px-3 py-1 dark:border-zinc-700"
        >
          Cancel
        </button>
        <button
          type="submit"
          disabled={saving || tooLong || text.trim() === ''}
          className="rounded-lg bg-sky-700 px-3 py-1 font-medium text-white disabled:opacity-40"
        >
          Save
        </button>
      </div>
    </form>
  );
}
