// Page 1 of a PDF drawn as a small WebP image for its card, stored like a photo's thumbnail. PDF.js (through unpdf)
// draws on a Skia canvas from @napi-rs/canvas (a prebuilt binary from npm), then sharp encodes the WebP. Memory stays
// bounded: the page is drawn at most 480 × 680 pixels, embedded images above 16 megapixels are skipped (PDF.js's
// maxImageSize), and a page that takes longer than 5 s is given up. A page that cannot be drawn leaves the PDF
// accepted: its card says there is no preview, and why.
import sharp from 'sharp';

type PDFDocumentProxy = Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>;

export const pdfPreviewBox = { width: 480, height: 680 };
/** Options for opening a PDF whose page 1 may be drawn: embedded images above this many pixels are not decoded. */
export const pdfOpenOptions = { maxImageSize: 16_000_000, isEvalSupported: false } as const;
const renderMs = 5_000;

export type PdfPreview = { image: Buffer } | { error: string };

const canvasImport = () => import('@napi-rs/canvas');

/** The CanvasFactory PDF.js needs in Node, for getDocumentProxy's options (masks and patterns draw on it). */
export async function pdfCanvasFactory() {
  const { createIsomorphicCanvasFactory } = await import('unpdf');
  return createIsomorphicCanvasFactory(canvasImport);
}

export async function renderPdfPreview(
  pdf: PDFDocumentProxy,
  { timeoutMs = renderMs }: { timeoutMs?: number } = {},
): Promise<PdfPreview> {
  const { renderPageAsImage } = await import('unpdf');
  try {
    const page = await pdf.getPage(1);
    const { width, height } = page.getViewport({ scale: 1 });
    if (!(width > 0 && height > 0)) return { error: 'page 1 has no size' };
    const scale = Math.min(pdfPreviewBox.width / width, pdfPreviewBox.height / height);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    const png = await Promise.race([renderPageAsImage(pdf, 1, { canvasImport, scale }), timeout]).finally(() =>
      clearTimeout(timer),
    );
    // Drawn on a transparent canvas: a white sheet behind it, as on paper.
    const image = await sharp(Buffer.from(png)).flatten({ background: '#ffffff' }).webp({ quality: 78 }).toBuffer();
    return { image };
  } catch (error) {
    return {
      error:
        error instanceof Error && error.message === 'timeout'
          ? 'drawing page 1 took too long'
          : 'page 1 could not be drawn',
    };
  }
}
