// /auth/v1 — the local Supabase Auth (GoTrue) for supabase-js and @supabase/ssr: sign-up (confirmed at once), password
// and anonymous sign-in, refresh with rotation and reuse detection, user, update user, logout, settings and JWKS.
// Each endpoint lives in auth/<endpoint>.ts; this file wires them behind the API-key check and one error handler.
import { Hono } from 'hono';
import type { GatewayContext } from '../core/context.ts';
import { requireApiKey } from './api-key.ts';
import { authDeps, type AuthOptions } from './deps.ts';
import { AuthError, authErrorResponse } from './errors.ts';
import { logout } from './logout.ts';
import { authRateLimiter } from './rate-limit.ts';
import { health, jwks, settings } from './meta.ts';
import { signup } from './signup.ts';
import { token } from './token.ts';
import { getUser, updateUser } from './user.ts';

export type { AuthOptions };

export function createAuthRoutes(ctx: GatewayContext, options: AuthOptions = {}): Hono {
  const deps = authDeps(ctx.admin, options);
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof AuthError) return authErrorResponse(c, error);
    // Never log request bodies: they carry passwords.
    console.error('auth: unexpected error', error instanceof Error ? error.stack : error);
    return authErrorResponse(
      c,
      new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'),
    );
  });

  // The gateway leaves the JWKS open (clients fetch it without a key); everything else needs a project key.
  app.get('/.well-known/jwks.json', jwks);
  app.use('*', requireApiKey);
  app.use('*', authRateLimiter(options.rateLimit));

  app.get('/health', health);
  app.get('/settings', settings);
  app.post('/signup', (c) => signup(deps, c));
  app.post('/token', (c) => token(deps, c));
  app.get('/user', (c) => getUser(deps, c));
  app.put('/user', (c) => updateUser(deps, c));
  app.post('/logout', (c) => logout(deps, c));

  return app;
}
