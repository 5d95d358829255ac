// Number and money formats shared by the /insights panels: sub-cent costs are the norm, so small amounts keep
// enough digits to tell apart.
export function formatCost(value: number | null, currency = 'USD'): string {
  if (value === null) return 'unpriced';
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: value > 0 && value < 1 ? 4 : 2,
  }).format(value);
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: value >= 100_000 ? 'compact' : 'standard' }).format(value);
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '0%';
}

/** "" in the rollup means the reply recorded no agent or model. */
export function labelOf(key: string): string {
  return key || '(none)';
}
