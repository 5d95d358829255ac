// The CSRF check every mutating route handler runs, and the capped body reader.
import { afterEach, describe, expect, it } from 'vitest';
import { OhmError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { mutatingHandler, refuseCrossSite } from '@/lib/http/same-origin';

const post = (headers: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/api/chat/x/reply', { method: 'POST', headers, body: '{}' });

describe('same-origin check', () => {
  afterEach(() => {
    delete process.env.OHM_ALLOWED_ORIGINS;
  });

  it('lets a request from the app itself through', () => {
    expect(refuseCrossSite(post({ origin: 'http://127.0.0.1:3000' }))).toBeNull();
    expect(refuseCrossSite(post({ 'sec-fetch-site': 'same-origin' }))).toBeNull();
  });

  it('refuses another site, a null origin and a cross-site fetch without Origin', () => {
    expect(refuseCrossSite(post({ origin: 'https://evil.example' }))?.status).toBe(403);
    expect(refuseCrossSite(post({ origin: 'null' }))?.status).toBe(403);
    expect(refuseCrossSite(post({ 'sec-fetch-site': 'cross-site' }))?.status).toBe(403);
    expect(refuseCrossSite(post({ 'sec-fetch-site': 'same-site' }))?.status).toBe(403);
  });

  it('accepts the host a proxy forwards and the origins configured for a deployment', () => {
    const proxied = post({ origin: 'https://ohm.example', 'x-forwarded-host': 'ohm.example' });
    expect(refuseCrossSite(proxied)).toBeNull();
    expect(refuseCrossSite(post({ origin: 'https://app.ohm.example' }))).not.toBeNull();
    process.env.OHM_ALLOWED_ORIGINS = 'https://app.ohm.example, https://ohm.example';
    expect(refuseCrossSite(post({ origin: 'https://app.ohm.example' }))).toBeNull();
  });

  it('answers 403 before the handler runs', async () => {
    let ran = false;
    const handler = mutatingHandler(async () => {
      ran = true;
      return new Response('ok');
    });
    const response = await handler(post({ origin: 'https://evil.example' }));
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('forbidden:request');
    expect(ran).toBe(false);
  });
});

describe('capped body', () => {
  it('refuses a declared size over the cap without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://x/', {
      method: 'POST',
      body,
      headers: { 'content-length': String(10 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    const result = await readJsonBody(request, 'message', 4096);
    expect(result).toBeInstanceOf(OhmError);
    expect((result as OhmError).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
    const result = await readJsonBody(request, 'message', 4096);
    expect((result as OhmError).status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('parses JSON under the cap and names a body that is not JSON', async () => {
    expect(await readJsonBody(new Request('http://x/', { method: 'POST', body: '{"a":1}' }), 'message')).toEqual({
      a: 1,
    });
    const bad = await readJsonBody(new Request('http://x/', { method: 'POST', body: 'hello' }), 'message');
    expect((bad as OhmError).status).toBe(400);
  });
});
