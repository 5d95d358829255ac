// The PDF plumbing the wiring PDF uses: PDFKit with DejaVu Sans embedded (PDFKit's standard fonts have no Ω, µ, °
// or arrows: they come out garbled), page-aware text blocks and a table that repeats its header on a new page.
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

const fontFiles = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
// Parsed once per process: fontkit's parse of a 700 KB TTF costs more than laying out a whole PDF, and PDFKit takes a
// parsed font as it takes the bytes (each document still embeds its own subset).
const fontCache = new Map<string, Font>();

// The installed package, from the project root (where `next start`, vitest and the bench run). Not require.resolve:
// the bundler reads a computed require of a package's folder as "bundle every file in it", fonts included.
const fontPath = (file: string) =>
  path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', file);

/** DejaVu Sans from the dejavu-fonts-ttf package (an npm dependency, so every machine has it), parsed. */
export function dejavu(weight: keyof typeof fontFiles): Font {
  const file = fontFiles[weight];
  let font = fontCache.get(file);
  if (!font) {
    font = fontkit.create(fs.readFileSync(fontPath(file))) as Font;
    fontCache.set(file, font);
  }
  return font;
}

// PDFKit's typings name only paths and bytes; its PDFFontFactory also takes a parsed fontkit font.
const asSource = (font: Font) => font as unknown as string;

export function createPdf(title: string): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    font: asSource(dejavu('regular')),
    info: { Title: title, Author: 'OHM', Creator: 'OHM' },
  });
  doc.registerFont('body', asSource(dejavu('regular')));
  doc.registerFont('bold', asSource(dejavu('bold')));
  doc.font('body');
  return doc;
}

/** Collects the PDF's bytes as PDFKit streams them (listen before drawing); resolves after `doc.end()`. */
export function collectPdf(doc: Pdf): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureRoom(doc: Pdf, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Pdf, text: string) {
  ensureRoom(doc, 60);
  doc.moveDown(0.6).font('bold').fontSize(14).text(text, doc.page.margins.left).moveDown(0.3).font('body').fontSize(10);
}

export type Column = { header: string; width: number }; // width as a share of the content width

/** A table of text cells that wraps within its columns and repeats the header row on each new page. */
export function table(doc: Pdf, columns: Column[], rows: string[][]) {
  const left = doc.page.margins.left;
  const widths = columns.map((c) => c.width * contentWidth(doc));
  const pad = 3;
  const drawRow = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(9);
    const height =
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (font === 'body')
        drawRow(
          columns.map((c) => c.header),
          'bold',
        );
      doc.font(font).fontSize(9);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x + pad, top + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + widths.reduce((a, b) => a + b, 0), top + height)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(
    columns.map((c) => c.header),
    'bold',
  );
  for (const row of rows) drawRow(row, 'body');
  doc.font('body').fontSize(10).fillColor('black');
}
