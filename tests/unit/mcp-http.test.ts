// The MCP endpoint's HTTP edge without a server: which hosts it answers on (DNS rebinding), the origin it names in
// its RFC 9728 metadata behind a proxy, and the JSON-RPC errors for bodies that are not JSON or not JSON-RPC.
import { afterEach, describe, expect, it } from 'vitest';
import { parseJsonRpc, protectedResourceMetadata, refuseUnknownHost } from '@/lib/mcp/http';

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { method: 'POST', headers });

afterEach(() => {
  delete process.env.OHM_ALLOWED_ORIGINS;
});

describe('the MCP endpoint’s hosts', () => {
  it('answers on loopback names at any port, and on other hosts only when OHM_ALLOWED_ORIGINS lists them', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3107', '[::1]:8080', 'localhost'])
      expect(refuseUnknownHost(request(`http://${host}/api/mcp`, { host })), host).toBeNull();
    const rebound = refuseUnknownHost(request('http://127.0.0.1:3000/api/mcp', { host: 'evil.example:3000' }));
    expect(rebound?.status).toBe(403);
    expect(rebound?.message).toContain('OHM_ALLOWED_ORIGINS');
    process.env.OHM_ALLOWED_ORIGINS = 'https://ohm.example.com, not a url';
    expect(refuseUnknownHost(request('http://10.0.0.5/api/mcp', { host: 'ohm.example.com' }))).toBeNull();
    expect(
      refuseUnknownHost(request('http://10.0.0.5/api/mcp', { host: 'ohm.example.com.evil.example' })),
    ).not.toBeNull();
  });

  it('judges the host a proxy says the client addressed, and names it in the metadata', () => {
    process.env.OHM_ALLOWED_ORIGINS = 'https://ohm.example.com';
    const proxied = request('http://10.0.0.5:3000/api/mcp', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'ohm.example.com',
      'x-forwarded-proto': 'https',
    });
    expect(refuseUnknownHost(proxied)).toBeNull();
    expect(protectedResourceMetadata(proxied)).toMatchObject({
      resource: 'https://ohm.example.com/api/mcp',
      resource_documentation: 'https://ohm.example.com/settings/tokens',
    });
    const spoofed = request('http://localhost:3000/api/mcp', {
      host: 'localhost:3000',
      'x-forwarded-host': 'evil.example',
    });
    expect(refuseUnknownHost(spoofed)).not.toBeNull();
  });
});

describe('JSON-RPC parsing', () => {
  it('accepts a request, a notification and a batch; names -32700 for non-JSON and -32600 for non-JSON-RPC', async () => {
    expect(parseJsonRpc('{"jsonrpc":"2.0","id":1,"method":"tools/list"}').ok).toBe(true);
    expect(parseJsonRpc('{"jsonrpc":"2.0","method":"notifications/initialized"}').ok).toBe(true);
    expect(parseJsonRpc('[{"jsonrpc":"2.0","id":1,"method":"ping"}]').ok).toBe(true);
    for (const [body, code] of [
      ['{', -32700],
      ['', -32700],
      ['{"id":1,"method":"tools/list"}', -32600],
      ['[]', -32600],
      ['"hello"', -32600],
    ] as const) {
      const parsed = parseJsonRpc(body);
      expect(parsed.ok, body).toBe(false);
      if (!parsed.ok) expect((await parsed.response.json()).error.code, body).toBe(code);
    }
  });
});
