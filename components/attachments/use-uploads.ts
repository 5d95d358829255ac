'use client';

// The composer's files until they are sent: each goes straight from the browser to Storage (XMLHttpRequest, for
// its progress events) under the user's own folder with their session, is then checked by content on the server
// (checkUpload: a refused file is removed there), and can be taken back (removeUpload) before sending.
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkUpload, removeUpload } from '@/app/(shell)/chat/[id]/actions';
import {
  attachmentKey,
  claimedTypeFor,
  displayName,
  maxAttachmentsPerMessage,
  refusalBeforeUpload,
} from '@/lib/attachments/rules';
import type { CheckedUpload } from '@/lib/attachments/types';
import { publicEnv } from '@/lib/env';
import { createClient } from '@/lib/supabase/client';

export type PendingUpload = {
  key: string;
  name: string;
  size: number;
  /** A local preview of an image, before (and instead of) the server's thumbnail. */
  previewUrl: string | null;
  state: 'uploading' | 'checking' | 'ready' | 'refused';
  /** 0..1 while uploading. */
  progress: number;
  error: string | null;
  storagePath: string | null;
  checked: CheckedUpload | null;
};

function putObject({
  path,
  file,
  type,
  accessToken,
  onProgress,
}: {
  path: string;
  file: File;
  type: string;
  accessToken: string;
  onProgress: (fraction: number) => void;
}): Promise<string | null> {
  const env = publicEnv();
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${env.NEXT_PUBLIC_SUPABASE_URL}/storage/v1/object/attachments/${encodeURI(path)}`);
    xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
    xhr.setRequestHeader('apikey', env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY);
    xhr.setRequestHeader('content-type', type);
    xhr.setRequestHeader('cache-control', 'max-age=3600');
    xhr.setRequestHeader('x-upsert', 'false');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(null);
      let message = 'The upload was refused.';
      try {
        message = (JSON.parse(xhr.responseText) as { message?: string }).message ?? message;
      } catch {}
      resolve(message);
    };
    xhr.onerror = () => resolve('The upload failed: check your connection and try again.');
    xhr.send(file);
  });
}

export function useUploads(chatId: string) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  // What the callbacks read (a file taken back while being checked, the count left): kept after each render.
  const latest = useRef(uploads);
  useEffect(() => {
    latest.current = uploads;
  }, [uploads]);
  const update = useCallback(
    (key: string, change: Partial<PendingUpload>) =>
      setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u))),
    [],
  );

  const start = useCallback(
    async (file: File, key: string) => {
      const type = claimedTypeFor(file.name)!;
      const { data } = await createClient().auth.getSession();
      const session = data.session;
      if (!session) return update(key, { state: 'refused', error: 'Sign in again to attach files.' });
      const path = attachmentKey({ userId: session.user.id, chatId, id: crypto.randomUUID(), name: file.name });
      update(key, { storagePath: path });
      const failure = await putObject({
        path,
        file,
        type,
        accessToken: session.access_token,
        onProgress: (progress) => update(key, { progress }),
      });
      if (failure) return update(key, { state: 'refused', error: failure });
      update(key, { state: 'checking', progress: 1 });
      const result = await checkUpload({ chatId, storagePath: path, name: file.name }).catch(() => null);
      if (!latest.current.some((u) => u.key === key)) return; // taken back while it was being checked
      if (result?.ok) update(key, { state: 'ready', checked: result.upload });
      else
        update(key, {
          state: 'refused',
          storagePath: null,
          error: result ? result.error.message : 'It could not be checked. Remove it and try again.',
        });
    },
    [chatId, update],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = maxAttachmentsPerMessage - latest.current.filter((u) => u.state !== 'refused').length;
      const added: PendingUpload[] = files.map((file, index) => {
        const refusal =
          index >= room
            ? `${displayName(file.name)}: a message can carry at most ${maxAttachmentsPerMessage} files.`
            : refusalBeforeUpload(file.name, file.size);
        return {
          key: crypto.randomUUID(),
          name: displayName(file.name),
          size: file.size,
          previewUrl: !refusal && file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          state: refusal ? 'refused' : 'uploading',
          progress: 0,
          error: refusal,
          storagePath: null,
          checked: null,
        };
      });
      setUploads((list) => [...list, ...added]);
      added.forEach((upload, index) => upload.state === 'uploading' && void start(files[index], upload.key));
    },
    [start],
  );

  const remove = useCallback((key: string) => {
    const upload = latest.current.find((u) => u.key === key);
    if (upload?.previewUrl) URL.revokeObjectURL(upload.previewUrl);
    setUploads((list) => list.filter((u) => u.key !== key));
    if (upload?.storagePath) void removeUpload({ storagePath: upload.storagePath }).catch(() => undefined);
  }, []);

  /** After a send: the files now belong to the message, so they are forgotten here, never removed. */
  const clear = useCallback(() => {
    for (const upload of latest.current) if (upload.previewUrl) URL.revokeObjectURL(upload.previewUrl);
    setUploads([]);
  }, []);

  useEffect(() => () => latest.current.forEach((u) => u.previewUrl && URL.revokeObjectURL(u.previewUrl)), []);

  return {
    uploads,
    add,
    remove,
    clear,
    ready: uploads.filter((u) => u.state === 'ready'),
    busy: uploads.some((u) => u.state === 'uploading' || u.state === 'checking'),
  };
}

export type Uploads = ReturnType<typeof useUploads>;
