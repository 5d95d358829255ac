// OHM's agents as the UI shows them: name, label and icon for each agent that can write a message.
export const agents = {
  orchestrator: { label: 'Orchestrator', icon: '🧭' },
  conversational: { label: 'OHM', icon: '💬' },
  bomGenerator: { label: 'BOM generator', icon: '🧾' },
  codeGenerator: { label: 'Code generator', icon: '💾' },
  wiringGenerator: { label: 'Wiring generator', icon: '🔌' },
} as const;

export type AgentName = keyof typeof agents;

export function describeAgent(name: string | null | undefined) {
  if (name && name in agents) return { name: name as AgentName, ...agents[name as AgentName] };
  return { name: 'conversational' as AgentName, ...agents.conversational };
}
