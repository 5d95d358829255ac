// Serves /api/agents/v1/… (app/api/agents/v1/[...path]/route.ts): finds the route, reads the bearer secret, the
// Idempotency-Key and a capped body, checks the body with the route's zod schema (and an artifact's content_json
// with the design contract's schema for its type), then makes the one database call. Every refusal is an OhmError
// answered as JSON with its status; nothing is written unless the database accepted the whole write.
import 'server-only';
import { OhmError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { contentSchemaByType } from '../design/contract';
import { claimAgentJob, readAgentJob, writeAgentJob } from './data';
import { buildOpenApi } from './openapi';
import { matchAgentRoute, type AgentRoute } from './routes';

function bearer(request: Request): string {
  const match = /^Bearer\s+(\S{16,200})$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) throw new OhmError('unauthorized:agent');
  return match[1];
}

function idempotencyKey(request: Request): string {
  const key = request.headers.get('idempotency-key')?.trim();
  if (!key || key.length > 200)
    throw new OhmError('bad_request:agent', 'Every write needs an Idempotency-Key header (1 to 200 characters).');
  return key;
}

async function readBody(request: Request, route: AgentRoute): Promise<Record<string, unknown>> {
  // A connection dropped mid-body fails the read: nothing was written, and the retry carries the same key.
  const json = await readJsonBody(request, 'request', route.bodyLimit).catch(
    () => new OhmError('bad_request:agent', 'The request body was cut off.'),
  );
  if (json instanceof OhmError) throw json;
  const parsed = route.body!.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OhmError('bad_request:agent', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const body = parsed.data as Record<string, unknown>;
  if (route.op === 'artifact.version' && body.content_json !== undefined) {
    const schema = contentSchemaByType[body.type as keyof typeof contentSchemaByType];
    const content = schema?.safeParse(body.content_json);
    if (content && !content.success) {
      const issue = content.error.issues[0];
      throw new OhmError(
        'bad_request:agent',
        `content_json does not match the ${String(body.type)} shape: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
    }
  }
  return body;
}

async function serve(request: Request, segments: string[]): Promise<Response> {
  if (request.method === 'GET' && segments.join('/') === 'openapi.json')
    return Response.json(buildOpenApi(new URL(request.url).origin), { headers: { 'Cache-Control': 'no-store' } });
  const matched = matchAgentRoute(request.method, segments);
  if (!matched) throw new OhmError('not_found:agent', 'No such agent API route: see /api/agents/v1/openapi.json.');
  if (!matched.methodAllowed)
    return Response.json({ code: 'bad_request:agent', message: `Use ${matched.route.method}.` }, { status: 405 });
  const { route, params } = matched;
  const secret = bearer(request);
  if (route.auth === 'agent key') {
    const claimed = await claimAgentJob({ key: secret });
    return claimed ? Response.json(claimed) : new Response(null, { status: 204 });
  }
  if (!route.op) return Response.json(await readAgentJob({ token: secret, jobId: params.jobId }));
  const key = idempotencyKey(request);
  const body = await readBody(request, route);
  if (params.versionId) body.version_id = params.versionId;
  return Response.json(
    await writeAgentJob({ token: secret, jobId: params.jobId, idempotencyKey: key, op: route.op, body }),
  );
}

/** The whole API: never throws, every failure is a JSON error with its status (and Retry-After on a 429). */
export async function handleAgentApi(request: Request, segments: string[]): Promise<Response> {
  try {
    const response = await serve(request, segments);
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } catch (error) {
    if (error instanceof OhmError) return error.toResponse();
    console.error('agent API', error);
    return new OhmError('unavailable:database').toResponse();
  }
}
