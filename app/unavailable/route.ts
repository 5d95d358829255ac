// OHM's "unavailable, try again" page, answered with 503 and Retry-After (see lib/http/unavailable.ts). Plain HTML
// with no script, styled with the request's CSP nonce; "Try again" goes back to the page that could not load.
import { safeNextPath } from '@/lib/auth/redirect';
import { unavailableRetryAfterSeconds } from '@/lib/http/unavailable';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function GET(request: Request) {
  const next = safeNextPath(new URL(request.url).searchParams.get('next'));
  const nonce = request.headers.get('x-nonce') ?? '';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Unavailable · OHM</title>
<style nonce="${escapeHtml(nonce)}">
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  main { max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
  a.button { display: inline-block; margin-top: 1rem; padding: .5rem 1rem; border-radius: .5rem; background: #0369a1; color: #fff; text-decoration: none; }
</style>
</head>
<body>
<main data-testid="unavailable">
  <h1>OHM is unavailable right now</h1>
  <p>OHM cannot reach its database. Your chats are safe: try again in a moment.</p>
  <a class="button" href="${escapeHtml(next)}">Try again</a>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(unavailableRetryAfterSeconds),
    },
  });
}
