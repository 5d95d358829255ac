// What chat Markdown may link to: only http(s) and mailto, so `javascript:`, `data:` and relative tricks render inert.
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  // Control characters and whitespace inside a scheme are how `java\tscript:` slips past naive checks.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  return allowedProtocols.has(parsed.protocol) ? parsed.toString() : null;
}
