// Browsers reach every API cross-origin, as with hosted Supabase: preflights pass and the headers
// supabase-js reads (Content-Range) are exposed.
import { describe, expect, it } from 'vitest';
import { gatewayForSuite } from '../support/gateway.ts';
import { publishableKey } from '../support/stack.ts';

const gateway = gatewayForSuite();

describe('CORS', () => {
  it('answers preflights for the headers supabase-js sends', async () => {
    const res = await fetch(`${gateway.url}/rest/v1/rpc/get_chat_page`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey,authorization,content-profile,x-client-info,prefer',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-headers')).toContain('content-profile');
  });

  it('exposes Content-Range on reads', async () => {
    const res = await fetch(`${gateway.url}/rest/v1/model_prices?select=model`, {
      headers: { origin: 'http://localhost:3000', apikey: publishableKey },
    });
    expect(res.headers.get('access-control-expose-headers')).toContain('content-range');
  });
});
