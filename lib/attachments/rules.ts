// What the composer may attach and where it goes: the accepted types with their size limits, the names shown and
// the Storage keys used. Shared by the browser (early, friendly refusals; the upload's key) and the server (the
// content check in inspect.ts, which alone decides: nothing here trusts a name or a browser's claimed type).

export type AttachmentType =
  'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | 'application/json' | 'application/x-kicad-netlist';
export type AttachmentCategory = 'circuit_image' | 'datasheet' | 'circuit_file';

const MB = 1024 * 1024;

/** Per-type limits; the bucket's own limit (20 MB, 20261125041600) is the largest of them. */
export const attachmentLimits: Record<AttachmentType, { bytes: number; label: string; category: AttachmentCategory }> =
  {
    'image/jpeg': { bytes: 10 * MB, label: 'JPEG photo', category: 'circuit_image' },
    'image/png': { bytes: 10 * MB, label: 'PNG image', category: 'circuit_image' },
    'image/webp': { bytes: 10 * MB, label: 'WebP image', category: 'circuit_image' },
    'application/pdf': { bytes: 20 * MB, label: 'PDF', category: 'datasheet' },
    'application/json': { bytes: 2 * MB, label: 'Wokwi diagram.json', category: 'circuit_file' },
    'application/x-kicad-netlist': { bytes: 2 * MB, label: 'KiCad netlist', category: 'circuit_file' },
  };

/** Images larger than this on either side, or in pixels, are refused before they are decoded. */
export const maxImageSide = 12_000;
export const maxImagePixels = 50_000_000;
export const maxAttachmentsPerMessage = 10;
/**
 * HEIC (the iPhone camera's format): the sharp build we ship reads HEIF only with the AV1 codec (AVIF), not HEVC,
 * so a HEIC photo cannot be decoded or given a thumbnail here, and is refused with what to do instead.
 */
export const heicRefusal =
  'This is a HEIC photo (the iPhone camera’s format), which OHM cannot read: export it as JPEG and attach that (on the iPhone, Settings → Camera → Formats → Most Compatible takes JPEGs).';
export const acceptedFilesHint = 'photos (JPEG, PNG, WebP), PDF datasheets, Wokwi diagram.json or KiCad .net files';

const byExtension: Record<string, AttachmentType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  json: 'application/json',
  net: 'application/x-kicad-netlist',
};

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * The type the upload is sent as (Storage records it, and serves the file with it). It comes from the name, so
 * the content check can refuse a file whose bytes are something else (an SVG called .png, an .exe called .pdf).
 */
export function claimedTypeFor(name: string): AttachmentType | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]{1,10})$/)?.[1];
  return ext ? (byExtension[ext] ?? null) : null;
}

/** A refusal the browser can tell before uploading (the server checks again, by content). */
export function refusalBeforeUpload(name: string, size: number): string | null {
  const type = claimedTypeFor(name);
  if (/\.(heic|heif)$/i.test(name)) return `${displayName(name)}: ${heicRefusal}`;
  if (!type) return `${displayName(name)}: only ${acceptedFilesHint} can be attached.`;
  if (size === 0) return `${displayName(name)} is empty.`;
  const limit = attachmentLimits[type];
  if (size > limit.bytes)
    return `${displayName(name)} is ${formatBytes(size)}: a ${limit.label} can be at most ${formatBytes(limit.bytes)}.`;
  return null;
}

// Control characters (C0, DEL, C1) and the invisible bidirectional marks and overrides that make "gpj.exe" read
// as "exe.jpg".
const invisible = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function splitExtension(name: string): [string, string] {
  const match = name.match(/^(.*?)(\.[A-Za-z0-9]{1,10})?$/s);
  return [match?.[1] ?? name, (match?.[2] ?? '').toLowerCase()];
}

/** The name people see: no control or bidi characters, no folders, at most 120 characters with its extension. */
export function displayName(raw: string): string {
  const flat = raw.normalize('NFC').replace(invisible, '').replace(/[/\\]/g, '_').trim();
  const [base, ext] = splitExtension(flat);
  const cleanBase = [...base.replace(/^\.+/, '')]
    .slice(0, 120 - ext.length)
    .join('')
    .trim();
  return (cleanBase || 'file') + ext;
}

/** The name's part of a Storage key: ASCII letters, digits, dot, dash and underscore only, at most 64 characters. */
export function keyName(raw: string): string {
  const [base, ext] = splitExtension(displayName(raw));
  const safeBase = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 64 - ext.length);
  return (safeBase || 'file') + ext;
}

/** The name exactly as sent, kept as data: invisible characters written out as \u{…}, at most 1,000 characters. */
export function escapedOriginalName(raw: string): string {
  return [...raw.slice(0, 1000)]
    .map((ch) => (ch.match(invisible) ? `\\u{${ch.codePointAt(0)!.toString(16)}}` : ch))
    .join('');
}

/** `<user_id>/<chat_id>/<uuid>-<safe name>`: the folder the storage policies give the user, and a key of our own. */
export function attachmentKey({
  userId,
  chatId,
  id,
  name,
}: {
  userId: string;
  chatId: string;
  id: string;
  name: string;
}) {
  return `${userId}/${chatId}/${id}-${keyName(name)}`;
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const keyPattern = new RegExp(`^(${uuid})/(${uuid})/(${uuid})-([A-Za-z0-9._-]{1,64})$`);

/** The parts of a key made by attachmentKey, or null for anything else. */
export function parseAttachmentKey(key: string) {
  const match = key.match(keyPattern);
  return match ? { userId: match[1], chatId: match[2], id: match[3], name: match[4] } : null;
}

/** Where the server puts an image's thumbnail: beside the file, in the same folder. */
export function thumbnailKey(key: string): string {
  const parts = parseAttachmentKey(key);
  if (!parts) throw new Error(`not an attachment key: ${key}`);
  return `${parts.userId}/${parts.chatId}/${parts.id}.thumb.webp`;
}
