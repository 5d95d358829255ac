// The offline conversational agent's answer: deterministic, useful for a maker, built from the parts catalogue.
import { findParts } from './catalogue';
import type { Intent } from './intent';

export function composeOfflineReply(userMessage: string, intent: Intent): string {
  const parts = findParts(userMessage);
  const lines: string[] = [];
  if (parts.length === 0) {
    lines.push(
      'Happy to help you build this. To get from idea to a working prototype, tell me:',
      '',
      '1. **What it should sense or do** (for example temperature, motion, a display, a relay).',
      '2. **How it is powered** (USB, battery, solar).',
      '3. **Where it lives** (indoors, outdoors, on a desk) and your rough budget.',
      '',
      'A common starting point is an **ESP32** (Wi-Fi, plenty of GPIO) with I2C sensors such as a **BME280**.',
    );
  } else {
    lines.push(`Here is what I know about the parts you mentioned:`, '');
    lines.push('| Part | Role | Interface | Voltage |', '|---|---|---|---|');
    for (const p of parts) lines.push(`| ${p.name} | ${p.role} | ${p.interface} | ${p.voltage} |`);
    lines.push('');
    for (const p of parts) lines.push(`- **${p.name}**: ${p.note}.`);
  }
  lines.push('');
  if (intent === 'BOM') lines.push('Next step: I can turn this into a bill of materials with quantities and prices.');
  else if (intent === 'WIRING')
    lines.push('Next step: I can list the pin-to-pin connections, power first, then data lines.');
  else if (intent === 'CODE')
    lines.push(
      'Next step: firmware in three steps — a calibration sketch, a minimal reading loop, then the full program.',
    );
  else lines.push('What would you like to do next: a parts list, the wiring, or the firmware?');
  return lines.join('\n');
}
