// The one shape of a server action: parse the input with zod, check the session with getClaims(), run as the
// signed-in user, and answer with the result the form renders. Server actions are public endpoints: nothing the
// client sends is trusted before this, and the database (RLS) decides what the caller may touch.
import 'server-only';
import type { z } from 'zod';
import { ensureSession } from '@/lib/auth/guest';
import { OhmError, type ActionResult, type Surface } from '@/lib/errors';
import { createClient } from '@/lib/supabase/server';

export type Caller = { userId: string; isAnonymous: boolean };

/**
 * An action for `schema`'s input. Invalid input answers `bad_request:<surface>` with zod's message, or `invalid`
 * when given (an id that cannot exist answers like one that does not). Errors of the vocabulary thrown by `run`
 * become the failed result; anything else (a bug, Next.js's redirect) is rethrown.
 */
export function defineAction<Schema extends z.ZodType, T extends object>({
  schema,
  surface,
  invalid,
  startsGuest,
  run,
}: {
  schema: Schema;
  surface: Surface;
  invalid?: OhmError;
  /** Whether this call makes a visitor without a session a guest first (lib/auth/guest.ts): a first send, a fork. */
  startsGuest?: (input: z.output<Schema>) => boolean;
  run: (input: z.output<Schema>, caller: Caller) => Promise<T>;
}): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success)
      return (invalid ?? new OhmError(`bad_request:${surface}`, parsed.error.issues[0].message)).toResult();
    const supabase = await createClient();
    const { data } = await supabase.auth.getClaims();
    const claims = data?.claims;
    const guest = !claims?.sub && startsGuest?.(parsed.data);
    if (!claims?.sub && !guest) return new OhmError('unauthorized:auth').toResult();
    try {
      const caller = claims?.sub
        ? { userId: claims.sub, isAnonymous: claims.is_anonymous === true }
        : { userId: await ensureSession(supabase), isAnonymous: true };
      return { ok: true, ...(await run(parsed.data, caller)) };
    } catch (error) {
      if (error instanceof OhmError) return error.toResult();
      throw error;
    }
  };
}
