'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { OhmError, type ActionResult } from '@/lib/errors';
import { createShareLink, forkSharedChat, listShareLinks, revokeShareLink, type ShareLink } from '@/lib/shares/data';

const expiries = { never: null, '1d': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
const createSchema = z.object({ chatId: z.string().uuid(), expiry: z.enum(['never', '1d', '7d', '30d']) });

async function attempt<T extends object>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    if (error instanceof OhmError) return error.toResult();
    throw error;
  }
}

export async function createShare(input: {
  chatId: string;
  expiry: string;
}): Promise<ActionResult<{ link: ShareLink; links: ShareLink[] }>> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return new OhmError('bad_request:share', 'Choose when the link should expire.').toResult();
  const ms = expiries[parsed.data.expiry];
  return attempt(async () => {
    const link = await createShareLink({
      chatId: parsed.data.chatId,
      expiresAt: ms === null ? null : new Date(Date.now() + ms).toISOString(),
    });
    return { link, links: await listShareLinks({ chatId: parsed.data.chatId }) };
  });
}

export async function listShares(input: { chatId: string }): Promise<ActionResult<{ links: ShareLink[] }>> {
  const parsed = z.object({ chatId: z.string().uuid() }).safeParse(input);
  if (!parsed.success) return new OhmError('not_found:chat').toResult();
  return attempt(async () => ({ links: await listShareLinks({ chatId: parsed.data.chatId }) }));
}

export async function revokeShare(input: {
  chatId: string;
  shareId: string;
}): Promise<ActionResult<{ links: ShareLink[] }>> {
  const parsed = z.object({ chatId: z.string().uuid(), shareId: z.string().uuid() }).safeParse(input);
  if (!parsed.success) return new OhmError('not_found:share').toResult();
  return attempt(async () => {
    await revokeShareLink({ shareId: parsed.data.shareId });
    return { links: await listShareLinks({ chatId: parsed.data.chatId }) };
  });
}

export async function continueConversation(formData: FormData) {
  const token = z.string().min(20).max(200).safeParse(formData.get('token'));
  if (!token.success) redirect('/');
  const chatId = await forkSharedChat({ token: token.data });
  redirect(`/chat/${chatId}`);
}
