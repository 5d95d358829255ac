// The one guard every CSV we write shares. csv-stringify's `escape_formulas` prefixes ' to a text cell starting with
// = + - @ Tab CR (or their full-width forms) but leaves a leading LF and NUL alone, which OWASP's CSV-injection list
// and ASVS V1.2.10 also count: callers pass `escape_formulas: true` and run each text cell through this.
const uncoveredFormulaStart = /^[\n\0]/;

export function guardFormulaStart(cell: string): string {
  return uncoveredFormulaStart.test(cell) ? `'${cell}` : cell;
}
