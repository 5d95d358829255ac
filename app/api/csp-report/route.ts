// Where browsers report Content-Security-Policy violations (report-uri and the Reporting API's report-to). Logs
// which directive blocked what kind of source on which route, never user content: no query strings, no script
// samples, no full URLs of what was blocked.
import { OhmError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';

/** Not wrapped in mutatingHandler: it changes nothing, and browsers send reports without a same-origin Origin. */
export const acceptsCrossSite = 'CSP violation reports are logged, never stored, and change nothing';

type Violation = Record<string, unknown>;

/** `https://cdn.example/x.js?q` → `https://cdn.example`; keywords (`inline`, `eval`, `data`) stay as they are. */
function sourceOf(value: unknown): string {
  if (typeof value !== 'string') return 'unknown';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  } catch {
    return value.slice(0, 32);
  }
}

function pathOf(value: unknown): string {
  if (typeof value !== 'string') return 'unknown';
  try {
    // Ids in paths are not content; tokens of share links are secrets: drop what follows /share/.
    return new URL(value).pathname.replace(/^\/share\/.+/, '/share/…').slice(0, 200);
  } catch {
    return 'unknown';
  }
}

function violationsOf(body: unknown): Violation[] {
  if (Array.isArray(body)) {
    return body
      .filter((r) => r && typeof r === 'object' && (r as Violation).type === 'csp-violation')
      .map((r) => ((r as Violation).body ?? {}) as Violation);
  }
  const legacy = body && typeof body === 'object' ? (body as Violation)['csp-report'] : undefined;
  return legacy && typeof legacy === 'object' ? [legacy as Violation] : [];
}

export async function POST(request: Request) {
  const body = await readJsonBody(request, 'request', 16 * 1024);
  if (body instanceof OhmError) return body.toResponse();
  for (const v of violationsOf(body).slice(0, 10)) {
    console.warn(
      JSON.stringify({
        event: 'csp_violation',
        directive: String(v.effectiveDirective ?? v['effective-directive'] ?? v['violated-directive'] ?? 'unknown'),
        blocked: sourceOf(v.blockedURL ?? v['blocked-uri']),
        page: pathOf(v.documentURL ?? v['document-uri']),
        disposition: String(v.disposition ?? 'enforce'),
      }),
    );
  }
  return new Response(null, { status: 204 });
}
