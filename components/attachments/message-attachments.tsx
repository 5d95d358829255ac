'use client';

// A message's attachments: image thumbnails that open a viewer, PDFs as a card (page count, the first words of
// page 1), circuit files as a card, each with its analysis status (and Retry when it failed). Every file is
// reached through a route that mints a fresh signed URL (`hrefFor`), so nothing here expires.
import { useRef, useState } from 'react';
import { attachmentLimits, formatBytes } from '@/lib/attachments/rules';
import type { AttachmentVariant, AttachmentView } from '@/lib/attachments/types';
import { analysable, requestAnalysis, type AnalysisPatch } from './analysis';

type HrefFor = (id: string, variant: AttachmentVariant) => string;

const statusLabel = {
  pending: 'Waiting for analysis',
  processing: 'Analysing…',
  done: 'Analysed',
  failed: 'Analysis failed',
} as const;

function Status({ attachment, canRetry }: { attachment: AttachmentView; canRetry: boolean }) {
  const [retried, setRetried] = useState<AnalysisPatch | null>(null);
  if (!analysable(attachment)) return null;
  const shown = { ...attachment, ...retried };
  const status = shown.processing_status;
  // The summary is the analysis message's first paragraph; its markdown emphasis reads fine as plain text.
  const said = status === 'done' ? shown.analysis?.summary : status === 'failed' ? shown.processing_error : null;
  return (
    <span
      className="flex max-w-72 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400"
      data-testid="attachment-status"
      data-status={status}
    >
      <span className="flex items-center gap-2">
        {statusLabel[status]}
        {status === 'failed' && canRetry ? (
          <button
            type="button"
            className="rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-700"
            onClick={async () => setRetried(await requestAnalysis(attachment.id, 'processing'))}
          >
            Retry
          </button>
        ) : null}
      </span>
      {said ? (
        <span className="line-clamp-3" data-testid="attachment-analysis">
          {said.split('\n')[0].replace(/\*\*/g, '')}
        </span>
      ) : null}
    </span>
  );
}

function ImageViewer({ attachment, hrefFor }: { attachment: AttachmentView; hrefFor: HrefFor }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const { width, height } = attachment.metadata;
  return (
    <figure className="flex flex-col gap-1">
      <button
        type="button"
        onClick={() => {
          setOpened(true);
          dialog.current?.showModal();
        }}
        aria-label={`View ${attachment.filename}`}
        data-testid="attachment-thumbnail"
        className="overflow-hidden rounded-lg border border-zinc-300 dark:border-zinc-700"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- served through a signed-URL redirect, not optimised */}
        <img
          src={hrefFor(attachment.id, attachment.has_thumbnail ? 'thumb' : 'file')}
          alt={attachment.filename}
          width={width && height ? Math.min(240, width) : undefined}
          className="block max-h-48 w-auto max-w-60 object-cover"
        />
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpened(false)}
        aria-label={attachment.filename}
        data-testid="attachment-viewer"
        className="m-auto max-h-[95dvh] max-w-[95vw] rounded-xl bg-white p-3 backdrop:bg-black/70 dark:bg-zinc-900"
      >
        <div className="mb-2 flex items-center justify-between gap-4 text-sm">
          <span className="truncate font-medium">{attachment.filename}</span>
          <span className="text-zinc-600 dark:text-zinc-400">{width && height ? `${width} × ${height}` : ''}</span>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700"
            data-testid="close-viewer"
          >
            Close
          </button>
        </div>
        {opened ? (
          // eslint-disable-next-line @next/next/no-img-element -- the full image through a signed-URL redirect
          <img src={hrefFor(attachment.id, 'file')} alt={attachment.filename} className="max-h-[85dvh] max-w-full" />
        ) : null}
      </dialog>
    </figure>
  );
}

function FileCard({ attachment, hrefFor }: { attachment: AttachmentView; hrefFor: HrefFor }) {
  const isPdf = attachment.file_type === 'application/pdf';
  const pages = attachment.metadata.page_count;
  return (
    <div
      className="flex w-72 max-w-full flex-col gap-1 rounded-lg border border-zinc-300 bg-white p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      data-testid={isPdf ? 'attachment-pdf' : 'attachment-file'}
    >
      <a
        href={hrefFor(attachment.id, 'file')}
        target="_blank"
        rel="noopener noreferrer"
        className="flex items-center gap-2 font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
      >
        <span aria-hidden="true">{isPdf ? '📕' : '🔌'}</span>
        <span className="truncate">{attachment.filename}</span>
      </a>
      <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="attachment-facts">
        {attachmentLimits[attachment.file_type]?.label ?? attachment.file_type}
        {pages ? ` · ${pages} ${pages === 1 ? 'page' : 'pages'}` : ''} · {formatBytes(attachment.file_size)}
      </span>
      {isPdf && attachment.has_thumbnail ? (
        // eslint-disable-next-line @next/next/no-img-element -- a signed-URL redirect, sized by the server
        <img
          src={hrefFor(attachment.id, 'thumb')}
          alt={`Page 1 of ${attachment.filename}`}
          loading="lazy"
          className="max-h-48 w-full rounded border border-zinc-200 bg-white object-cover object-top dark:border-zinc-700"
          data-testid="pdf-page-image"
        />
      ) : isPdf && attachment.metadata.preview_error ? (
        <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="pdf-no-preview">
          No preview: {attachment.metadata.preview_error}.
        </span>
      ) : null}
      {isPdf && attachment.metadata.first_page_excerpt ? (
        <blockquote
          className="line-clamp-4 border-l-2 border-zinc-300 pl-2 text-xs text-zinc-700 dark:border-zinc-600 dark:text-zinc-300"
          aria-label="Page 1"
          data-testid="pdf-preview"
        >
          {attachment.metadata.first_page_excerpt}
        </blockquote>
      ) : null}
    </div>
  );
}

export function MessageAttachments({
  attachments,
  hrefFor,
  canRetry = false,
}: {
  attachments: AttachmentView[] | undefined;
  hrefFor: HrefFor;
  /** The owner's chat (Retry asks for the analysis again); a share page only shows. */
  canRetry?: boolean;
}) {
  if (!attachments?.length) return null;
  return (
    <ul className="mt-2 flex flex-wrap justify-end gap-2" aria-label="Attachments" data-testid="message-attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id} className="flex flex-col gap-1" data-testid="message-attachment">
          {attachment.file_type.startsWith('image/') ? (
            <ImageViewer attachment={attachment} hrefFor={hrefFor} />
          ) : (
            <FileCard attachment={attachment} hrefFor={hrefFor} />
          )}
          <Status attachment={attachment} canRetry={canRetry} />
        </li>
      ))}
    </ul>
  );
}
