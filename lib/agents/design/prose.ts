// The prose pieces every specialist's reply shares: part facts, warnings with their fixes, unknown parts, stale
// offers. Markdown, deterministic, and honest about what the catalogue does not know.
import { getPart } from '../catalogue';
import type { ArtifactSnapshot, ArtifactWrite, DesignArtifactType, DesignWarning, ProjectState } from './contract';

export function partFacts(keys: string[]): string[] {
  const parts = [...new Set(keys)].flatMap((key) => (getPart(key) ? [getPart(key)!] : []));
  if (parts.length === 0) return [];
  const rows = parts.map((part) => {
    const supply =
      part.supplyV.min === part.supplyV.max ? `${part.supplyV.min} V` : `${part.supplyV.min}–${part.supplyV.max} V`;
    const address = part.i2c ? ` at ${[part.i2c.default, ...part.i2c.alternatives.slice(0, 1)].join(' or ')}` : '';
    return `| ${part.name} | ${part.interface}${address} | ${supply} | $${part.price.amount.toFixed(2)} |`;
  });
  return ['| Part | Interface | Supply | Price |', '|---|---|---|---|', ...rows];
}

export function warningLines(warnings: DesignWarning[], options: { includeResolved?: boolean } = {}): string[] {
  const shown = warnings.filter((w) => w.severity !== 'info' && (options.includeResolved || !w.resolved));
  const seen = new Set<string>();
  return shown.flatMap((w) => {
    const key = `${w.rule}:${w.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const state = w.resolved ? ' (handled)' : '';
    return [`- ⚠️ **${w.message}**${state}: ${w.reason}. **Fix:** ${w.fix}.`];
  });
}

export function unknownLines(names: string[]): string[] {
  if (names.length === 0) return [];
  const list = names.map((name) => `**${name}**`).join(', ');
  return [
    `I don't know ${list}: ${names.length > 1 ? 'they are' : 'it is'} not in the catalogue, so I kept ${names.length > 1 ? 'them' : 'it'} as unverified and cannot check supply, pins or library. Check the datasheet, or name a catalogue part instead.`,
  ];
}

/** The next version of an artifact (or its first), with the write the runner saves. */
export function writeFor<T>(
  type: DesignArtifactType,
  title: string,
  snapshot: ArtifactSnapshot<T> | undefined,
  content: string | null,
  json: unknown,
  changeSummary: string,
): ArtifactWrite {
  return {
    type,
    title: snapshot?.title ?? title,
    base: snapshot ? { artifactId: snapshot.artifactId, expectedVersion: snapshot.version } : null,
    content,
    contentJson: json,
    changeSummary,
  };
}

export function nextVersion(snapshot: { version: number } | undefined): number {
  return snapshot ? snapshot.version + 1 : 1;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function staleOffer(state: ProjectState, types: DesignArtifactType[]): string | null {
  const present = types.filter((type) => state.artifacts[type]);
  if (present.length === 0) return null;
  const names = present.map((type) => (type === 'code' ? 'firmware' : type === 'circuit_diagram' ? 'diagram' : type));
  return `The ${names.join(', ')} ${present.length > 1 ? 'were' : 'was'} built from the older BOM and ${present.length > 1 ? 'are' : 'is'} now marked stale. Say **update the wiring**${state.artifacts.code ? ' (then **update the code**)' : ''} to bring ${present.length > 1 ? 'them' : 'it'} in line.`;
}
