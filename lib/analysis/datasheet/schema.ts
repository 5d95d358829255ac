// The datasheet_analysis artifact's content: what a datasheet says about its part, each fact with the words it was
// read from and their page, so a maker (and the BOM rules) can check it. The offline extractor and a model fill the
// same schema; a model's quotes are checked against the page text before anything is saved (see quotes.ts).
import { z } from 'zod';

/** Words of the datasheet and the page (1-based) they are on. */
export const quoteSchema = z.object({
  page: z.number().int().positive(),
  text: z.string().min(1).max(400),
});
export type Quote = z.infer<typeof quoteSchema>;

export const voltageRangeSchema = z.object({
  min: z.number(),
  max: z.number(),
  quote: quoteSchema,
});
export type VoltageRange = z.infer<typeof voltageRangeSchema>;

export const datasheetFactsSchema = z.object({
  partNumber: z.object({ value: z.string().min(2).max(60), quote: quoteSchema }).nullable(),
  supplyVoltage: voltageRangeSchema.nullable(),
  logicVoltage: voltageRangeSchema.nullable(),
  absoluteMaximum: z
    .array(z.object({ parameter: z.string().min(1).max(120), value: z.string().min(1).max(60), quote: quoteSchema }))
    .max(40),
  i2cAddresses: z.array(z.object({ address: z.string().regex(/^0x[0-7][0-9A-F]$/), quote: quoteSchema })).max(8),
  pins: z
    .array(
      z.object({
        number: z.string().max(8).nullable(),
        name: z.string().min(1).max(24),
        description: z.string().max(160),
        quote: quoteSchema,
      }),
    )
    .max(128),
  typicalCurrent: z
    .object({ milliamps: z.number().nonnegative(), value: z.string().max(40), quote: quoteSchema })
    .nullable(),
});
export type DatasheetFacts = z.infer<typeof datasheetFactsSchema>;

export const datasheetAnalysisSchema = datasheetFactsSchema.extend({
  /** 'unreadable': the file did not parse as a PDF, or has no text layer (a scan); the reason says which. */
  status: z.enum(['analysed', 'unreadable']),
  reason: z.string().nullable(),
  filename: z.string(),
  attachmentId: z.string().uuid(),
  pageCount: z.number().int().nonnegative(),
  pagesRead: z.number().int().nonnegative(),
  /** The text read stopped early (a page, character or time cap): later pages were not looked at. */
  truncated: z.boolean(),
  method: z.enum(['offline', 'model']),
  model: z.string().nullable(),
  /** Facts a model gave whose quote is not on the page it named: dropped, and counted here. */
  droppedQuotes: z.number().int().nonnegative(),
});
export type DatasheetAnalysis = z.infer<typeof datasheetAnalysisSchema>;

export const emptyFacts = (): DatasheetFacts => ({
  partNumber: null,
  supplyVoltage: null,
  logicVoltage: null,
  absoluteMaximum: [],
  i2cAddresses: [],
  pins: [],
  typicalCurrent: null,
});
