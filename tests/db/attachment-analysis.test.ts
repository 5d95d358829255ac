// POST /api/attachments/<id>/analyse on datasheets, against the real stack: bytes uploaded with storage-js as the
// user, the attachment row inserted as the user, the route called with the user's session. A datasheet becomes a
// datasheet_analysis artifact and a message in the chat; reruns are idempotent, a failure is stored and retried,
// and another user's attachment is a 404.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pointAppAtStack, signInGuest } from '../support/app.ts';
import { admin, api } from './fixtures.ts';
import type { Client } from './analysis-world.ts';
import { corruptPdf, makeDatasheetPdf } from '../unit/fixtures/datasheet-pdf.ts';

let asUser: Client;
vi.mock('server-only', () => ({}));
vi.mock('@/lib/supabase/server', () => ({ createClient: async () => asUser }));
pointAppAtStack();
const { POST } = await import('@/app/api/attachments/[id]/analyse/route');
const { attach, callRoute: call, chatWithQuestion } = await import('./analysis-world.ts');
const callRoute = (client: Client, id: string) => call(POST, (c) => (asUser = c), client, id);

afterAll(async () => {
  await api.end();
  await admin.end();
});

let owner: Client;
let stranger: Client;
let datasheet: Uint8Array;
beforeAll(async () => {
  datasheet = await makeDatasheetPdf();
  [owner, stranger] = await Promise.all([signInGuest(), signInGuest()]);
});

describe('a datasheet PDF', () => {
  it('becomes a datasheet_analysis artifact and a message in the chat, once however often it is asked', async () => {
    const chat = await chatWithQuestion(owner);
    const attachment = await attach(owner, chat, { name: 'bme280.pdf', type: 'application/pdf', bytes: datasheet });
    const first = await callRoute(owner, attachment.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'done',
      analysis: { kind: 'datasheet', status: 'analysed', partNumber: 'BME280', pageCount: 40 },
    });

    const { data: row } = await owner.from('attachments').select('*').eq('id', attachment.id).single();
    expect(row).toMatchObject({ is_processed: true, processing_status: 'done', processing_error: null });
    const { data: artifact } = await owner
      .from('artifacts')
      .select('id, type, title, metadata, created_by_message_id, artifact_versions(content, content_json)')
      .eq('id', first.body.analysis.artifactId)
      .single();
    expect(artifact).toMatchObject({
      type: 'datasheet_analysis',
      title: 'Datasheet: BME280',
      metadata: { attachmentId: attachment.id },
    });
    const version = artifact!.artifact_versions[0];
    expect(version.content).toContain('| Supply voltage | 1.71–3.6 V (p. 3) |');
    expect(version.content_json).toMatchObject({ i2cAddresses: [{ address: '0x76' }, { address: '0x77' }] });
    const { data: messages } = await owner
      .from('messages')
      .select('*')
      .eq('chat_id', chat.chatId)
      .order('sequence_number');
    expect(messages!.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages![1]).toMatchObject({
      agent_name: 'datasheetAnalyst',
      intent: 'DATASHEET',
      parent_id: chat.messageId,
      created_artifact_ids: [artifact!.id],
    });
    expect(messages![1].content).toMatch(/^I read the \*\*BME280\*\* datasheet \(40 of 40 pages\)/);

    const again = await callRoute(owner, attachment.id);
    expect(again.body).toEqual(first.body);
    const { count } = await owner
      .from('messages')
      .select('id', { count: 'exact', head: true })
      .eq('chat_id', chat.chatId);
    expect(count).toBe(2);
  });

  it('is a 404 for another user, whose call changes nothing', async () => {
    const chat = await chatWithQuestion(owner);
    const attachment = await attach(owner, chat, { name: 'bme280.pdf', type: 'application/pdf', bytes: datasheet });
    const theirs = await callRoute(stranger, attachment.id);
    expect(theirs).toMatchObject({ status: 404, body: { code: 'not_found:upload' } });
    expect((await callRoute(stranger, 'not-a-uuid')).status).toBe(404);
    const [row] = await admin`select processing_status from public.attachments where id = ${attachment.id}`;
    expect(row.processing_status).toBe('pending');
  });

  it('stores why it failed and succeeds when retried once the cause is gone', async () => {
    const chat = await chatWithQuestion(owner);
    const attachment = await attach(owner, chat, { name: 'late.pdf', type: 'application/pdf', bytes: null });
    const failed = await callRoute(owner, attachment.id);
    expect(failed).toMatchObject({
      status: 200,
      body: { status: 'failed', error: expect.stringContaining('is not in storage') },
    });
    const [row] =
      await admin`select processing_status, is_processed, processing_error from public.attachments where id = ${attachment.id}`;
    expect(row).toMatchObject({
      processing_status: 'failed',
      is_processed: false,
      processing_error: expect.stringContaining('late.pdf'),
    });

    await owner.storage
      .from('attachment-datasheets')
      .upload(attachment.storage_path, datasheet, { contentType: 'application/pdf' });
    const retried = await callRoute(owner, attachment.id);
    expect(retried.body).toMatchObject({ status: 'done', analysis: { partNumber: 'BME280' } });
  });

  it('says a corrupt PDF could not be read, in the artifact and the chat', async () => {
    const chat = await chatWithQuestion(owner);
    const attachment = await attach(owner, chat, { name: 'broken.pdf', type: 'application/pdf', bytes: corruptPdf() });
    const { body } = await callRoute(owner, attachment.id);
    expect(body).toMatchObject({ status: 'done', analysis: { kind: 'datasheet', status: 'unreadable' } });
    expect(body.analysis.summary).toMatch(/^I could not read \*\*broken\.pdf\*\*: The file could not be read as a PDF/);
  });
});
