// The gateway caps request bodies before a service reads them (supabase/local/core/body-limits.ts): 413 in each
// service's own error shape, whether the size is declared or the body is streamed without one.
import { describe, expect, it } from 'vitest';
import { bodyCaps } from '../../supabase/local/core/body-limits.ts';
import { gatewayForSuite } from '../support/gateway.ts';
import { secretKey } from '../support/stack.ts';

const gateway = gatewayForSuite();
const headers = { apikey: secretKey, authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };

/** A body of `size` bytes sent in 64 KB chunks with no Content-Length; counts what the server let through. */
function streamedBody(size: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe('body caps', () => {
  it('answers a declared 11 MB insert through /rest/v1 with PostgREST’s 413', async () => {
    const response = await fetch(`${gateway.url}/rest/v1/chats`, {
      method: 'POST',
      headers,
      body: new Uint8Array(bodyCaps.rest + 1024 * 1024).fill(0x20),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PGRST413' });
  });

  it('cuts off a streamed body without Content-Length once it passes the cap', async () => {
    const response = await fetch(`${gateway.url}/rest/v1/chats`, {
      method: 'POST',
      headers,
      body: streamedBody(bodyCaps.rest + 1024 * 1024),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('caps Auth bodies far lower, in GoTrue’s shape', async () => {
    const response = await fetch(`${gateway.url}/auth/v1/signup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(bodyCaps.auth + 1) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error_code: 'request_too_large' });
  });

  it('lets a body under the cap through to the service', async () => {
    const response = await fetch(`${gateway.url}/rest/v1/rpc/nonexistent_function`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ a: 'x'.repeat(1024) }),
    });
    expect(response.status).toBe(404);
  });
});
