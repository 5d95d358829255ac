// How the project pages print money, budgets and times: one place, so the list and the page agree.
export function money(amount: number | null, currency: string | null): string {
  if (amount === null || !currency) return '—';
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
}

export type BudgetStanding = { label: string; tone: 'under' | 'over' | 'unknown' };

/** The current BOM total against the target budget: under or over by how much, or why it cannot be said. */
export function budgetStanding(project: {
  target_budget: number | null;
  currency: string;
  bom_total: number | null;
  bom_currency: string | null;
}): BudgetStanding {
  if (project.target_budget === null) return { label: 'No target budget set', tone: 'unknown' };
  if (project.bom_total === null) return { label: 'No priced BOM yet', tone: 'unknown' };
  if (project.bom_currency !== project.currency) {
    return {
      label: `The BOM is priced in ${project.bom_currency ?? 'mixed currencies'}, the budget in ${project.currency}`,
      tone: 'unknown',
    };
  }
  const delta = Number(project.target_budget) - Number(project.bom_total);
  return delta >= 0
    ? { label: `${money(delta, project.currency)} under budget`, tone: 'under' }
    : { label: `${money(-delta, project.currency)} over budget`, tone: 'over' };
}

export const when = (iso: string) =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

const eventLabels: Record<string, string> = {
  chat_created: 'Chat started',
  message_added: 'Message',
  artifact_created: 'Artifact created',
  artifact_versioned: 'New artifact version',
  shared: 'Chat shared',
  share_revoked: 'Share link revoked',
  forked: 'Chat continued from a share',
  attachment_added: 'File attached',
};
export const eventLabel = (type: string) => eventLabels[type] ?? type;
