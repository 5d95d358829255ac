// The agent API for external agent services (lib/agents/api/: routes, schemas, handler; OpenAPI at
// /api/agents/v1/openapi.json). Callers are servers, not browsers: they authenticate with a bearer key or job
// token, never with cookies.
import { handleAgentApi } from '@/lib/agents/api/handler';

/**
 * Not wrapped in mutatingHandler: nothing here reads a session cookie, so another site cannot make a browser act;
 * the bearer secret in Authorization is the whole proof, and a browser cannot send it cross-site without a CORS
 * preflight, which this route never grants.
 */
export const acceptsCrossSite = 'bearer-token API for agent services; no cookies, no CORS';

type Context = { params: Promise<{ path: string[] }> };

export async function GET(request: Request, { params }: Context) {
  return handleAgentApi(request, (await params).path);
}

export async function POST(request: Request, { params }: Context) {
  return handleAgentApi(request, (await params).path);
}
