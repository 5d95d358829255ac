// A datasheet PDF → its datasheet_analysis content: the text per page (bounded), then the facts, offline or by a
// model whose quotes are checked against the pages. A PDF that does not parse, or has no text, gets an analysis that
// says so (status 'unreadable' with the reason), never an exception: the maker sees why and can upload another.
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { extractDatasheetFacts } from './extract.ts';
import { extractWithModel } from './model.ts';
import { readPdfText, UnreadablePdf, type PdfText } from './pdf-text.ts';
import { keepQuotedFacts } from './quotes.ts';
import { datasheetAnalysisSchema, emptyFacts, type DatasheetAnalysis } from './schema.ts';

export type AnalysisModel = { model: LanguageModelV4; label: string };

export async function analyseDatasheet({
  bytes,
  filename,
  attachmentId,
  model = null,
}: {
  bytes: Uint8Array;
  filename: string;
  attachmentId: string;
  model?: AnalysisModel | null;
}): Promise<DatasheetAnalysis> {
  const base = { filename, attachmentId, droppedQuotes: 0, model: null, method: 'offline' as const };
  let text: PdfText;
  try {
    text = await readPdfText(bytes);
  } catch (error) {
    if (!(error instanceof UnreadablePdf)) throw error;
    return datasheetAnalysisSchema.parse({
      ...base,
      ...emptyFacts(),
      status: 'unreadable',
      reason: error.message,
      pageCount: 0,
      pagesRead: 0,
      truncated: false,
    });
  }
  const read = { pageCount: text.pageCount, pagesRead: text.pages.length, truncated: text.truncated };
  if (text.pages.every((page) => page.trim() === '')) {
    return datasheetAnalysisSchema.parse({
      ...base,
      ...emptyFacts(),
      ...read,
      status: 'unreadable',
      reason:
        'The PDF has no text to read (it may be a scan or a picture of the pages). Upload the text PDF from the maker’s site.',
    });
  }
  let reason: string | null = text.truncated
    ? `Only the first ${text.pages.length} of ${text.pageCount} pages were read.`
    : null;
  if (model) {
    try {
      const { facts, dropped } = keepQuotedFacts(
        (await extractWithModel({ model: model.model, pages: text.pages })).facts,
        text.pages,
      );
      return datasheetAnalysisSchema.parse({
        ...base,
        ...facts,
        ...read,
        status: 'analysed',
        reason,
        method: 'model',
        model: model.label,
        droppedQuotes: dropped,
      });
    } catch (error) {
      // The model could not answer (network, quota, a shape it could not fill): the offline reader still can.
      const why = error instanceof Error ? error.message : String(error);
      reason = [reason, `The model could not read it (${why.slice(0, 200)}), so it was read offline.`]
        .filter(Boolean)
        .join(' ');
    }
  }
  return datasheetAnalysisSchema.parse({
    ...base,
    ...extractDatasheetFacts(text.pages),
    ...read,
    status: 'analysed',
    reason,
  });
}
