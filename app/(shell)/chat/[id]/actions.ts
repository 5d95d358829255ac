'use server';

// Server actions of one chat's artifact view, as the signed-in user (RLS): the cards of replies the page did not
// render with their cards (replies that finished after it loaded, older pages), timeline pages and catch-up,
// a restore, the maker's own edits, and the versions a conflict screen compares.
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { listMessageArtifacts } from '@/lib/artifacts/data';
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
