// Files made in the tests (never checked in): real photos and PDFs from sharp and PDFKit, and the forged corpus the
// content check must refuse. Shared by the unit, database and browser tests and the uploads bench.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * A photo of `width` × `height` with some structure in it (a gradient and a few shapes), as JPEG, PNG or WebP;
 * with `grain`, sensor-like noise too, so it compresses like a real photo (a 12 MP one is a few megabytes).
 */
export async function makePhoto({
  width = 640,
  height = 480,
  format = 'jpeg',
  grain = false,
}: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp'; grain?: boolean } = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#1e3a8a"/><stop offset="1" stop-color="#16a34a"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <rect x="${width / 4}" y="${height / 4}" width="${width / 2}" height="${height / 3}" fill="#0f172a" rx="12"/>
    <circle cx="${width * 0.7}" cy="${height * 0.7}" r="${Math.min(width, height) / 10}" fill="#facc15"/></svg>`;
  const drawn = sharp(Buffer.from(svg), { limitInputPixels: false });
  const image = grain
    ? sharp({
        create: {
          width,
          height,
          channels: 3,
          background: '#808080',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
        limitInputPixels: false,
      }).composite([{ input: await drawn.png().toBuffer(), blend: 'overlay' }])
    : drawn;
  return format === 'png'
    ? image.png().toBuffer()
    : format === 'webp'
      ? image.webp().toBuffer()
      : image.jpeg({ quality: 85 }).toBuffer();
}

/** A PDF of `pages` pages, page 1 starting with `title`. */
export function makePdf({ pages = 2, title = 'BME280 Combined humidity and pressure sensor' } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let page = 1; page <= pages; page++) {
      if (page > 1) doc.addPage();
      doc.fontSize(18).text(page === 1 ? title : `Page ${page}`);
      doc.fontSize(10).text(`Supply voltage 1.71 V to 3.6 V. I2C address 0x76 or 0x77. Section ${page}.`);
    }
    doc.end();
  });
}

export const wokwiDiagram = JSON.stringify({
  version: 1,
  author: 'OHM tests',
  editor: 'wokwi',
  parts: [{ type: 'board-esp32-devkit-c-v4', id: 'esp', top: 0, left: 0, attrs: {} }],
  connections: [['esp:TX', '$serialMonitor:RX', '', []]],
});

export const kicadNetlist =
  '(export (version "E")\n  (design (source "station.kicad_sch"))\n  (nets (net (code "1") (name "GND"))))\n';

/**
 * The start of an iPhone-style HEIF file: an ISO-BMFF `ftyp` box with `major` and its compatible brands (`heic`
 * for an iPhone photo, `mif1` for the generic HEIF image brand), then a `meta` box with its `hdlr pict`, as a
 * camera writes before the coded image. Enough for a content check, which must look no further.
 */
export function makeHeif({ major = 'heic', compatible = ['mif1', 'heic'] } = {}): Buffer {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const ftyp = box('ftyp', Buffer.from(major + '\0\0\0\0' + compatible.join(''), 'latin1'));
  const hdlr = box('hdlr', Buffer.concat([Buffer.alloc(8), Buffer.from('pict', 'latin1'), Buffer.alloc(13)]));
  return Buffer.concat([ftyp, box('meta', Buffer.concat([Buffer.alloc(4), hdlr])), Buffer.alloc(2048, 0x5a)]);
}

/** Files whose names and claimed types lie, each with the words its refusal must contain. */
export async function forgedFiles(): Promise<
  { label: string; name: string; bytes: Buffer; claimed: string; says: RegExp }[]
> {
  const photo = await makePhoto({ width: 64, height: 48 });
  const pdf = await makePdf({ pages: 1 });
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
  const pe = Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0'),
    Buffer.alloc(200),
  ]);
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
  const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]), Buffer.alloc(60)]);
  return [
    { label: 'an SVG named .png', name: 'wiring.png', bytes: svg, claimed: 'image/png', says: /HTML, SVG or XML/ },
    {
      label: 'an HTML page named .pdf',
      name: 'datasheet.pdf',
      bytes: html,
      claimed: 'application/pdf',
      says: /HTML, SVG or XML/,
    },
    { label: 'an ELF executable named .jpg', name: 'photo.jpg', bytes: elf, claimed: 'image/jpeg', says: /program/ },
    {
      label: 'a Windows executable named .pdf',
      name: 'datasheet.pdf',
      bytes: pe,
      claimed: 'application/pdf',
      says: /program/,
    },
    { label: 'a zip named .pdf', name: 'datasheet.pdf', bytes: zip, claimed: 'application/pdf', says: /ZIP file/ },
    {
      label: 'a truncated PDF',
      name: 'cut.pdf',
      bytes: pdf.subarray(0, Math.floor(pdf.length * 0.6)),
      claimed: 'application/pdf',
      says: /incomplete/,
    },
    {
      label: 'a PDF with a zip appended (polyglot)',
      name: 'poly.pdf',
      bytes: Buffer.concat([pdf, zip]),
      claimed: 'application/pdf',
      says: /appended/,
    },
    {
      label: 'an HTML page with a PDF header (polyglot)',
      name: 'poly.pdf',
      bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), html, pdf.subarray(9)]),
      claimed: 'application/pdf',
      says: /active content/,
    },
    {
      label: 'a JPEG with a PDF inside (polyglot)',
      name: 'poly.jpg',
      bytes: Buffer.concat([photo, pdf]),
      claimed: 'image/jpeg',
      says: /another kind of file/,
    },
    {
      label: 'a truncated JPEG',
      name: 'cut.jpg',
      bytes: photo.subarray(0, Math.floor(photo.length / 2)),
      claimed: 'image/jpeg',
      says: /damaged or incomplete/,
    },
    {
      label: 'a PNG named .pdf',
      name: 'photo.pdf',
      bytes: await makePhoto({ width: 32, height: 32, format: 'png' }),
      claimed: 'application/pdf',
      says: /name says PDF but it is a PNG image/,
    },
    {
      label: 'a text file',
      name: 'notes.json',
      bytes: Buffer.from('hello'),
      claimed: 'application/json',
      says: /not a circuit file/,
    },
    {
      label: 'JSON that is no Wokwi diagram',
      name: 'diagram.json',
      bytes: Buffer.from('{"a":1}'),
      claimed: 'application/json',
      says: /not a Wokwi diagram/,
    },
    { label: 'an empty file', name: 'empty.pdf', bytes: Buffer.alloc(0), claimed: 'application/pdf', says: /empty/ },
  ];
}
