// The text of a PDF, page by page and line by line, with unpdf (a serverless build of PDF.js). A datasheet's facts
// sit in tables, so each page's text items are put back into lines by their baseline and read left to right. The
// read is bounded: at most `maxPages` pages and `maxChars` characters, and it stops at `deadlineMs`, so a 400-page
// reference manual or a hostile file costs what a 40-page datasheet does; every page is released once read.
import { getDocumentProxy } from 'unpdf';

export type PdfText = { pageCount: number; pages: string[]; truncated: boolean };

export const pdfTextLimits = { maxPages: 80, maxChars: 600_000, maxPageChars: 20_000, deadlineMs: 20_000 };

/** The file is not a PDF PDF.js can open (corrupt, truncated, encrypted): the message says why, for the maker. */
export class UnreadablePdf extends Error {}

type TextItem = { str: string; transform: number[]; width: number; hasEOL?: boolean };

/** Items on one baseline (within 2 pt) make a line; gaps wider than a space become a tab, as table cells are. */
function pageLines(items: TextItem[]): string {
  const rows: Array<{ y: number; items: TextItem[] }> = [];
  for (const item of items) {
    if (!item.str) continue;
    const y = item.transform[5];
    let row = rows.find((r) => Math.abs(r.y - y) <= 2);
    if (!row) rows.push((row = { y, items: [] }));
    row.items.push(item);
  }
  rows.sort((a, b) => b.y - a.y);
  return rows
    .map((row) => {
      const sorted = row.items.sort((a, b) => a.transform[4] - b.transform[4]);
      let line = '';
      let end: number | null = null;
      for (const item of sorted) {
        const x = item.transform[4];
        if (end !== null) line += x - end > 12 ? '\t' : x - end > 1 ? ' ' : '';
        // PDF.js fills a gap between cells with a blank item as wide as the gap.
        line += item.str.trim() === '' && item.width > 12 ? '\t' : item.str;
        end = x + item.width;
      }
      return line
        .normalize('NFKC')
        .replace(/[ \u00a0]+/g, ' ')
        .replace(/ ?\t[\t ]*/g, '\t')
        .trim();
    })
    .filter(Boolean)
    .join('\n');
}

export async function readPdfText(bytes: Uint8Array, limits = pdfTextLimits): Promise<PdfText> {
  const started = Date.now();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const detail = error instanceof Error ? error.message : String(error);
    throw new UnreadablePdf(
      name === 'PasswordException'
        ? 'The PDF is password-protected, so its text cannot be read. Upload an unprotected copy.'
        : `The file could not be read as a PDF (${detail}). Upload the datasheet again, or the original from the maker's site.`,
    );
  }
  try {
    const pages: string[] = [];
    let chars = 0;
    let truncated = pdf.numPages > limits.maxPages;
    const last = Math.min(pdf.numPages, limits.maxPages);
    for (let number = 1; number <= last; number++) {
      if (Date.now() - started > limits.deadlineMs || chars >= limits.maxChars) {
        truncated = true;
        break;
      }
      let text = '';
      try {
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        text = pageLines(content.items as TextItem[]).slice(0, limits.maxPageChars);
        page.cleanup();
      } catch {
        // A damaged page (a truncated file's last pages) reads as empty; the pages before it still count.
        text = '';
      }
      chars += text.length;
      pages.push(text);
    }
    return { pageCount: pdf.numPages, pages, truncated };
  } finally {
    await pdf.loadingTask.destroy();
  }
}
