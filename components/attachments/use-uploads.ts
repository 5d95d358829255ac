'use client';

// The composer's files until they are sent: each goes straight from the browser to Storage (XMLHttpRequest, for
// its progress events) under the user's own folder with their session, is then checked by content on the server
// (checkUpload: a refused file is removed there), and can be taken back (removeUpload) before sending. On `/` the
// chat does not exist yet: the keys carry the id the first send creates it with (sendMessage's newChatId), and a
// visitor without a session becomes a guest at their first file. Files never sent are removed when the composer
// goes away (another page, the tab closed), so an abandoned draft leaves no objects behind.
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkUpload, removeUpload, startUploads } from '@/app/(shell)/chat/[id]/actions';
import {
  attachmentKey,
  bucketFor,
  claimedTypeFor,
  displayName,
  maxAttachmentsPerMessage,
  refusalBeforeUpload,
  sizeRefusal,
  thumbnailKey,
  type AttachmentType,
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
  type: AttachmentType;
  accessToken: string;
  onProgress: (fraction: number) => void;
}): Promise<string | null> {
  const env = publicEnv();
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${env.NEXT_PUBLIC_SUPABASE_URL}/storage/v1/object/${bucketFor(type)}/${encodeURI(path)}`);
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
        const body = JSON.parse(xhr.responseText) as { message?: string; statusCode?: string };
        // The bucket's own limit for the kind (a file grown since it was picked): said as the app says it.
        message = body.statusCode === '413' ? sizeRefusal(type, file.size) : (body.message ?? message);
      } catch {}
      resolve(message);
    };
    xhr.onerror = () => resolve('The upload failed: check your connection and try again.');
    xhr.send(file);
  });
}

// One guest sign-in for all the files dropped together (each would otherwise make a guest of its own).
let startingGuest: Promise<unknown> | null = null;
async function uploadSession() {
  const auth = createClient().auth;
  const { data } = await auth.getSession();
  if (data.session) return data.session;
  startingGuest ??= startUploads({}).finally(() => (startingGuest = null));
  await startingGuest.catch(() => undefined);
  return (await auth.getSession()).data.session;
}

/**
 * Removes files never sent, as the page goes away: a keepalive request straight to Storage, which outlives the tab
 * (a server action would be cut off with it). Best effort; the objects are the caller's own folder's.
 */
function removeUnsent(paths: string[], accessToken: string) {
  const env = publicEnv();
  const byBucket = new Map<string, string[]>();
  for (const path of paths) {
    const bucket = bucketFor(claimedTypeFor(path)!);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), path]);
  }
  for (const [bucket, inBucket] of byBucket)
    void fetch(`${env.NEXT_PUBLIC_SUPABASE_URL}/storage/v1/object/${bucket}`, {
      method: 'DELETE',
      keepalive: true,
      headers: {
        authorization: `Bearer ${accessToken}`,
        apikey: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ prefixes: inBucket.flatMap((path) => [path, thumbnailKey(path)]) }),
    }).catch(() => undefined);
}

export function useUploads(chatId: string) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  // What the callbacks read (a file taken back while being checked, the count left): kept after each render.
  const latest = useRef(uploads);
  useEffect(() => {
    latest.current = uploads;
  }, [uploads]);
  const accessToken = useRef<string | null>(null);
  const update = useCallback(
    (key: string, change: Partial<PendingUpload>) =>
      setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u))),
    [],
  );

  const start = useCallback(
    async (file: File, key: string) => {
      const type = claimedTypeFor(file.name)!;
      const session = await uploadSession();
      if (!session) return update(key, { state: 'refused', error: 'Sign in again to attach files.' });
      accessToken.current = session.access_token;
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
    // At once, not at the next render: the page may go away before it (the send on `/` opens the new chat).
    latest.current = [];
    setUploads([]);
  }, []);

  useEffect(() => {
    const leave = () => {
      const unsent = latest.current.flatMap((u) => (u.storagePath ? [u.storagePath] : []));
      if (accessToken.current) removeUnsent(unsent, accessToken.current);
      latest.current = [];
    };
    // A page kept in the back-forward cache keeps its composer: only a page really unloaded loses its files.
    const onPageHide = (event: PageTransitionEvent) => !event.persisted && leave();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      latest.current.forEach((u) => u.previewUrl && URL.revokeObjectURL(u.previewUrl));
      leave();
    };
  }, []);

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
