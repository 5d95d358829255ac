// OHM's agents as the UI shows them: name, label and icon for each agent that can write a message, and which
// specialist answers each intent (the orchestrator's routing table).
import type { Specialist, TurnIntent } from './design/contract';

export const agents = {
  orchestrator: { label: 'Orchestrator', icon: '🧭' },
  conversational: { label: 'OHM', icon: '💬' },
  bomGenerator: { label: 'BOM generator', icon: '🧾' },
  codeGenerator: { label: 'Code generator', icon: '💾' },
  wiringGenerator: { label: 'Wiring generator', icon: '🔌' },
  budget: { label: 'Budget', icon: '💰' },
  // Write a message when an uploaded datasheet or circuit file has been analysed (lib/analysis/).
  datasheetAnalyst: { label: 'Datasheet analyst', icon: '📄' },
  circuitVerifier: { label: 'Circuit verifier', icon: '🔍' },
} as const;

export type AgentName = keyof typeof agents;

export const specialistByIntent: Record<TurnIntent, Specialist> = {
  CHAT: 'conversational',
  CONTEXT: 'conversational',
  MVP: 'conversational',
  PRD: 'conversational',
  BOM: 'bomGenerator',
  WIRING: 'wiringGenerator',
  CODE: 'codeGenerator',
  BUDGET: 'budget',
};

export function describeAgent(name: string | null | undefined) {
  if (name && name in agents) return { name: name as AgentName, ...agents[name as AgentName] };
  return { name: 'conversational' as AgentName, ...agents.conversational };
}
