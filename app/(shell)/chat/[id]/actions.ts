'use server';

// Server actions of one chat's artifact view, as the signed-in user (RLS): the cards of replies the page did not
// render with their cards (replies that finished after it loaded, older pages); the composer's uploads (checked by
// content as soon as they arrive, removed when taken back) and the attachments of messages the page did not render.
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { inspectAttachment, listMessageAttachments, removeUpload as removeUploadedFile } from '@/lib/attachments/data';
import { checkUploadSchema } from '@/lib/attachments/schemas';
import { listMessageArtifacts } from '@/lib/artifacts/data';

export const loadReplyArtifacts = defineAction({
  schema: z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) }),
  surface: 'chat',
  run: async (input) => ({ cards: await listMessageArtifacts(input) }),
});

/** Checks a file the browser has just uploaded; a refused one is removed and the refusal says why. */
export const checkUpload = defineAction({
  schema: checkUploadSchema,
  surface: 'upload',
  run: async ({ chatId, storagePath, name }, caller) => ({
    upload: (await inspectAttachment({ userId: caller.userId, chatId, storagePath, name })).upload,
  }),
});

/** Removes a file taken back before sending. */
export const removeUpload = defineAction({
  schema: z.object({ storagePath: z.string().min(1).max(300) }),
  surface: 'upload',
  run: async ({ storagePath }, caller) => {
    await removeUploadedFile({ userId: caller.userId, storagePath });
    return {};
  },
});

export const loadMessageAttachments = defineAction({
  schema: z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) }),
  surface: 'upload',
  run: async (input) => ({ attachments: await listMessageAttachments(input) }),
});
