// What a reply cost, from the tokens it records and its model's price (public.model_prices, per 1K tokens).
export type ModelPrice = { model: string; input_per_1k: number; output_per_1k: number; currency: string };
export type ModelPrices = Record<string, ModelPrice>;

export function replyCost(
  tokens: { input_tokens: number; output_tokens: number },
  price: ModelPrice | undefined,
): number | null {
  if (!price) return null;
  return (
    (tokens.input_tokens / 1000) * Number(price.input_per_1k) +
    (tokens.output_tokens / 1000) * Number(price.output_per_1k)
  );
}

/** "1,200 input and 340 output tokens · $0.0064"; the cost is left out when the model has no price. */
export function describeUsage(
  tokens: { input_tokens: number; output_tokens: number },
  price: ModelPrice | undefined,
): string {
  const counts = `${tokens.input_tokens.toLocaleString('en-US')} input and ${tokens.output_tokens.toLocaleString('en-US')} output tokens`;
  const cost = replyCost(tokens, price);
  if (cost === null || !price) return counts;
  // Sub-cent costs are the norm for one reply: show enough digits to tell them apart.
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: price.currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: cost > 0 && cost < 0.01 ? 5 : 4,
  }).format(cost);
  return `${counts} · ${amount}`;
}
