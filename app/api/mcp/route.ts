// OHM's MCP server over Streamable HTTP (the official SDK's web-standard transport, stateless: one server and one
// transport per POST, no session to keep, so it runs on any number of instances). In order: Origin (the shared
// same-origin check) and Host (DNS rebinding), the personal access token (401 pointing at the RFC 9728 metadata),
// a capped body (413), then JSON-RPC (-32700 / -32600 for what is not), and the tools as the token's user (a read
// token's call of a write tool answered with a tool error saying so, lib/mcp/scope).
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { OhmError } from '@/lib/errors';
import { readBodyText } from '@/lib/http/body';
import { mutatingHandler } from '@/lib/http/same-origin';
import { authenticateToken, bearerToken, type McpCaller } from '@/lib/mcp/auth';
import {
  jsonRpcError,
  mcpBodyLimit,
  parseJsonRpc,
  publicOrigin,
  refuseUnknownHost,
  unauthorizedResponse,
} from '@/lib/mcp/http';
import { refuseWritesOfReadTokens } from '@/lib/mcp/scope';
import { createOhmMcpServer } from '@/lib/mcp/server';

// A tool call may run an agent turn; the platform's default limit for a function could end it midway.
export const maxDuration = 300;

async function authenticate(request: Request): Promise<McpCaller | Response> {
  const token = bearerToken(request);
  if (!token) return unauthorizedResponse(request, new OhmError('unauthorized:token'), false);
  try {
    return await authenticateToken(token);
  } catch (error) {
    if (!(error instanceof OhmError)) throw error;
    return error.type === 'unauthorized' ? unauthorizedResponse(request, error, true) : error.toResponse();
  }
}

export const POST = mutatingHandler(async (request: Request) => {
  const refused = refuseUnknownHost(request);
  if (refused) return refused.toResponse();
  const caller = await authenticate(request);
  if (caller instanceof Response) return caller;
  const text = await readBodyText(request, mcpBodyLimit);
  if (text instanceof OhmError) return jsonRpcError(413, -32600, `Invalid Request: ${text.message}`);
  const parsed = parseJsonRpc(text);
  if (!parsed.ok) return parsed.response;

  const server = createOhmMcpServer(caller);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  refuseWritesOfReadTokens(transport, caller, `${publicOrigin(request)}/settings/tokens`);
  try {
    return await transport.handleRequest(request, { parsedBody: parsed.body });
  } finally {
    // With JSON responses the answer is complete here; closing frees the per-request server.
    void server.close();
  }
});

// Stateless: there is no server-initiated stream to open (GET) and no session to end (DELETE).
function methodNotAllowed(request: Request) {
  const refused = refuseUnknownHost(request);
  if (refused) return refused.toResponse();
  return new Response(
    JSON.stringify({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Method not allowed: POST JSON-RPC messages.' },
      id: null,
    }),
    { status: 405, headers: { Allow: 'POST', 'Content-Type': 'application/json' } },
  );
}
export const GET = async (request: Request) => methodNotAllowed(request);
export const DELETE = mutatingHandler(async (request: Request) => methodNotAllowed(request));
