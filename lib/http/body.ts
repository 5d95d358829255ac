// Request bodies read with a cap: a declared Content-Length over the cap is refused before a byte is read, and a
// body streamed without one is cut off as soon as it passes the cap, so a 10 MB body never sits in memory.
import { OhmError } from '@/lib/errors';

export const defaultBodyLimit = 64 * 1024;

function tooLarge(maxBytes: number) {
  return new OhmError('too_large:request', `The request body can be at most ${Math.round(maxBytes / 1024)} KB.`);
}

/** The body as text, or an OhmError (413) when it is larger than `maxBytes`. */
export async function readBodyText(request: Request, maxBytes = defaultBodyLimit): Promise<string | OhmError> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The body parsed as JSON (an empty body is `{}`), or the OhmError to answer: 413 when too large, 400 when not JSON. */
export async function readJsonBody(
  request: Request,
  surface: 'message' | 'request',
  maxBytes = defaultBodyLimit,
): Promise<unknown | OhmError> {
  const text = await readBodyText(request, maxBytes);
  if (text instanceof OhmError) return text;
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return new OhmError(`bad_request:${surface}`, 'The request body is not JSON.');
  }
}
