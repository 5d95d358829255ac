// Where to go after signing in: only paths on this site, so `?next=` can never send someone elsewhere.
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next === '') return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, 'http://ohm.invalid');
    if (url.origin !== 'http://ohm.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
