// The app's configuration, validated once: a missing or malformed variable fails at start-up with its name.
import { z } from 'zod';

const publicSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: z
    .string()
    .url('NEXT_PUBLIC_SUPABASE_URL must be the Supabase API URL, e.g. http://127.0.0.1:54321'),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z
    .string()
    .min(20, 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY must be the publishable or anon key'),
});

export type PublicEnv = z.infer<typeof publicSchema>;

export function parsePublicEnv(source: Record<string, string | undefined>): PublicEnv {
  const parsed = publicSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment (see .env.example): ${problems}`);
  }
  return parsed.data;
}

let cached: PublicEnv | undefined;

export function publicEnv(): PublicEnv {
  // Next.js inlines NEXT_PUBLIC_* only when they are referenced literally, so read them one by one.
  cached ??= parsePublicEnv({
    NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
  });
  return cached;
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/**
 * Which model the agents ask (server only). With no key and no base URL the offline agents answer. An
 * OpenAI-compatible server (Ollama, LM Studio, vLLM) is named by OHM_OPENAI_BASE_URL and needs OHM_OPENAI_MODEL;
 * its key is optional.
 */
const agentSchema = z
  .object({
    OPENAI_API_KEY: optional,
    ANTHROPIC_API_KEY: optional,
    OHM_OPENAI_BASE_URL: optional.pipe(
      z
        .string()
        .regex(/^https?:\/\/[^\s/]+/, 'OHM_OPENAI_BASE_URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1')
        .optional(),
    ),
    OHM_OPENAI_MODEL: optional,
    OHM_ANTHROPIC_MODEL: optional,
    /** Milliseconds between the words of an offline reply (default 12): a reading pace, not work. */
    OHM_OFFLINE_PACE_MS: optional
      .pipe(
        z
          .string()
          .regex(/^\d{1,4}$/, 'OHM_OFFLINE_PACE_MS must be a whole number of milliseconds')
          .optional(),
      )
      .transform((v) => (v === undefined ? undefined : Math.min(Number(v), 1000))),
    /** Intents handed to external agent services (the agent API): `CODE=acme-coder,WIRING=acme-wiring`. */
    OHM_AGENT_SERVICES: optional.pipe(
      z
        .string()
        .regex(
          /^[A-Z]+=[a-z0-9][a-z0-9._-]*(\s*,\s*[A-Z]+=[a-z0-9][a-z0-9._-]*)*$/,
          'OHM_AGENT_SERVICES must be INTENT=service pairs, e.g. CODE=acme-coder,WIRING=acme-wiring',
        )
        .optional(),
    ),
  })
  .refine((env) => !env.OHM_OPENAI_BASE_URL || env.OHM_OPENAI_MODEL, {
    message: 'OHM_OPENAI_MODEL must name the model when OHM_OPENAI_BASE_URL is set (e.g. llama3.1)',
    path: ['OHM_OPENAI_MODEL'],
  });

export type AgentEnv = z.infer<typeof agentSchema>;

export function parseAgentEnv(source: Record<string, string | undefined>): AgentEnv {
  const parsed = agentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment (see .env.example): ${problems}`);
  }
  return parsed.data;
}
