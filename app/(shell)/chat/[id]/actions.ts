'use server';

// Server actions of one chat's artifact view, as the signed-in user (RLS): the cards of replies the page did not
// render with their cards (replies that finished after it loaded, older pages), timeline pages and catch-up,
// a restore, the maker's own edits, and the versions a conflict screen compares; the composer's uploads (checked by
// content as soon as they arrive, removed when taken back), the attachments of messages the page did not render,
// and a chat back from the archive.
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { restoreArchivedChat } from '@/lib/archive/data';
import { inspectAttachment, listMessageAttachments, removeUpload as removeUploadedFile } from '@/lib/attachments/data';
import { checkUploadSchema } from '@/lib/attachments/schemas';
import { listMessageArtifacts } from '@/lib/artifacts/data';
import { chatIdSchema } from '@/lib/chats/schemas';
import { artifactEditSchema, artifactLimits } from '@/lib/artifacts/edits';
import {
  getArtifactVersions,
  listArtifactTimeline,
  listChatArtifactHeads,
  restoreArtifactVersion,
  saveArtifactEdit,
} from '@/lib/artifacts/workspace';

const versionNumber = z.number().int().positive().max(1_000_000);

export const loadReplyArtifacts = defineAction({
  schema: z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) }),
  surface: 'chat',
  run: async (input) => ({ cards: await listMessageArtifacts(input) }),
});

/** Brings an archived chat's messages back (the page shows "Restoring…" meanwhile, then reloads its data). */
export const restoreChat = defineAction({
  schema: z.object({ chatId: chatIdSchema }),
  surface: 'chat',
  run: async (input) => {
    await restoreArchivedChat(input);
    return {};
  },
});

export const loadArtifactTimeline = defineAction({
  schema: z.object({
    artifactId: z.string().uuid(),
    before: versionNumber.optional(),
    after: z.number().int().min(0).optional(),
  }),
  surface: 'artifact',
  run: async (input) => ({ entries: await listArtifactTimeline(input) }),
});

export const loadArtifactHeads = defineAction({
  schema: z.object({ chatId: z.string().uuid() }),
  surface: 'artifact',
  run: async (input) => ({ heads: await listChatArtifactHeads(input) }),
});

export const loadArtifactVersions = defineAction({
  schema: z.object({ artifactId: z.string().uuid(), numbers: z.array(versionNumber).min(1).max(2) }),
  surface: 'artifact',
  run: async (input) => ({ versions: Object.fromEntries(await getArtifactVersions(input)) }),
});

export const restoreArtifact = defineAction({
  schema: z.object({ artifactId: z.string().uuid(), version: versionNumber, expectedVersion: versionNumber }),
  surface: 'artifact',
  run: (input) => restoreArtifactVersion(input),
});

export const saveArtifact = defineAction({
  schema: z.object({
    artifactId: z.string().uuid(),
    expectedVersion: versionNumber,
    summary: z
      .string()
      .trim()
      .min(1, 'Say what changed (the summary is empty).')
      .max(artifactLimits.summaryChars, `Keep the summary under ${artifactLimits.summaryChars} characters.`),
    edit: artifactEditSchema,
  }),
  surface: 'artifact',
  run: (input) => saveArtifactEdit(input),
});

/** Checks a file the browser has just uploaded; a refused one is removed and the refusal says why. */
export const checkUpload = defineAction({
  schema: checkUploadSchema,
  surface: 'upload',
  run: async ({ chatId, storagePath, name }, caller) => ({
    upload: (await inspectAttachment({ userId: caller.userId, chatId, storagePath, name })).upload,
  }),
});

/** A visitor of `/` attaching their first file becomes a guest here: the upload goes to Storage with their session. */
export const startUploads = defineAction({
  schema: z.object({}),
  surface: 'upload',
  startsGuest: () => true,
  run: async () => ({}),
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
