// Access tokens (HS256 JWTs carrying the claims GoTrue's GenerateAccessToken writes) and opaque refresh tokens.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { accessTokenTtlSeconds, jwtIssuer, jwtSecret } from '../config.ts';
import type { UserRow } from './users.ts';

const secret = new TextEncoder().encode(jwtSecret);

export type Amr = { method: string; timestamp: number };

/** GoTrue's v1 refresh token: crypto.SecureAlphanumeric(12), lowercase base32 without padding. */
export function newRefreshToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(8);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.slice(0, 12);
}

export async function signAccessToken(
  user: UserRow,
  sessionId: string,
  amr: Amr[],
  now: Date,
): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + accessTokenTtlSeconds;
  const token = await new SignJWT({
    iss: jwtIssuer,
    sub: user.id,
    // GoTrue writes a single audience as a plain string.
    aud: user.aud ?? 'authenticated',
    exp: expiresAt,
    iat: issuedAt,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? '',
    aal: 'aal1',
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
  return { token, expiresAt };
}
