// The API gateway's key check in front of Auth (Kong key-auth): the `apikey` header or query parameter must be one of the
// project's keys — publishable, secret, or the legacy anon / service_role JWTs — or the request never reaches Auth.
import type { MiddlewareHandler } from 'hono';
import { anonKey, publishableKey, secretKey, serviceRoleKey } from '../config.ts';

const projectKeys = new Set([publishableKey, secretKey, anonKey, serviceRoleKey]);

export const requireApiKey: MiddlewareHandler = async (c, next) => {
  const apikey = c.req.header('apikey') ?? c.req.query('apikey');
  if (!apikey) {
    return c.json(
      { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
      401,
    );
  }
  if (!projectKeys.has(apikey)) {
    return c.json(
      { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
      401,
    );
  }
  await next();
};
