// What a personal access token is made of, for the settings form and its action alike (the database checks the
// same limits in create_personal_access_token).
import { z } from 'zod';

export const tokenScopes = ['read', 'read_write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
export const tokenExpiryDays = [7, 30, 90, 365] as const;

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the token a name, such as the app that will use it.')
    .max(80, 'A token name can be at most 80 characters.'),
  scope: z.enum(tokenScopes, { message: 'Choose read or read and write.' }),
  expiresInDays: z.coerce
    .number()
    .int()
    .refine((d) => (tokenExpiryDays as readonly number[]).includes(d), 'Choose when the token expires.'),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: z.string().uuid() });

/** A token as its owner sees it in the list: never the secret, never its hash. */
export type TokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** 'expires' or 'expired': whether the expiry date is still ahead (a revoked token keeps its date). */
export const expiryVerb = (token: Pick<TokenSummary, 'expiresAt'>, now = Date.now()) =>
  Date.parse(token.expiresAt) > now ? 'expires' : 'expired';

/** Active, revoked or expired, as the list shows it and the MCP route answers it. */
export function tokenState(token: Pick<TokenSummary, 'revokedAt' | 'expiresAt'>, now = Date.now()) {
  if (token.revokedAt) return 'revoked' as const;
  return Date.parse(token.expiresAt) <= now ? ('expired' as const) : ('active' as const);
}
