// The Content-Security-Policy of every HTML response: scripts run only with the request's nonce (and what those
// scripts load, 'strict-dynamic'), so a markdown or artifact rendering bug cannot become script running as the
// user. Next.js reads the nonce from this header on the request and puts it on its own scripts; the layout puts it
// on the theme script. Violations are reported to /api/csp-report.
export const cspReportPath = '/api/csp-report';

/**
 * The theme script's own hash (components/ui/theme.ts themeScript; tests/unit/csp.test.ts keeps them in step): a
 * share page kept whole in Next.js's cache is rendered without request headers, so the layout cannot give the
 * script its nonce there.
 */
export const themeScriptHash = "'sha256-YjotXiXvqtp4llmgWVsnTD5tDRry/GoKmFeFXj61crw='";

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({
  nonce,
  supabaseUrl,
  dev = false,
}: {
  nonce: string;
  supabaseUrl: string;
  dev?: boolean;
}): string {
  const supabase = new URL(supabaseUrl);
  const supabaseWs = `${supabase.protocol === 'https:' ? 'wss:' : 'ws:'}//${supabase.host}`;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // React's development build evaluates code for its error overlays; production never does.
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      themeScriptHash,
      "'strict-dynamic'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    // Styles come from the app's own stylesheets and the nonce'd ones Next.js inlines; no inline style attributes.
    // The dev server injects its styles from script without a nonce (a nonce would make 'unsafe-inline' ignored).
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    'img-src': ["'self'", 'data:', 'blob:', supabase.origin],
    'font-src': ["'self'"],
    'connect-src': ["'self'", supabase.origin, supabaseWs],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'report-uri': [cspReportPath],
    'report-to': ['csp'],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The Reporting API endpoint that `report-to csp` names (browsers that know it prefer it to report-uri). */
export const reportingEndpoints = `csp="${cspReportPath}"`;
