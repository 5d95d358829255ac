// Direct SQL for end-to-end tests that arrange what the UI cannot (a long history, a writer that died), as the
// platform's admin. The app under test never gets this access.
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { adminDbUrl } from '../../supabase/local/config.ts';

export async function withSql<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminDbUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Appends `count` alternating user/assistant messages to a chat, each continuing the active branch. */
export function appendHistory(
  chatId: string,
  count: number,
  text: (i: number) => string = (i) => `History message ${i}`,
) {
  return withSql((sql) =>
    sql.begin(async (tx) => {
      for (let i = 1; i <= count; i++) {
        // One statement per message: the active leaf moves in an after-row trigger, fired at the end of a statement.
        await tx`insert into public.messages (chat_id, role, content, agent_name) values (${chatId}, ${i % 2 ? 'user' : 'assistant'}, ${text(i)}, ${i % 2 ? null : 'conversational'})`;
      }
    }),
  );
}

/** Runs the local stack's CLI (`stop-db`, `start`) against the stack under test, as an operator would. */
export function stackCli(command: 'stop-db' | 'start'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['supabase/local/cli.ts', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${command}: ${code}\n${output}`))));
  });
}
