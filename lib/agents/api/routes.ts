// The agent API's routes as data: path, method, which secret it takes (the service's key or a job's token), the
// body's schema and cap, and the database write it becomes. The handler (./handler.ts) and the OpenAPI description
// (./openapi.ts) both read this table, so what is documented is what is served.
import type { z } from 'zod';
import type { JobWriteOp } from './data';
import {
  artifactVersionSchema,
  claimAnswerSchema,
  codeFilesSchema,
  connectionsSchema,
  deltaSchema,
  emptySchema,
  failSchema,
  finishSchema,
  jobContextSchema,
  partsSchema,
  writeAnswerSchema,
} from './schemas';

export type AgentRoute = {
  method: 'GET' | 'POST';
  /** Segments after /api/agents/v1; `{name}` is a uuid parameter. */
  path: string;
  auth: 'agent key' | 'job token';
  summary: string;
  body?: z.ZodType;
  /** Bytes; a body over it is a 413 before it is read. */
  bodyLimit?: number;
  op?: JobWriteOp;
  answer: z.ZodType;
};

const small = 16 * 1024;
const large = 3 * 1024 * 1024;

export const agentRoutes: AgentRoute[] = [
  {
    method: 'POST',
    path: '/jobs/claim',
    auth: 'agent key',
    summary: 'Claims the oldest job handed to this service and returns it with its job token (204: none waiting).',
    answer: claimAnswerSchema,
  },
  {
    method: 'GET',
    path: '/jobs/{jobId}',
    auth: 'job token',
    summary: 'The job, the chat’s active branch up to its message, the project and its current artifacts.',
    answer: jobContextSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/reply',
    auth: 'job token',
    summary: 'Starts the reply: an empty `streaming` message every open tab of the chat shows at once.',
    body: emptySchema,
    bodyLimit: small,
    op: 'reply.start',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/reply/deltas',
    auth: 'job token',
    summary: 'Appends text to the streaming reply.',
    body: deltaSchema,
    bodyLimit: 64 * 1024,
    op: 'reply.delta',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/reply/finish',
    auth: 'job token',
    summary: 'Ends the reply as complete with its token usage; the job ends.',
    body: finishSchema,
    bodyLimit: 512 * 1024,
    op: 'reply.finish',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/reply/fail',
    auth: 'job token',
    summary: 'Ends the reply as an error; the job ends.',
    body: failSchema,
    bodyLimit: small,
    op: 'reply.fail',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/artifacts',
    auth: 'job token',
    summary: 'Creates an artifact (expected_version 0) or its next version (expected_version = current; else 409).',
    body: artifactVersionSchema,
    bodyLimit: large,
    op: 'artifact.version',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/versions/{versionId}/parts',
    auth: 'job token',
    summary: 'Adds BOM parts to a version this job wrote.',
    body: partsSchema,
    bodyLimit: large,
    op: 'version.parts',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/versions/{versionId}/connections',
    auth: 'job token',
    summary: 'Adds wiring connections (ends named by BOM line refs) to a version this job wrote.',
    body: connectionsSchema,
    bodyLimit: large,
    op: 'version.connections',
    answer: writeAnswerSchema,
  },
  {
    method: 'POST',
    path: '/jobs/{jobId}/versions/{versionId}/code-files',
    auth: 'job token',
    summary: 'Adds code files to a version this job wrote.',
    body: codeFilesSchema,
    bodyLimit: large,
    op: 'version.code_files',
    answer: writeAnswerSchema,
  },
];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route a method and path name, with its uuid parameters; null when none matches. */
export function matchAgentRoute(method: string, segments: string[]) {
  for (const route of agentRoutes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (!part.startsWith('{')) return part === segments[i];
      if (!uuidPattern.test(segments[i])) return false;
      params[part.slice(1, -1)] = segments[i].toLowerCase();
      return true;
    });
    if (matches) return { route, params, methodAllowed: route.method === method };
  }
  return null;
}
