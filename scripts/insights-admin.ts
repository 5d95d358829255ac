// Grants, revokes and lists insights admins: people who may see the whole team's usage on /insights. This is the
// service path on purpose (no page or API can do it): it connects to Postgres directly, to SUPABASE_DB_URL
// (hosted: the project's connection string) or the local stack's database.
//   npm run insights:admin -- grant <email or user id> [note]
//   npm run insights:admin -- revoke <email or user id>
//   npm run insights:admin -- list
import postgres from 'postgres';
import { dbUrl } from '../supabase/local/config.ts';

const [command, who, ...note] = process.argv.slice(2);
const sql = postgres(process.env.SUPABASE_DB_URL ?? dbUrl, { max: 1, onnotice: () => {} });

async function userIdOf(emailOrId: string): Promise<string> {
  const rows = await sql`select id from auth.users where id::text = ${emailOrId} or lower(email) = lower(${emailOrId})`;
  if (rows.length !== 1) throw new Error(`no single user is ${emailOrId}`);
  return rows[0].id as string;
}

try {
  if (command === 'grant' && who) {
    const id = await userIdOf(who);
    await sql`insert into private.insights_admins (user_id, note) values (${id}, ${note.join(' ') || null})
      on conflict (user_id) do update set note = excluded.note`;
    console.log(`${who} is an insights admin: /insights?scope=team shows the whole team.`);
  } else if (command === 'revoke' && who) {
    const removed =
      await sql`delete from private.insights_admins where user_id = ${await userIdOf(who)} returning user_id`;
    console.log(removed.length ? `${who} is no longer an insights admin.` : `${who} was not an insights admin.`);
  } else if (command === 'list') {
    const rows = await sql`select u.email, a.user_id, a.granted_at, a.note from private.insights_admins a
      join auth.users u on u.id = a.user_id order by a.granted_at`;
    console.table(rows);
  } else {
    console.error('usage: npm run insights:admin -- grant <email|user id> [note] | revoke <email|user id> | list');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sql.end();
}
