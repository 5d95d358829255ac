// The content check of an upload: what the bytes are, never what the name or the browser says. Pure (bytes in,
// verdict out) so the forged-file corpus in tests/unit can drive it; data.ts reads the object and acts on it.
// Images are decoded by sharp with a pixel limit (a decompression bomb is refused, not decoded) into a small WebP
// thumbnail; PDFs must start with %PDF-, end with %%EOF, carry no script and parse, and page 1 is drawn as the
// card's image (pdf-preview.ts); text files must be one of the circuit formats. A refusal is an OhmError whose
// message says what is accepted. Server code (it holds sharp), but no data access, so the bench and the tests run it
// as it is.
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { OhmError } from '../errors.ts';
import { pdfCanvasFactory, pdfOpenOptions, renderPdfPreview } from './pdf-preview.ts';
import type { AttachmentFacts } from './types.ts';
import {
  acceptedFilesHint,
  attachmentLimits,
  heicRefusal,
  maxImagePixels,
  maxImageSide,
  sizeRefusal,
  type AttachmentCategory,
  type AttachmentType,
} from './rules.ts';

// One decode at a time and no cache: the server's memory stays flat however many uploads arrive together.
sharp.concurrency(1);
sharp.cache(false);

export type Inspection = {
  fileType: AttachmentType;
  category: AttachmentCategory;
  size: number;
  thumbnail?: Buffer;
  /** Shown on the card: pixel size, page count, the first words of page 1 (and why page 1 has no image). */
  facts: AttachmentFacts;
};

const refuse = (message: string) => new OhmError('bad_request:upload', message);

const executables = new Set(['exe', 'elf', 'mach', 'dmg', 'msi', 'class', 'wasm', 'dex', 'deb', 'rpm', 'apk']);

/**
 * Markers of a second format hidden in an image or a PDF (a polyglot), or of content a browser would run. Each is
 * five bytes or more, so compressed pixel data matches one by chance about once in a hundred thousand 10 MB photos.
 */
const activeMarkers = ['<html', '<script', '<svg ', '<?php', '<!doctype', '<iframe', 'javascript:'];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function hasMarker(bytes: Buffer, markers: string[]): string | null {
  const found = new RegExp(markers.map(escapeRegExp).join('|'), 'i').exec(bytes.toString('latin1'));
  return found ? found[0].toLowerCase() : null;
}

function tooLarge(type: AttachmentType, size: number) {
  return size > attachmentLimits[type].bytes ? new OhmError('too_large:upload', sizeRefusal(type, size)) : null;
}

/** What the file is, or an OhmError saying why it is refused. `claimed`: the type it was uploaded as. */
export async function inspectBytes(bytes: Buffer, claimed: string | null): Promise<Inspection> {
  if (bytes.length === 0) throw refuse('This file is empty.');
  const detected = await fileTypeFromBuffer(bytes);
  let inspection: Inspection;
  if (!detected) inspection = inspectText(bytes);
  else if (executables.has(detected.ext))
    throw refuse(`This file is a program (${detected.ext}), whatever its name says: only ${acceptedFilesHint}.`);
  // file-type names the brands: `ftypheic`/`heix` as image/heic, `ftypmif1`/`msf1` (the HEIF image brand) as image/heif.
  else if (detected.mime === 'image/heic' || detected.mime === 'image/heif') throw refuse(heicRefusal);
  else if (detected.mime === 'image/jpeg' || detected.mime === 'image/png' || detected.mime === 'image/webp')
    inspection = await inspectImage(bytes, detected.mime);
  else if (detected.mime === 'application/pdf') inspection = await inspectPdf(bytes);
  else throw refuse(`This is a ${detected.ext.toUpperCase()} file: only ${acceptedFilesHint} can be attached.`);
  if (claimed && claimed !== inspection.fileType)
    throw refuse(
      `This file's name says ${attachmentLimits[claimed as AttachmentType]?.label ?? claimed} but it is a ${attachmentLimits[inspection.fileType].label}: rename it and attach it again.`,
    );
  return inspection;
}

async function inspectImage(bytes: Buffer, fileType: 'image/jpeg' | 'image/png' | 'image/webp'): Promise<Inspection> {
  const large = tooLarge(fileType, bytes.length);
  if (large) throw large;
  const marker = hasMarker(bytes, [...activeMarkers, '%pdf-']);
  if (marker) throw refuse(`This image also holds another kind of file (${marker}…): it is refused.`);
  const image = sharp(bytes, { limitInputPixels: maxImagePixels, failOn: 'truncated' });
  const meta = await image.metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw refuse('This image cannot be read: it is damaged or incomplete.');
  if (meta.width > maxImageSide || meta.height > maxImageSide || meta.width * meta.height > maxImagePixels)
    throw refuse(
      `This image is ${meta.width} × ${meta.height} pixels: at most ${maxImageSide.toLocaleString('en-US')} on a side and ${maxImagePixels / 1e6} megapixels.`,
    );
  const thumbnail = await image
    .rotate()
    .resize(480, 480, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer()
    .catch(() => {
      throw refuse('This image cannot be read: it is damaged or incomplete.');
    });
  return {
    fileType,
    category: 'circuit_image',
    size: bytes.length,
    thumbnail,
    facts: { width: meta.width, height: meta.height },
  };
}

async function inspectPdf(bytes: Buffer): Promise<Inspection> {
  const large = tooLarge('application/pdf', bytes.length);
  if (large) throw large;
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw refuse('This PDF does not start as a PDF does.');
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  const end = tail.lastIndexOf('%%EOF');
  if (end < 0) throw refuse('This PDF is incomplete (it has no end): download it again and attach the whole file.');
  if (tail.slice(end + 5).trim() !== '')
    throw refuse('This PDF has another file appended after its end: it is refused.');
  const marker = hasMarker(bytes.subarray(0, 4096), activeMarkers) ?? hasMarker(bytes, ['/javascript', '/launch']);
  if (marker) throw refuse(`This PDF carries active content (${marker}): it is refused.`);
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    ...pdfOpenOptions,
    CanvasFactory: await pdfCanvasFactory(),
  }).catch(() => null);
  if (!pdf || pdf.numPages < 1) throw refuse('This PDF cannot be read: it is damaged or incomplete.');
  try {
    const page = await pdf.getPage(1);
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    const preview = await renderPdfPreview(pdf);
    return {
      fileType: 'application/pdf',
      category: 'datasheet',
      size: bytes.length,
      thumbnail: 'image' in preview ? preview.image : undefined,
      facts: {
        page_count: pdf.numPages,
        first_page_excerpt: text.slice(0, 280),
        ...('error' in preview ? { preview_error: preview.error } : {}),
      },
    };
  } catch {
    throw refuse('This PDF cannot be read: it is damaged or incomplete.');
  } finally {
    await pdf.loadingTask.destroy();
  }
}

function inspectText(bytes: Buffer): Inspection {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(`This file is not one we can read: only ${acceptedFilesHint} can be attached.`);
  }
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<'))
    throw refuse(`This is HTML, SVG or XML, whatever its name says: only ${acceptedFilesHint} can be attached.`);
  if (start.startsWith('{')) {
    const large = tooLarge('application/json', bytes.length);
    if (large) throw large;
    let diagram: unknown;
    try {
      diagram = JSON.parse(start);
    } catch {
      throw refuse('This JSON file does not parse: attach the diagram.json Wokwi saves.');
    }
    const d = diagram as { parts?: unknown; connections?: unknown };
    if (!Array.isArray(d.parts) || !Array.isArray(d.connections))
      throw refuse('This JSON file is not a Wokwi diagram (it has no parts and connections).');
    return { fileType: 'application/json', category: 'circuit_file', size: bytes.length, facts: {} };
  }
  if (start.startsWith('(export')) {
    const large = tooLarge('application/x-kicad-netlist', bytes.length);
    if (large) throw large;
    return { fileType: 'application/x-kicad-netlist', category: 'circuit_file', size: bytes.length, facts: {} };
  }
  throw refuse(`This text file is not a circuit file: only ${acceptedFilesHint} can be attached.`);
}
