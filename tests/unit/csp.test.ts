// The Content-Security-Policy every page carries (lib/security/csp.ts), as a string the browser enforces.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { themeScript } from '@/components/ui/theme';
import { contentSecurityPolicy, createNonce, themeScriptHash } from '@/lib/security/csp';

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the CSP', () => {
  it('runs only nonce’d scripts in production, and talks only to the app and its Supabase', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc', supabaseUrl: 'https://ref.supabase.co' }));
    expect(policy['script-src']).toEqual(["'self'", "'nonce-abc'", themeScriptHash, "'strict-dynamic'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'https://ref.supabase.co', 'wss://ref.supabase.co']);
    expect(policy['img-src']).toContain('https://ref.supabase.co');
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-inline'");
  });

  it("allows eval and inline styles only for the development server's overlays", () => {
    const policy = directives(
      contentSecurityPolicy({ nonce: 'abc', supabaseUrl: 'http://127.0.0.1:54321', dev: true }),
    );
    expect(policy['script-src']).toContain("'unsafe-eval'");
    expect(policy['connect-src']).toContain('ws://127.0.0.1:54321');
  });

  it("allows the theme script by its hash, which is the script's", () => {
    const hash = createHash('sha256').update(themeScript).digest('base64');
    expect(themeScriptHash).toBe(`'sha256-${hash}'`);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
