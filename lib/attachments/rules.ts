// What the composer may attach and where it goes: the accepted types with their size limits, the names shown and
// the Storage keys used. Shared by the browser (early, friendly refusals; the upload's key) and the server (the
// content check in inspect.ts, which alone decides: nothing here trusts a name or a browser's claimed type).

export type AttachmentType =
  'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf' | 'application/json' | 'application/x-kicad-netlist';
export type AttachmentCategory = 'circuit_image' | 'datasheet' | 'circuit_file';

const MB = 1024 * 1024;

/**
 * Each kind has a Storage bucket of its own, whose file_size_limit and allowed_mime_types are these (set in
 * 20261201151311_attachment_kinds_in_their_own_buckets; tests/db/attachments checks they agree): Storage refuses an
 * upload over its kind's limit before it keeps a byte, and the app says the same in words first.
 */
export const attachmentBuckets = {
  circuit_image: { id: 'attachments', bytes: 20 * MB, kind: 'Photos' },
  datasheet: { id: 'attachment-datasheets', bytes: 25 * MB, kind: 'PDF datasheets' },
  circuit_file: { id: 'attachment-circuits', bytes: 2 * MB, kind: 'Circuit files (diagram.json, .net)' },
} as const satisfies Record<AttachmentCategory, { id: string; bytes: number; kind: string }>;
export type AttachmentBucket = (typeof attachmentBuckets)[AttachmentCategory]['id'];

const limitsOf = (category: AttachmentCategory, label: string) => ({
  bytes: attachmentBuckets[category].bytes,
  label,
  category,
});
/** Per-type limits: each type's kind's bucket limit. */
export const attachmentLimits: Record<AttachmentType, { bytes: number; label: string; category: AttachmentCategory }> =
  {
    'image/jpeg': limitsOf('circuit_image', 'JPEG photo'),
    'image/png': limitsOf('circuit_image', 'PNG image'),
    'image/webp': limitsOf('circuit_image', 'WebP image'),
    'application/pdf': limitsOf('datasheet', 'PDF'),
    'application/json': limitsOf('circuit_file', 'Wokwi diagram.json'),
    'application/x-kicad-netlist': limitsOf('circuit_file', 'KiCad netlist'),
  };

/** The bucket a file of this type goes to. */
export const bucketFor = (type: AttachmentType): AttachmentBucket =>
  attachmentBuckets[attachmentLimits[type].category].id;

/** "Photos up to 20 MB; this one is 31 MB." */
export function sizeRefusal(type: AttachmentType, size: number): string {
  const { kind, bytes } = attachmentBuckets[attachmentLimits[type].category];
  return `${kind} up to ${formatBytes(bytes)}; this one is ${formatBytes(size)}.`;
}

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
  if (size > attachmentLimits[type].bytes) return `${displayName(name)}: ${sizeRefusal(type, size)}`;
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
