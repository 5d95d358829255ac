// Money in diffs and summaries: signed deltas that never mix currencies (a currency change is its own kind of
// change, never a subtraction), and one way to print an amount ('$2.10', '−$2.10', 'SEK 2.10').
import type { Money } from '../../agents/design/contract.ts';

export type MoneyChange =
  | { kind: 'delta'; currency: string; before: number; after: number; delta: number }
  | { kind: 'currency-changed'; before: Money; after: Money }
  | { kind: 'price-added'; after: Money }
  | { kind: 'price-removed'; before: Money };

/** Drops the float noise of sums like 0.1 + 0.2 without choosing a currency's minor unit. */
export const roundAmount = (amount: number) => Math.round(amount * 1e6) / 1e6;

/** The change between two prices; null when neither side has one. */
export function compareMoney(before: Money | null, after: Money | null): MoneyChange | null {
  if (!before && !after) return null;
  if (!before) return { kind: 'price-added', after: after! };
  if (!after) return { kind: 'price-removed', before };
  if (before.currency !== after.currency) return { kind: 'currency-changed', before, after };
  return {
    kind: 'delta',
    currency: after.currency,
    before: before.amount,
    after: after.amount,
    delta: roundAmount(after.amount - before.amount),
  };
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      // Not an ISO 4217 code Intl knows: print it as a plain amount with the code in front.
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(currency, f);
  }
  return f;
}

/** '$2.10', '€0.45', 'SEK 2.10'. */
export function formatMoney(money: Money): string {
  // Intl puts a no-break space after a code ('SEK 2.10'): a plain one reads the same and searches better.
  const text = formatter(money.currency)
    .format(money.amount)
    .replace(/\u00a0/g, ' ');
  return /\d/.test(text[0] ?? '') ? `${money.currency} ${text}` : text;
}

/** '−$2.10' (a real minus sign), '+$0.50', '$0.00'. */
export function formatSignedMoney(amount: number, currency: string): string {
  const rounded = roundAmount(amount);
  const sign = rounded < 0 ? '−' : rounded > 0 ? '+' : '';
  return sign + formatMoney({ amount: Math.abs(rounded), currency });
}

/** One line for a price change: '−$2.10', 'USD → EUR ($3.50 → €3.20)', 'now $0.45', 'no price (was $0.45)'. */
export function describeMoneyChange(change: MoneyChange): string {
  switch (change.kind) {
    case 'delta':
      return formatSignedMoney(change.delta, change.currency);
    case 'currency-changed':
      return `${change.before.currency} → ${change.after.currency} (${formatMoney(change.before)} → ${formatMoney(change.after)})`;
    case 'price-added':
      return `now ${formatMoney(change.after)}`;
    case 'price-removed':
      return `no price (was ${formatMoney(change.before)})`;
  }
}
