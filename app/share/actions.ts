'use server';

// Share links of a chat (create, list, revoke: the chat's owner only, RLS decides) and "Continue this conversation".
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { OhmError } from '@/lib/errors';
import { purgeSharePages } from '@/lib/shares/cache';
import * as shares from '@/lib/shares/data';

const expiries = { never: null, '1d': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;

export const createShare = defineAction({
  schema: z.object({ chatId: z.string().uuid(), expiry: z.enum(['never', '1d', '7d', '30d']) }),
  surface: 'share',
  invalid: new OhmError('bad_request:share', 'Choose when the link should expire.'),
  run: async ({ chatId, expiry }) => {
    const ms = expiries[expiry];
    const link = await shares.createShare({
      chatId,
      expiresAt: ms === null ? null : new Date(Date.now() + ms).toISOString(),
    });
    return { link, links: await shares.listShares({ chatId }) };
  },
});

export const listShares = defineAction({
  schema: z.object({ chatId: z.string().uuid() }),
  surface: 'share',
  invalid: new OhmError('not_found:chat'),
  run: async (input) => ({ links: await shares.listShares(input) }),
});

export const revokeShare = defineAction({
  schema: z.object({ chatId: z.string().uuid(), shareId: z.string().uuid() }),
  surface: 'share',
  invalid: new OhmError('not_found:share'),
  run: async ({ chatId, shareId }) => {
    await shares.revokeShare({ shareId });
    await purgeSharePages({ shareId });
    return { links: await shares.listShares({ chatId }) };
  },
});

/** A form action: no session needed (the fork starts a guest session), so it is not one of the actions above. */
export async function continueConversation(formData: FormData) {
  const token = z.string().min(20).max(200).safeParse(formData.get('token'));
  if (!token.success) redirect('/');
  const chatId = await shares.forkChat({ token: token.data });
  redirect(`/chat/${chatId}`);
}
