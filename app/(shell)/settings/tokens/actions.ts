'use server';

// The tokens page's actions: create (the secret comes back once, in this result) and revoke, as the signed-in user.
import { defineAction } from '@/lib/action';
import { OhmError } from '@/lib/errors';
import { createAccessToken, listAccessTokens, revokeAccessToken } from '@/lib/tokens/data';
import { createTokenSchema, revokeTokenSchema } from '@/lib/tokens/schemas';

export const createToken = defineAction({
  schema: createTokenSchema,
  surface: 'token',
  run: async (input) => {
    const created = await createAccessToken(input);
    return { created, tokens: await listAccessTokens() };
  },
});

export const revokeToken = defineAction({
  schema: revokeTokenSchema,
  surface: 'token',
  invalid: new OhmError('not_found:token', 'That token does not exist or is not yours.'),
  run: async ({ tokenId }) => {
    await revokeAccessToken({ tokenId });
    return { tokens: await listAccessTokens() };
  },
});
