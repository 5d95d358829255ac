// The Content-Security-Policy (proxy.ts, lib/security/csp.ts), the same-origin check of every mutating route
// handler (lib/http/same-origin.ts) and capped bodies, against the production build.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ChatPage } from './pages/chat';
import { expect, test } from './fixtures';

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text)) violations.push(text);
  });
  return violations;
}

test('every HTML response carries a CSP with a fresh nonce, and every script in it carries that nonce', async ({
  request,
}) => {
  const [first, second] = await Promise.all([request.get('/'), request.get('/login')]);
  const nonces = [first, second].map((response) => {
    const policy = response.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(policy).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+/);
    return /'nonce-([^']+)'/.exec(policy)![1];
  });
  expect(nonces[0]).not.toBe(nonces[1]);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no page reports a CSP violation (${theme} theme)`, async ({ page, browser }) => {
    const violations = await watchViolations(page);
    await page.addInitScript((t) => localStorage.setItem('ohm-theme', t), theme);
    const chat = new ChatPage(page);
    await page.goto('/login');
    await chat.startChat('ESP32 weather station with a BME280, a chart of the temperature');
    // The theme script ran: it is the only thing that puts the chosen theme's class on <html> before hydration.
    await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${theme}\\b`));
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    await page.keyboard.press('Escape');
    await page.goto('/search?q=weather');
    await expect(page.getByTestId('search-results').getByRole('listitem').first()).toBeVisible();
    await page.goto(`/chat/${crypto.randomUUID()}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

    const visitor = await browser.newContext();
    const reader = await visitor.newPage();
    const readerViolations = await watchViolations(reader);
    await reader.addInitScript((t) => localStorage.setItem('ohm-theme', t), theme);
    await reader.goto(link);
    await expect(chat.in(reader).messages).toHaveCount(2);
    await visitor.close();
    expect([...violations, ...readerViolations]).toEqual([]);
  });
}

/** Every route handler's URL, from the route tree (dynamic segments filled with a random id). */
function routeHandlers(): Array<{ url: string; source: string }> {
  const appDir = path.resolve('app');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? walk(full) : e.name === 'route.ts' ? [full] : [];
    });
  return walk(appDir).map((file) => ({
    url:
      '/' +
      path
        .relative(appDir, path.dirname(file))
        .split(path.sep)
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .map((segment) => (/^\[.*\]$/.test(segment) ? crypto.randomUUID() : segment))
        .join('/'),
    source: fs.readFileSync(file, 'utf8'),
  }));
}

test('every mutating route handler refuses a cross-origin and a null-origin request', async ({ request }) => {
  const handlers = routeHandlers().filter((h) =>
    /export const (POST|PUT|PATCH|DELETE) = mutatingHandler/.test(h.source),
  );
  expect(handlers.map((h) => h.url)).toContainEqual(expect.stringMatching(/^\/api\/chat\/[0-9a-f-]{36}\/reply$/));
  for (const { url } of handlers) {
    for (const origin of ['https://evil.example', 'null']) {
      const response = await request.post(url, {
        headers: { origin, 'content-type': 'text/plain' },
        data: '{}',
      });
      expect(response.status(), `${origin} → ${url}`).toBe(403);
      expect((await response.json()).code).toBe('forbidden:request');
    }
  }
});

test('a 10 MB body gets 413, declared or streamed, before the handler reads it', async ({ baseURL }) => {
  const url = `${baseURL}/api/chat/${crypto.randomUUID()}/reply`;
  const big = new Uint8Array(10 * 1024 * 1024).fill(0x20);
  const declared = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
  expect(declared.status).toBe(413);
  expect((await declared.json()).code).toBe('too_large:request');
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const streamed = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new ReadableStream({
      pull(controller) {
        if (sent >= big.byteLength) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
    duplex: 'half',
  } as RequestInit);
  expect(streamed.status).toBe(413);
});

test('CSP reports are accepted and logged without their content', async ({ request }) => {
  const response = await request.post('/api/csp-report', {
    headers: { 'content-type': 'application/csp-report' },
    data: JSON.stringify({
      'csp-report': {
        'document-uri': 'http://127.0.0.1/share/secret-token?q=private',
        'effective-directive': 'script-src-elem',
        'blocked-uri': 'https://cdn.example/evil.js?user=me',
      },
    }),
  });
  expect(response.status()).toBe(204);
});
