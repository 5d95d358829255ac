// Access tokens (HS256 JWTs with the claims Supabase Auth issues) and opaque refresh tokens.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { accessTokenTtlSeconds, jwtIssuer, jwtSecret } from '../config.ts';
import type { UserRow } from './users.ts';

const secret = new TextEncoder().encode(jwtSecret);

export type Amr = { method: string; timestamp: number };

export function newRefreshToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function signAccessToken(user: UserRow, sessionId: string, amr: Amr[]): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + accessTokenTtlSeconds;
  const token = await new SignJWT({
    aud: 'authenticated',
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? 'authenticated',
    aal: 'aal1',
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(jwtIssuer)
    .setSubject(user.id)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(secret);
  return { token, expiresAt };
}
