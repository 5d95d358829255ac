'use client';

// The composer's attachment controls: the paperclip button (a hidden multi-file input), the list of files being
// uploaded or ready, each with its progress, its refusal and a Remove button, and the drop and paste handlers.
import { useId, useRef, type ClipboardEvent, type DragEvent } from 'react';
import { formatBytes } from '@/lib/attachments/rules';
import type { Uploads } from './use-uploads';

const accept = '.jpg,.jpeg,.png,.webp,.pdf,.json,.net,image/jpeg,image/png,image/webp,application/pdf';

export function AttachButton({ uploads }: { uploads: Uploads }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={accept}
        hidden
        aria-label="Files to attach"
        data-testid="attach-input"
        onChange={(event) => {
          uploads.add([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        aria-label="Attach files"
        title="Attach photos, datasheets or circuit files"
        data-testid="attach-button"
        className="rounded-lg border border-zinc-300 px-2.5 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <span aria-hidden="true">📎</span> Attach
      </button>
    </>
  );
}

/** Drop files anywhere on the composer, or paste them (a screenshot, a copied file) into the message box. */
export function fileDropHandlers(uploads: Uploads) {
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return {
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      uploads.add([...event.dataTransfer.files]);
    },
    onPaste: (event: ClipboardEvent) => {
      const files = [...event.clipboardData.files];
      if (files.length === 0) return;
      event.preventDefault();
      uploads.add(files);
    },
  };
}

const stateLabel = { uploading: 'Uploading', checking: 'Checking', ready: 'Ready', refused: 'Refused' } as const;

export function PendingUploads({ uploads }: { uploads: Uploads }) {
  if (uploads.uploads.length === 0) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2 px-1" aria-label="Files to send" data-testid="pending-uploads">
      {uploads.uploads.map((upload) => (
        <li
          key={upload.key}
          data-testid="pending-upload"
          data-state={upload.state}
          className={`flex max-w-full items-center gap-2 rounded-lg border px-2 py-1.5 text-xs ${
            upload.state === 'refused'
              ? 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200'
              : 'border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-800'
          }`}
        >
          {upload.previewUrl && upload.state !== 'refused' ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local blob: preview, never optimised
            <img src={upload.previewUrl} alt="" className="h-9 w-9 rounded object-cover" />
          ) : (
            <span aria-hidden="true" className="text-lg">
              📄
            </span>
          )}
          <span className="flex min-w-0 flex-col">
            <span className="max-w-48 truncate font-medium" title={upload.name}>
              {upload.name}
            </span>
            {upload.error ? (
              <span role="alert" data-testid="upload-error" className="max-w-72">
                {upload.error}
              </span>
            ) : (
              <span className="text-zinc-600 dark:text-zinc-400">
                {stateLabel[upload.state]} · {formatBytes(upload.size)}
                {upload.checked?.facts.page_count ? ` · ${upload.checked.facts.page_count} pages` : ''}
              </span>
            )}
            {upload.state === 'uploading' || upload.state === 'checking' ? (
              <progress
                className="mt-1 h-1 w-32"
                max={1}
                value={upload.state === 'checking' ? undefined : upload.progress}
                aria-label={`Upload of ${upload.name}`}
                data-testid="upload-progress"
              />
            ) : null}
          </span>
          <button
            type="button"
            onClick={() => uploads.remove(upload.key)}
            aria-label={`Remove ${upload.name}`}
            data-testid="remove-upload"
            className="rounded px-1 text-base leading-none hover:bg-zinc-200 dark:hover:bg-zinc-700"
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
