// The HTTP edge of the MCP server (/api/mcp): which hosts it answers on, where its protected-resource metadata
// lives (RFC 9728), the 401 that points a client there, and the JSON-RPC errors it answers itself before the SDK's
// transport sees a message (a body that is not JSON, not JSON-RPC, or too large).
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { OhmError } from '@/lib/errors';

export const mcpPath = '/api/mcp';
export const metadataPath = `/.well-known/oauth-protected-resource${mcpPath}`;
/** A JSON-RPC call of OHM's is far smaller; an artifact version of a large BOM fits with room to spare. */
export const mcpBodyLimit = 1024 * 1024;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host the client addressed: the proxy's X-Forwarded-Host when there is one, else Host. */
function addressedHost(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return (forwarded || request.headers.get('host') || new URL(request.url).host).toLowerCase();
}

function allowedHosts(): Set<string> {
  const hosts = new Set<string>();
  for (const origin of (process.env.OHM_ALLOWED_ORIGINS ?? '').split(',')) {
    try {
      if (origin.trim()) hosts.add(new URL(origin.trim()).host.toLowerCase());
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return hosts;
}

/**
 * DNS rebinding defence (the MCP spec asks servers to check Host and Origin): a page on evil.example whose name
 * resolves to this server sends `Host: evil.example`. Loopback names are always allowed (a developer's own
 * machine); anything else must be the host of an origin in OHM_ALLOWED_ORIGINS.
 */
export function refuseUnknownHost(request: Request): OhmError | null {
  const host = addressedHost(request);
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  if (loopbackHosts.has(name) || allowedHosts().has(host)) return null;
  return new OhmError(
    'forbidden:mcp',
    `The MCP endpoint does not answer on ${host}: add https://${host} to OHM_ALLOWED_ORIGINS.`,
  );
}

/** The origin clients reach the app at, from the (checked) host and the proxy's protocol. */
export function publicOrigin(request: Request): string {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || new URL(request.url).protocol;
  return `${proto.replace(/:$/, '')}://${addressedHost(request)}`;
}

/** RFC 9728 metadata: the resource, how to present a token and where a person makes one. */
export function protectedResourceMetadata(request: Request) {
  const origin = publicOrigin(request);
  return {
    resource: `${origin}${mcpPath}`,
    resource_name: 'OHM',
    bearer_methods_supported: ['header'],
    scopes_supported: ['read', 'read_write'],
    resource_documentation: `${origin}/settings/tokens`,
  };
}

/**
 * 401 with `WWW-Authenticate: Bearer resource_metadata="…"` (RFC 9728 §5.1), and `error="invalid_token"` when a
 * token was sent but is unknown, revoked or expired (RFC 6750 §3.1).
 */
export function unauthorizedResponse(request: Request, error: OhmError, tokenSent: boolean): Response {
  const params = [`resource_metadata="${publicOrigin(request)}${metadataPath}"`];
  if (tokenSent) params.push('error="invalid_token"', `error_description="${error.message.replaceAll('"', "'")}"`);
  const response = error.toResponse();
  response.headers.set('WWW-Authenticate', `Bearer ${params.join(', ')}`);
  return response;
}

/** A JSON-RPC error with no request id: the message could not be read far enough to have one. */
export function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}

const messagesSchema = z.union([JSONRPCMessageSchema, z.array(JSONRPCMessageSchema).min(1)]);

/** The parsed JSON-RPC message(s), or the error the JSON-RPC spec names: -32700 not JSON, -32600 not a request. */
export function parseJsonRpc(text: string): { ok: true; body: unknown } | { ok: false; response: Response } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonRpcError(400, -32700, 'Parse error: the body is not JSON.') };
  }
  if (!messagesSchema.safeParse(body).success)
    return {
      ok: false,
      response: jsonRpcError(400, -32600, 'Invalid Request: the body is not a JSON-RPC 2.0 message.'),
    };
  return { ok: true, body };
}
