// Starts an in-process gateway on a free port, so a test exercises the code in this checkout, not whatever
// gateway process happens to be running.
import { afterAll, beforeAll } from 'vitest';
import { startGateway } from '../../supabase/local/gateway.ts';

type Options = Parameters<typeof startGateway>[0];

export function gatewayForSuite(options: Omit<NonNullable<Options>, 'port'> = {}) {
  const state = { url: '', close: async () => {} };
  beforeAll(async () => {
    const gateway = await startGateway({ ...options, port: 0 });
    state.url = `http://127.0.0.1:${gateway.port}`;
    state.close = gateway.close;
  });
  afterAll(async () => {
    await state.close();
  });
  return state;
}
