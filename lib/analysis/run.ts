// One attachment's analysis, end to end: read it as the user, claim it (idempotent: a done one answers with what
// was saved, one being analysed is a conflict), read the bytes, analyse them by the type the upload's content check
// decided, and save the outcome with its chat message (and the datasheet_analysis artifact) in one transaction. A
// failure is stored with its reason and can be retried by calling again.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { chooseModel, type ModelChoice } from '@/lib/agents/model';
import { agents } from '@/lib/agents/registry';
import { OhmError } from '@/lib/errors';
import type { Database } from '@/lib/supabase/database.types';
import { checkCircuitPhoto } from './circuit/photo';
import { circuitVerificationSchema } from './circuit/schema';
import { circuitFileTypes, summariseVerification, verifyCircuitFile } from './circuit/verify';
import {
  claimAnalysis,
  downloadAttachment,
  failAnalysis,
  finishAnalysis,
  getAttachment,
  readCircuitDesign,
  saveVerification,
  type AttachmentRow,
} from './data';
import { analyseDatasheet } from './datasheet/analyse';
import { datasheetTitle, renderDatasheetMarkdown, summariseDatasheet } from './datasheet/render';

type Client = SupabaseClient<Database>;
/** `processing_status` repeats `status` in the attachment row's words, for the attachment card. */
export type AnalysisOutcome =
  | { attachmentId: string; status: 'done'; processing_status: 'done'; analysis: Record<string, unknown> }
  | { attachmentId: string; status: 'failed'; processing_status: 'failed'; error: string };
const done = (attachmentId: string, analysis: unknown): AnalysisOutcome => ({
  attachmentId,
  status: 'done',
  processing_status: 'done',
  analysis: (analysis ?? {}) as Record<string, unknown>,
});

/** Local OpenAI-compatible servers often serve text-only models: only the hosted providers are assumed to see. */
export const canSee = (choice: ModelChoice) => !choice.offline && !choice.label.startsWith('openai-compatible/');

const speaker = (agent: 'datasheetAnalyst' | 'circuitVerifier', model: string, intent: 'DATASHEET' | 'CIRCUIT') => ({
  agentName: agent,
  agentIcon: agents[agent].icon,
  agentModel: model,
  intent,
});

async function analyseDatasheetAttachment(attachment: AttachmentRow, bytes: Uint8Array, choice: ModelChoice) {
  const analysis = await analyseDatasheet({
    bytes,
    filename: attachment.filename,
    attachmentId: attachment.id,
    model: choice.offline ? null : { model: choice.model, label: choice.label },
  });
  const summary = summariseDatasheet(analysis);
  return finishAnalysis({
    attachmentId: attachment.id,
    analysis: {
      kind: 'datasheet',
      status: analysis.status,
      partNumber: analysis.partNumber?.value ?? null,
      pageCount: analysis.pageCount,
      summary,
    },
    message: { content: summary, ...speaker('datasheetAnalyst', analysis.model ?? choice.label, 'DATASHEET') },
    artifact: {
      type: 'datasheet_analysis',
      title: datasheetTitle(analysis),
      description: `From ${attachment.filename}`.slice(0, 5000),
      content: renderDatasheetMarkdown(analysis),
      contentJson: analysis,
    },
  });
}

async function verifyCircuit(client: Client, attachment: AttachmentRow, bytes: Uint8Array, choice: ModelChoice) {
  const design = await readCircuitDesign({ client, chatId: attachment.chat_id });
  const now = new Date();
  let verification;
  if (attachment.file_type in circuitFileTypes) {
    verification = verifyCircuitFile({
      bytes,
      fileType: attachment.file_type as keyof typeof circuitFileTypes,
      filename: attachment.filename,
      attachmentId: attachment.id,
      design,
      now,
    });
  } else {
    if (!canSee(choice))
      throw new OhmError(
        'bad_request:analysis',
        'Checking a circuit photo needs a vision-capable model key (OPENAI_API_KEY or ANTHROPIC_API_KEY). ' +
          'Offline, upload the Wokwi diagram.json or a KiCad netlist (.net) of the circuit instead.',
      );
    if (!design?.wires.length)
      throw new OhmError('bad_request:analysis', 'This chat has no wiring yet to check the photo against.');
    const checked = await checkCircuitPhoto({
      model: choice.model,
      image: bytes,
      mediaType: attachment.file_type,
      design,
    });
    const count = (kind: string) => checked.findings.filter((f) => f.kind === kind).length;
    verification = circuitVerificationSchema.parse({
      attachmentId: attachment.id,
      filename: attachment.filename,
      format: 'photo',
      status: checked.findings.length ? 'differs' : 'matches',
      reason: checked.unclear ? `${checked.unclear} wires could not be made out in the photo.` : null,
      wiringVersion: design.wiringVersion,
      checkedAt: now.toISOString(),
      method: 'model',
      model: choice.label,
      counts: {
        expected: design.wires.length,
        matched: checked.matched,
        missing: count('missing'),
        extra: count('extra'),
        swapped: 0,
      },
      findings: checked.findings,
      unknownParts: [],
      absentParts: [],
    });
  }
  const path = await saveVerification({
    chatId: attachment.chat_id,
    checkedAt: verification.checkedAt,
    json: verification,
  });
  const summary = summariseVerification(verification);
  return finishAnalysis({
    attachmentId: attachment.id,
    analysis: {
      kind: 'circuit',
      status: verification.status,
      counts: verification.counts,
      wiringVersion: verification.wiringVersion,
      verificationPath: path,
      summary,
    },
    message: { content: summary, ...speaker('circuitVerifier', verification.model ?? choice.label, 'CIRCUIT') },
    artifact: null,
  });
}

export async function analyseAttachment({
  client,
  attachmentId,
  model,
}: {
  client: Client;
  attachmentId: string;
  model?: ModelChoice;
}): Promise<AnalysisOutcome> {
  const attachment = await getAttachment({ client, attachmentId });
  if (attachment.processing_status === 'done') return done(attachmentId, attachment.analysis);
  if (!(await claimAnalysis({ attachmentId }))) {
    const now = await getAttachment({ client, attachmentId });
    if (now.processing_status === 'done') return done(attachmentId, now.analysis);
    throw new OhmError('conflict:analysis');
  }
  try {
    const choice = model ?? chooseModel();
    const bytes = await downloadAttachment({ client, attachment });
    let analysis: Record<string, unknown>;
    if (attachment.file_type === 'application/pdf')
      analysis = await analyseDatasheetAttachment(attachment, bytes, choice);
    else if (attachment.file_type in circuitFileTypes || attachment.category === 'circuit_image')
      analysis = await verifyCircuit(client, attachment, bytes, choice);
    else
      analysis = await finishAnalysis({
        attachmentId,
        analysis: { kind: 'none', summary: 'A reference image: nothing to analyse.' },
        message: null,
        artifact: null,
      });
    return done(attachmentId, analysis);
  } catch (error) {
    const reason =
      error instanceof OhmError ? error.message : 'The analysis failed unexpectedly. Try again in a moment.';
    if (!(error instanceof OhmError)) console.error('attachment analysis failed', attachmentId, error);
    await failAnalysis({ attachmentId, reason });
    return { attachmentId, status: 'failed', processing_status: 'failed', error: reason };
  }
}
