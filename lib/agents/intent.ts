// The orchestrator's routing: which intent a user message has, decided by rules so it is instant and offline.
export const intents = ['CHAT', 'BOM', 'CODE', 'WIRING'] as const;
export type Intent = (typeof intents)[number];

const rules: Array<{ intent: Intent; pattern: RegExp }> = [
  {
    intent: 'BOM',
    pattern: /\b(bom|bill of materials|parts? list|what (parts|components)|shopping list|replace .+ with)\b/i,
  },
  { intent: 'WIRING', pattern: /\b(wir(e|ing)|pin ?out|connect(ion)?s?|schematic|breadboard|hook up)\b/i },
  { intent: 'CODE', pattern: /\b(code|firmware|sketch|arduino ide|platformio|micropython|program|library)\b/i },
];

export function classifyIntent(message: string): Intent {
  for (const rule of rules) if (rule.pattern.test(message)) return rule.intent;
  return 'CHAT';
}
