'use server';

// Server actions of one chat's artifact view, with the user's session (RLS): the cards of replies the page did
// not render with their cards (replies that finished after it loaded, older pages).
import { z } from 'zod';
import { listMessageArtifacts } from '@/lib/artifacts/data';
import type { ArtifactCard } from '@/lib/artifacts/schemas';
import { OhmError, type ActionResult } from '@/lib/errors';

const inputSchema = z.object({ messageIds: z.array(z.string().uuid()).min(1).max(200) });

export async function loadReplyArtifacts(input: {
  messageIds: string[];
}): Promise<ActionResult<{ cards: Record<string, ArtifactCard[]> }>> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:chat', parsed.error.issues[0].message).toResult();
  try {
    return { ok: true, cards: await listMessageArtifacts(parsed.data) };
  } catch (error) {
    if (error instanceof OhmError) return error.toResult();
    throw error;
  }
}
