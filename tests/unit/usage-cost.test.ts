// A reply's cost from its tokens and its model's price per 1K tokens, as the message tooltip shows it.
import { describe, expect, it } from 'vitest';
import { describeUsage, replyCost } from '@/lib/usage/cost';

const sonnet = { model: 'anthropic/claude-sonnet-4-5', input_per_1k: 0.003, output_per_1k: 0.015, currency: 'USD' };

describe('reply cost', () => {
  it('prices input and output tokens separately', () => {
    expect(replyCost({ input_tokens: 1200, output_tokens: 340 }, sonnet)).toBeCloseTo(0.0087, 10);
    expect(replyCost({ input_tokens: 1200, output_tokens: 340 }, undefined)).toBeNull();
  });

  it('describes tokens and cost, with enough digits for sub-cent replies', () => {
    expect(describeUsage({ input_tokens: 1200, output_tokens: 340 }, sonnet)).toBe(
      '1,200 input and 340 output tokens · $0.0087',
    );
    expect(describeUsage({ input_tokens: 10, output_tokens: 50 }, sonnet)).toBe(
      '10 input and 50 output tokens · $0.00078',
    );
    expect(describeUsage({ input_tokens: 100_000, output_tokens: 20_000 }, sonnet)).toBe(
      '100,000 input and 20,000 output tokens · $0.60',
    );
    expect(
      describeUsage(
        { input_tokens: 12, output_tokens: 40 },
        { ...sonnet, model: 'ohm/offline-1', input_per_1k: 0, output_per_1k: 0 },
      ),
    ).toBe('12 input and 40 output tokens · $0.00');
    expect(describeUsage({ input_tokens: 12, output_tokens: 40 }, undefined)).toBe('12 input and 40 output tokens');
  });
});
