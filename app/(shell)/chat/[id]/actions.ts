'use server';

// Server actions of one chat's artifact view, as the signed-in user (RLS): the cards of replies the page did not
// render with their cards (replies that finished after it loaded, older pages).
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { listMessageArtifacts } from '@/lib/artifacts/data';

export const loadReplyArtifacts = defineAction({
  schema: z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) }),
  surface: 'chat',
  run: async (input) => ({ cards: await listMessageArtifacts(input) }),
});
