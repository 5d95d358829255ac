// ‹ 2 / 3 ›: which of a message's sibling branches is shown, with buttons to the previous and next one.
import { Icon } from './icons';

export function BranchSwitcher({
  index,
  count,
  disabled,
  onStep,
}: {
  index: number;
  count: number;
  disabled?: boolean;
  onStep: (step: -1 | 1) => void;
}) {
  const button = 'rounded p-0.5 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800';
  return (
    <span
      className="inline-flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400"
      data-testid="branch-switcher"
    >
      <button
        type="button"
        aria-label="Previous branch"
        title="Previous branch"
        className={button}
        disabled={disabled || index <= 1}
        onClick={() => onStep(-1)}
      >
        <Icon name="previous" />
      </button>
      <span data-testid="branch-position">
        {index} / {count}
      </span>
      <button
        type="button"
        aria-label="Next branch"
        title="Next branch"
        className={button}
        disabled={disabled || index >= count}
        onClick={() => onStep(1)}
      >
        <Icon name="next" />
      </button>
    </span>
  );
}
