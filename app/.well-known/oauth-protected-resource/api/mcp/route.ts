// RFC 9728 protected-resource metadata for /api/mcp: what the 401's WWW-Authenticate points MCP clients at.
import { protectedResourceMetadata, refuseUnknownHost } from '@/lib/mcp/http';

export async function GET(request: Request) {
  const refused = refuseUnknownHost(request);
  if (refused) return refused.toResponse();
  return Response.json(protectedResourceMetadata(request), {
    headers: { 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' },
  });
}
