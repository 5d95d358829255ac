// The artifact diffs, as plain data for the compare view and the change summaries (see README "Artifact diffs").
export * from './bom.ts';
export * from './code.ts';
export * from './money.ts';
export * from './summary.ts';
export * from './summary-bom.ts';
export * from './text.ts';
export * from './wiring.ts';
