// The budget specialist: the BOM total against the target, and the catalogue's cheaper alternatives for each line
// with what each saves (including supporting lines a swap makes unnecessary, such as a DHT22's pull-up).
import { getPart } from '../catalogue';
import type { Bom, Budget, Money, PlanTurnInput, TurnPlan } from './contract';
import { question } from './agent-bom';
import { basisFromBom } from './bom-change';
import { buildBom } from './bom';
import { sharesJob } from './context';
import { formatMoney, money } from './money';
import { nextVersion, writeFor } from './prose';
import { parseBudget } from './text';

export function buildBudget(bom: Bom, bomVersion: number, target: Money | null): Budget {
  const total = bom.totals.subtotal;
  const basis = basisFromBom(bom);
  const savings: Budget['savings'] = [];
  for (const line of bom.lines) {
    const part = getPart(line.catalogueKey);
    if (!part || !line.unitPrice) continue;
    for (const key of part.alternatives) {
      const alternative = getPart(key);
      if (!alternative || !sharesJob(part.key, key)) continue;
      if (part.category === 'sensor' && !part.senses.every((what) => alternative.senses.includes(what))) continue;
      const swapped =
        part.category === 'mcu'
          ? { ...basis, board: key }
          : { ...basis, parts: basis.parts.map((p) => (p.key === part.key ? { ...p, key } : p)) };
      if (part.category !== 'mcu' && !basis.parts.some((p) => p.key === part.key)) continue;
      const after = buildBom(swapped).totals.subtotal.amount;
      const saves = total.amount - after;
      if (saves < 0.5) continue;
      const tradeoff = `${alternative.description}${alternative.interface !== part.interface ? ` (${alternative.interface} instead of ${part.interface})` : ''}`;
      savings.push({
        ref: line.ref,
        replaceWith: key,
        name: alternative.name,
        saves: money(saves, total.currency),
        tradeoff,
      });
    }
  }
  savings.sort((a, b) => b.saves.amount - a.saves.amount);
  if (!target || target.currency !== total.currency)
    return { bomVersion, target, total, difference: null, status: 'no-target', savings };
  const difference = target.amount - total.amount;
  const status = Math.abs(difference) < 0.01 ? 'on-target' : difference > 0 ? 'under' : 'over';
  return { bomVersion, target, total, difference: money(Math.abs(difference), total.currency), status, savings };
}

export function planBudget(input: PlanTurnInput): TurnPlan {
  const { state } = input;
  const bom = state.artifacts.bom;
  if (!bom)
    return question(
      input,
      'budget',
      'There is no BOM to price yet. Say **generate the BOM** first, then ask me about the budget.',
    );
  const target =
    parseBudget(input.message) ?? state.artifacts.context?.json.budget ?? state.project?.targetBudget ?? null;
  const budget = buildBudget(bom.json, bom.version, target);
  const previous = state.artifacts.budget;
  const verdict =
    budget.status === 'no-target'
      ? target
        ? `Your target is ${formatMoney(target)}; the catalogue prices in USD, so compare at today's exchange rate.`
        : 'No target budget is set: tell me one (for example "under $40").'
      : budget.status === 'over'
        ? `That is **${formatMoney(budget.difference!)} over** your ${formatMoney(target!)} target.`
        : `That is **${formatMoney(budget.difference!)} under** your ${formatMoney(target!)} target.`;
  const reply = [
    `**Budget v${nextVersion(previous)}** — BOM v${bom.version} totals **${formatMoney(budget.total)}**. ${verdict}`,
    '',
    ...(budget.savings.length
      ? [
          '**Cheaper alternatives:**',
          ...budget.savings
            .slice(0, 5)
            .map((s) => `- ${s.ref} → **${s.name}**: saves ${formatMoney(s.saves)}. ${s.tradeoff}.`),
        ]
      : ['The catalogue has no cheaper alternative that does the same job.']),
    '',
    budget.savings.length
      ? `Say "replace the ${budget.savings[0].ref} with the ${getPart(budget.savings[0].replaceWith)?.mpn}" to apply one.`
      : '',
  ];
  const content = [
    `# Budget (BOM v${bom.version})`,
    '',
    `Total: ${formatMoney(budget.total)} · Target: ${target ? formatMoney(target) : 'none'} · Status: ${budget.status}`,
    '',
    ...budget.savings.map((s) => `- ${s.ref} → ${s.name}: −${formatMoney(s.saves)} (${s.tradeoff})`),
  ].join('\n');
  return {
    intent: input.intent,
    agent: 'budget',
    reply: reply.join('\n').trim(),
    writes: [
      writeFor(
        'budget',
        `${state.project?.name ?? 'Project'} budget`,
        previous,
        content,
        budget,
        previous ? `Re-priced for BOM v${bom.version}` : 'Initial version',
      ),
    ],
    stale: [],
    projectName: null,
    question: false,
  };
}
