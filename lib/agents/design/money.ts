// Money in the design engine: amounts rounded to cents, one currency per sum, printed the way makers write prices.
import type { Money } from './contract';

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

export function round2(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function money(amount: number, currency = 'USD'): Money {
  return { amount: round2(amount), currency };
}

export function formatMoney(value: Money): string {
  const symbol = symbols[value.currency];
  const digits = value.amount.toFixed(2);
  return symbol ? `${symbol}${digits}` : `${digits} ${value.currency}`;
}

/** A signed difference, as in a change summary: "+$4.50", "−$2.10". */
export function formatDelta(amount: number, currency = 'USD'): string {
  const sign = amount < 0 ? '−' : '+';
  return `${sign}${formatMoney(money(Math.abs(amount), currency))}`;
}
