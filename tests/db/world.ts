// A committed fixture world for database tests: an owner with a project, a chat, messages, an artifact with two
// versions, BOM rows, an attachment record, a share link, and a stranger who forked it.
import { as, createUser, type TestUser } from './fixtures.ts';

export type World = {
  owner: TestUser;
  stranger: TestUser;
  projectId: string;
  chatId: string;
  messageIds: string[];
  artifactId: string;
  versionIds: string[];
  partId: string;
  connectionId: string;
  codeFileId: string;
  attachmentId: string;
  shareId: string;
  shareToken: string;
  forkedChatId: string;
};

export async function buildWorld(): Promise<World> {
  const owner = await createUser({ name: 'Owner' });
  const stranger = await createUser({ name: 'Stranger' });
  const commit = { commit: true };
  const [project] = await as(
    owner,
    (sql) => sql`insert into public.projects (name) values ('ESP32 weather station') returning id`,
    commit,
  );
  const [chat] = await as(
    owner,
    (sql) => sql`insert into public.chats (title, project_id) values ('New chat', ${project.id}) returning id`,
    commit,
  );
  const [m1] = await as(
    owner,
    (sql) => sql`select id from public.append_message(${chat.id}, 'Build an ESP32 weather station')`,
    commit,
  );
  const [m2] = await as(
    'service_role',
    (sql) => sql`
    insert into public.messages (chat_id, role, content, agent_name, agent_model, intent, input_tokens, output_tokens)
    values (${chat.id}, 'assistant', 'Here is a plan with a BME280 sensor.', 'conversational', 'anthropic/claude-sonnet-4-5', 'CHAT', 120, 80) returning id`,
    commit,
  );
  const artifactId = await as(
    'service_role',
    async (sql) => {
      const [row] =
        await sql`select public.create_artifact_with_version(${chat.id}, ${project.id}, 'bom', 'Weather Station BOM', null, ${sql.json({ components: ['ESP32', 'DHT22'] })}, ${m2.id}) as id`;
      return row.id as string;
    },
    commit,
  );
  const [v2] = await as(
    'service_role',
    (sql) =>
      sql`select * from public.add_artifact_version(${artifactId}, 1, null, ${sql.json({ components: ['ESP32', 'BME280'] })}, 'Replace DHT22 with BME280', ${m2.id})`,
    commit,
  );
  const [v1] = await as(
    'service_role',
    (sql) => sql`select id from public.artifact_versions where artifact_id = ${artifactId} and version_number = 1`,
  );
  const [part] = await as(
    'service_role',
    (sql) => sql`
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, price, voltage, user_id)
    values (${project.id}, ${artifactId}, ${v2.id}, 'BME280', 7.99, '3.3V', ${owner.id}) returning id`,
    commit,
  );
  const [mcu] = await as(
    'service_role',
    (sql) => sql`
    insert into public.parts (project_id, artifact_id, artifact_version_id, name, price, voltage, user_id)
    values (${project.id}, ${artifactId}, ${v2.id}, 'ESP32-DevKitC', 12.99, '3.3V', ${owner.id}) returning id`,
    commit,
  );
  const [connection] = await as(
    'service_role',
    (sql) => sql`
    insert into public.connections (project_id, artifact_id, artifact_version_id, sequence_number, from_part_id, from_pin, to_part_id, to_pin, user_id)
    values (${project.id}, ${artifactId}, ${v2.id}, 1, ${mcu.id}, 'GPIO21', ${part.id}, 'SDA', ${owner.id}) returning id`,
    commit,
  );
  const [codeFile] = await as(
    'service_role',
    (sql) => sql`
    insert into public.code_files (project_id, artifact_id, artifact_version_id, filename, language, unit_number, user_id)
    values (${project.id}, ${artifactId}, ${v2.id}, 'calibrate.ino', 'cpp', 1, ${owner.id}) returning id`,
    commit,
  );
  const [attachment] = await as(
    owner,
    (sql) => sql`
    insert into public.attachments (chat_id, filename, file_type, file_size, storage_path, category)
    values (${chat.id}, 'circuit.jpg', 'image/jpeg', 1234, ${`${owner.id}/${chat.id}/0001-circuit.jpg`}, 'circuit_image') returning id`,
    commit,
  );
  const [share] = await as(owner, (sql) => sql`select * from public.create_share(${chat.id})`, commit);
  const forkedChatId = await as(
    stranger,
    async (sql) => (await sql`select public.fork_chat(${share.share_token}) as id`)[0].id as string,
    commit,
  );
  return {
    owner,
    stranger,
    projectId: project.id,
    chatId: chat.id,
    messageIds: [m1.id, m2.id],
    artifactId,
    versionIds: [v1.id, v2.id],
    partId: part.id,
    connectionId: connection.id,
    codeFileId: codeFile.id,
    attachmentId: attachment.id,
    shareId: share.id,
    shareToken: share.share_token,
    forkedChatId,
  };
}
