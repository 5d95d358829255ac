// The agent API's request and answer shapes (/api/agents/v1): what an external agent service sends with its job
// token, checked here before anything reaches the database, and the source of the OpenAPI description
// (lib/agents/api/openapi.ts turns these into JSON Schema with z.toJSONSchema). Field names are the database's
// (snake_case), so what a service sends is what the rows hold.
import { z } from 'zod';
import { artifactTypeSchema } from '../design/contract';

const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullish();

export const maxDeltaLength = 16_000;

export const deltaSchema = z
  .object({
    text: z.string().min(1, 'A delta needs text.').max(maxDeltaLength, `A delta is at most 16,000 characters.`),
  })
  .strict()
  .meta({ id: 'Delta', description: 'Text appended to the streaming reply, in order.' });

export const usageSchema = z
  .object({
    input: z.int().min(0).max(100_000_000),
    output: z.int().min(0).max(100_000_000),
    cacheRead: z.int().min(0).max(100_000_000).optional(),
    cacheWrite: z.int().min(0).max(100_000_000).optional(),
  })
  .strict()
  .meta({
    id: 'Usage',
    description: 'Tokens as the model provider reported them (cacheRead/cacheWrite are parts of input).',
  });

export const finishSchema = z
  .object({ content: text(100_000).optional(), usage: usageSchema.optional() })
  .strict()
  .meta({ id: 'Finish', description: 'Ends the reply as complete; `content` replaces the streamed text when given.' });

export const failSchema = z
  .object({ reason: text(500).optional() })
  .strict()
  .meta({ id: 'Fail', description: 'Ends the reply as an error; the reason is shown under what was said.' });

export const emptySchema = z.object({}).strict().meta({ id: 'Empty' });

export const artifactVersionSchema = z
  .object({
    type: artifactTypeSchema,
    title: z.string().trim().min(1).max(200),
    artifact_id: z
      .uuid()
      .nullish()
      .describe('The artifact to version; omit to create the chat’s artifact of this type.'),
    expected_version: z
      .int()
      .min(0)
      .describe('The artifact’s current version (0 for a new one); a stale one is a 409.'),
    content: optionalText(1_000_000),
    content_json: z.unknown().optional().describe('Checked against OHM’s shape for the type (bom, wiring, code, …).'),
    change_summary: optionalText(2000),
  })
  .strict()
  .meta({ id: 'ArtifactVersion' });

export const partRowSchema = z
  .object({
    name: z.string().min(1).max(200),
    part_number: optionalText(200),
    manufacturer: optionalText(200),
    quantity: z.int().min(1).max(100_000).optional(),
    voltage: optionalText(50),
    current: optionalText(50),
    interface_type: optionalText(50),
    price: z.number().min(0).max(1_000_000).nullish(),
    supplier: optionalText(200),
    supplier_url: z.url().max(2048).nullish(),
    specs: z.record(z.string(), z.unknown()).optional().describe('`specs.ref` is the BOM line ref wiring names.'),
    alternatives: z.array(z.unknown()).max(50).optional(),
    compatibility_warnings: z.array(text(500)).max(50).optional(),
  })
  .strict()
  .meta({ id: 'PartRow' });

export const connectionRowSchema = z
  .object({
    sequence_number: z.int().min(1).max(10_000),
    from_ref: text(50).nullish(),
    from_pin: text(50),
    from_pin_type: optionalText(50),
    to_ref: text(50).nullish(),
    to_pin: text(50),
    to_pin_type: optionalText(50),
    voltage: optionalText(50),
    signal_type: optionalText(50),
    wire_color: optionalText(50),
    warnings: z.array(text(500)).max(50).optional(),
  })
  .strict()
  .meta({ id: 'ConnectionRow' });

export const codeFileRowSchema = z
  .object({
    filename: z.string().min(1).max(255),
    language: optionalText(50),
    platform: optionalText(50),
    content: text(1_000_000),
    unit_number: z.int().min(1).max(3),
    required_libraries: z.array(text(200)).max(100).optional(),
    is_production_ready: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'CodeFileRow' });

const rows = <T extends z.ZodType>(row: T) => z.array(row).min(1).max(500);
export const partsSchema = z
  .object({ rows: rows(partRowSchema) })
  .strict()
  .meta({ id: 'Parts' });
export const connectionsSchema = z
  .object({
    bom_version_id: z.uuid().describe('The BOM version whose parts the refs name.'),
    rows: rows(connectionRowSchema),
  })
  .strict()
  .meta({ id: 'Connections' });
export const codeFilesSchema = z
  .object({ rows: rows(codeFileRowSchema) })
  .strict()
  .meta({ id: 'CodeFiles' });

// ── answers ───────────────────────────────────────────────────────────────────────────────────────────────
export const jobSchema = z
  .object({
    id: z.uuid(),
    chat_id: z.uuid(),
    message_id: z.uuid().describe('The user message this job answers.'),
    intent: z.string(),
    agent: z.string().describe('The specialist the orchestrator routed to; the reply shows it.'),
    status: z.enum(['pending', 'open', 'complete', 'failed', 'interrupted']),
    reply_message_id: z.uuid().nullable(),
    expires_at: z.string().nullable(),
    silent_deadline: z.string().describe('A job that writes nothing until then is settled as interrupted.'),
  })
  .meta({ id: 'Job' });

export const claimAnswerSchema = z
  .object({ job: jobSchema, token: z.string().describe('The job token, shown once: send it as Bearer.') })
  .meta({ id: 'Claim' });

export const jobContextSchema = z
  .object({
    job: jobSchema,
    project: z
      .object({ id: z.uuid(), name: z.string(), goal: z.string().nullable(), target_budget: z.number().nullable() })
      .nullable(),
    messages: z.array(
      z.object({
        id: z.uuid(),
        role: z.string(),
        content: z.string(),
        agent: z.string().nullable(),
        status: z.string(),
      }),
    ),
    artifacts: z.array(
      z.object({
        id: z.uuid(),
        type: z.string(),
        title: z.string(),
        current_version: z.int(),
        version_id: z.uuid(),
        content: z.string().nullable(),
        content_json: z.unknown(),
      }),
    ),
  })
  .meta({
    id: 'JobContext',
    description: 'The chat’s active branch up to the job’s message, its project, its artifacts.',
  });

export const writeAnswerSchema = z.record(z.string(), z.unknown()).meta({
  id: 'WriteAnswer',
  description: 'What the write did (ids, numbers); a retry with the same key returns it again.',
});

export const errorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'Error' });
