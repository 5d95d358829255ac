// Every route handler that changes something is behind the shared same-origin check (lib/http/same-origin.ts):
// Next.js protects server actions from CSRF, not route handlers. This walks app/**/route.ts, so a handler added
// later without the check fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = path.resolve(import.meta.dirname, '../../app');
const mutating = ['POST', 'PUT', 'PATCH', 'DELETE'];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

function unguardedHandlers(source: string): string[] {
  // A documented exemption: a handler that changes nothing and must accept reports from the browser itself.
  if (/export const acceptsCrossSite = '[^']{20,}'/.test(source)) return [];
  return mutating.filter((method) => {
    const exported = new RegExp(
      `export\\s+(async\\s+function\\s+${method}\\b|(const|let|var)\\s+${method}\\b|\\{[^}]*\\b${method}\\b[^}]*\\})`,
    );
    if (!exported.test(source)) return false;
    return !new RegExp(`export\\s+const\\s+${method}\\s*=\\s*mutatingHandler\\(`).test(source);
  });
}

describe('route handlers', () => {
  const files = routeFiles(appDir);

  it('finds the route tree', () => {
    expect(files.map((f) => path.relative(appDir, f))).toContain(path.join('api', 'chat', '[id]', 'reply', 'route.ts'));
  });

  it.each(files.map((f) => [path.relative(appDir, f), f]))('%s: every non-GET handler checks the origin', (_, file) => {
    expect(unguardedHandlers(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the walker catches an unguarded handler, however it is exported', () => {
    expect(unguardedHandlers('export async function POST(request: Request) {}')).toEqual(['POST']);
    expect(unguardedHandlers('export const DELETE = async () => new Response();')).toEqual(['DELETE']);
    expect(unguardedHandlers('async function handler() {}\nexport { handler as PATCH };')).toEqual(['PATCH']);
    expect(unguardedHandlers('export const POST = mutatingHandler(async () => new Response());')).toEqual([]);
    expect(unguardedHandlers('export async function GET() {}')).toEqual([]);
  });
});
