// Private channels, authorised as Supabase Realtime does (lib/realtime/tenants/authorization.ex): with the caller's
// role and claims (core/scope.ts) and realtime.topic set locally, probe SELECT (read) and INSERT (write) on
// realtime.messages, always rolling back.
import { randomUUID } from 'node:crypto';
import type { GatewayContext } from '../core/context.ts';
import type { Claims } from '../core/request-role.ts';
import { enterScope } from '../core/scope.ts';

export async function authorize(
  ctx: GatewayContext,
  topic: string,
  role: string,
  claims: Claims,
): Promise<{ read: boolean; write: boolean }> {
  const probe = randomUUID();
  const rollback = new Error('rollback');
  let result = { read: false, write: false };
  try {
    await ctx.admin.begin(async (tx) => {
      await tx`insert into realtime.messages (id, topic, extension, private) values (${probe}, ${topic}, 'broadcast', true)`;
      await enterScope(tx, { role, claims, settings: { 'realtime.topic': topic } });
      const read = (await tx`select id from realtime.messages where id = ${probe}`).length > 0;
      let write = false;
      try {
        await tx.savepoint(
          (sp) => sp`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true)`,
        );
        write = true;
      } catch (error) {
        if ((error as { code?: string }).code !== '42501') throw error;
      }
      result = { read, write };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result;
}
