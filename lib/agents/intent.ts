// The orchestrator's routing: which of the eight intents a user message has, decided by rules so it is instant and
// offline. An explicit request ("now the wiring", "generate the BOM") wins over the project's phase; an edit ("replace
// the DHT22 with a BME280", "add a …", "run it on a battery") goes to the artifact it changes: the BOM once there is
// one, the context document before that.
import { turnIntents, type ProjectState, type TurnIntent } from './design/contract';
import { isEditRequest } from './design/edits';
import { findPartMentions, parseBudget, parseSensing } from './design/text';

export const intents = turnIntents;
export type Intent = TurnIntent;

const explicit: Array<{ intent: Intent; pattern: RegExp }> = [
  { intent: 'MVP', pattern: /\b(mvp|minimum viable|minimal viable)\b/i },
  { intent: 'PRD', pattern: /\b(prd|product requirements?|requirements doc(ument)?|spec sheet)\b/i },
  {
    intent: 'BUDGET',
    pattern:
      /\b(cheaper|how much (does|will|would)|what does it cost|costs?\b(?! me)|cost breakdown|budget (check|breakdown|review|analysis)|(within|over|under|fit) (the |my )?budget|save money|reduce (the )?cost|price check|too expensive)\b/i,
  },
  {
    intent: 'BOM',
    pattern: /\b(bom|bill of materials|parts? list|shopping list|what (parts|components)|components? list)\b/i,
  },
  {
    intent: 'WIRING',
    pattern:
      /\b(wir(e|es|ing)|pin ?outs?|pins|(?<!(wi-?fi|internet|network|bluetooth|mqtt) )connect(ion|ions)?|schematic|circuit( diagram)?|diagram|hook (it |them )?up|breadboard layout)\b/i,
  },
  {
    intent: 'CODE',
    pattern: /\b(code|firmware|sketch|program(me)?|platformio|arduino ide|flash (it|the board)|source|main\.cpp)\b/i,
  },
];

const asking = /^(what|how|why|which|who|tell me|explain|is|are|does|do|can|could)\b/i;
const greeting = /^(hi|hello|hey|thanks|thank you|ok|okay|cool|great|good (morning|evening))\b[\s!.,]*$/i;
const designWords =
  /\b(build|make|making|design|create|project|station|monitor|logger|tracker|controller|alarm|sensor|display|want|need|planning|idea)\b/i;

function firstExplicit(message: string): Intent | null {
  let best: { intent: Intent; at: number } | null = null;
  for (const rule of explicit) {
    const match = rule.pattern.exec(message);
    if (match && (best === null || match.index < best.at)) best = { intent: rule.intent, at: match.index };
  }
  return best?.intent ?? null;
}

export function classifyIntent(message: string, state?: ProjectState): Intent {
  const text = message.trim();
  const edit = isEditRequest(text);
  const named = firstExplicit(text);
  const hasBom = Boolean(state?.artifacts.bom);
  // "replace the DHT22 with a BME280 in the BOM" and "now the wiring" name their artifact: that wins over the phase
  if (named && !(edit && named === 'BUDGET')) return named;
  if (edit) return hasBom || !state ? 'BOM' : 'CONTEXT';
  if (greeting.test(text)) return 'CHAT';
  if (asking.test(text) && !designWords.test(text)) return 'CHAT';
  const describesProject =
    findPartMentions(text).length > 0 || parseSensing(text).length > 0 || parseBudget(text) !== null;
  if (describesProject && (designWords.test(text) || state?.artifacts.context || findPartMentions(text).length > 0))
    return 'CONTEXT';
  if (state?.artifacts.context && /\b(it|it's|it will|indoors?|outdoors?|battery|usb|solar|wifi|wi-fi)\b/i.test(text))
    return 'CONTEXT';
  return 'CHAT';
}
