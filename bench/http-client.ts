// A lean HTTP/1.1 load generator for the benchmarks: node:http over keep-alive sockets, as wrk or k6 would drive a
// server. Undici's fetch spends more CPU per request than the gateway does, and on a 2-core machine the client's
// cost would be measured as the server's.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export type LeanResponse = { status: number; body: string };

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<LeanResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves when the answer is a 2xx; otherwise fails with the status and body, so a broken workload is not timed. */
export async function expectOk(url: string, options: Parameters<typeof request>[1] = {}): Promise<void> {
  const res = await request(url, options);
  if (res.status < 200 || res.status > 299) throw new Error(`${url} answered ${res.status}: ${res.body}`);
}
