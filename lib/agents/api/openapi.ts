// The OpenAPI 3.1 description of the agent API, generated from the route table and its zod schemas
// (z.toJSONSchema), served at /api/agents/v1/openapi.json: nothing here is written by hand but the prose.
import { z } from 'zod';
import { agentRoutes } from './routes';
import { errorSchema } from './schemas';

/** Every schema with a `meta({ id })` becomes a component; a route's body and answer point at theirs. */
function components() {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, ...schema }]) => [id, schema]));
}

const schema = (type: z.ZodType) => {
  const id = z.globalRegistry.get(type)?.id;
  return id ? { $ref: `#/components/schemas/${id}` } : z.toJSONSchema(type, { unrepresentable: 'any' });
};

const errors = {
  '400': 'The body or a header is not valid (the message says which).',
  '401': 'The agent key or job token is unknown, expired or revoked.',
  '403': 'The job token belongs to another job.',
  '404': 'That is not part of this job’s chat.',
  '409': 'The job has ended, or a version conflict: another writer moved the artifact first.',
  '413': 'The body is over the route’s cap.',
  '422': 'The Idempotency-Key was used before with a different body.',
  '429': 'Too many writes for this service or job: wait `Retry-After` seconds.',
};

export function buildOpenApi(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of agentRoutes) {
    const parameters: Record<string, unknown>[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    }));
    if (route.op)
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      });
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        summary: route.summary,
        security: [{ [route.auth === 'agent key' ? 'agentKey' : 'jobToken']: [] }],
        parameters,
        ...(route.body && {
          requestBody: { required: true, content: { 'application/json': { schema: schema(route.body) } } },
        }),
        responses: {
          '200': { description: 'Done.', content: { 'application/json': { schema: schema(route.answer) } } },
          ...(route.auth === 'agent key' && { '204': { description: 'No job is waiting.' } }),
          ...Object.fromEntries(
            Object.entries(errors).map(([status, description]) => [
              status,
              { description, content: { 'application/json': { schema: schema(errorSchema) } } },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OHM agent API',
      version: '1',
      description:
        'For external agent services answering OHM chats. A service claims a job with its key, then reads and ' +
        'writes that one chat with the job token until it finishes or fails the reply. Every write takes an ' +
        'Idempotency-Key: a retry returns the first answer.',
    },
    servers: [{ url: `${origin}/api/agents/v1` }],
    components: {
      schemas: components(),
      securitySchemes: {
        agentKey: { type: 'http', scheme: 'bearer', description: 'The key `npm run agents:register` printed.' },
        jobToken: { type: 'http', scheme: 'bearer', description: 'The token a claim returned; one job, minutes.' },
      },
    },
    paths,
  };
}
