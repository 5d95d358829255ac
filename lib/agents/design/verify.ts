// verifyArtifact: the model path's gate. A model's object is parsed with the contract schema, its parts are checked
// against the catalogue (unknown ones are kept but marked unverified), the same rules the offline agents use run on
// it, and what can be repaired is (totals recomputed, missing pull-ups added, production-ready flags corrected).
// Only a structural failure (bad shape, references to lines that do not exist) refuses the object.
import { getBoard, getPart, requirePart } from '../catalogue';
import {
  contentSchemaByType,
  type Bom,
  type CodeArtifact,
  type ContextDoc,
  type DesignArtifactType,
  type DesignWarning,
  type ProjectState,
  type Wiring,
} from './contract';
import { attachWarnings, computeTotals, lineFromPart } from './bom-lines';
import { money } from './money';
import { checkPinAssignments, runBomRules, type PinUse } from './rules';
import { warning } from './rules/types';
import { findPartMentions } from './text';

export type Verified<T = unknown> = { ok: true; value: T; warnings: DesignWarning[] } | { ok: false; issues: string[] };

function matchCatalogue(name: string, mpn: string | null): string | null {
  return findPartMentions(`${mpn ?? ''} ${name}`)[0]?.key ?? null;
}

function verifyBom(bom: Bom, wifi: boolean): Verified<Bom> {
  const warnings: DesignWarning[] = [];
  const lines: Bom['lines'] = bom.lines.map((line) => {
    const key = getPart(line.catalogueKey) ? line.catalogueKey : matchCatalogue(line.name, line.mpn);
    if (!key) {
      warnings.push(
        warning(
          'unknown-part',
          'warning',
          {
            message: `${line.name} is not in the catalogue`,
            reason: 'its supply, pins and library cannot be checked',
            fix: 'check its datasheet or pick a catalogue part',
          },
          [line.ref],
        ),
      );
      return { ...line, catalogueKey: null, verified: false };
    }
    const part = requirePart(key);
    const unitPrice = line.unitPrice ?? part.price;
    return {
      ...line,
      catalogueKey: key,
      verified: true,
      unitPrice,
      linePrice: money(unitPrice.amount * line.quantity, unitPrice.currency),
    };
  });
  const boardLine =
    lines.find((line) => line.ref === bom.boardRef) ??
    lines.find((line) => getPart(line.catalogueKey)?.category === 'mcu');
  const board = getBoard(boardLine?.catalogueKey);
  if (!boardLine || !board)
    return {
      ok: false,
      issues: ['the BOM has no microcontroller the catalogue knows: name one (for example an ESP32 DevKitC)'],
    };
  const view = { board, boardRef: boardLine.ref, lines, power: bom.basis?.power ?? 'usb', wifi };
  let found = runBomRules(view);
  for (const missing of found.filter((w) => w.rule === 'bus-pull-up' && !w.resolved && w.severity === 'error')) {
    const part = getPart(lines.find((line) => line.ref === missing.refs[0])?.catalogueKey);
    const ohms = part?.needs.pullUp?.ohms ?? 4700;
    const key = ohms === 10000 ? 'resistor-10k' : 'resistor-4k7';
    const quantity = part?.needs.pullUp ? 1 : 2;
    lines.push(
      lineFromPart(requirePart(key), part?.needs.pullUp ? `r-pullup-${missing.refs[0]}` : 'r-pullup-i2c', {
        quantity,
        reason: `added by the checks: ${missing.message}`,
      }),
    );
    warnings.push(
      warning(
        'repaired',
        'info',
        { message: `added a pull-up: ${missing.message}`, reason: missing.reason, fix: missing.fix },
        missing.refs,
        { resolved: true },
      ),
    );
  }
  found = runBomRules(view);
  const value: Bom = {
    ...bom,
    boardRef: boardLine.ref,
    lines: attachWarnings(lines, found),
    totals: computeTotals(lines),
    warnings: found,
  };
  return { ok: true, value, warnings: [...warnings, ...found] };
}

function verifyWiring(wiring: Wiring, state: ProjectState): Verified<Wiring> {
  const bom = state.artifacts.bom?.json;
  if (!bom) return { ok: false, issues: ['there is no BOM to wire'] };
  const refs = new Set(bom.lines.map((line) => line.ref));
  const unknown = [
    ...new Set(wiring.connections.flatMap((c) => [c.from.ref, c.to.ref]).filter((ref) => !refs.has(ref))),
  ];
  if (unknown.length)
    return { ok: false, issues: unknown.map((ref) => `connection names ${ref}, which is not a line of the BOM`) };
  const boardLine =
    bom.lines.find((line) => line.ref === bom.boardRef) ?? bom.lines.find((line) => line.role === 'mcu');
  const board = getBoard(boardLine?.catalogueKey);
  if (!board || !boardLine) return { ok: false, issues: ['the BOM has no microcontroller the catalogue knows'] };
  const uses: PinUse[] = [];
  for (const c of wiring.connections) {
    const [boardEnd, other] =
      c.to.ref === boardLine.ref ? [c.to, c.from] : c.from.ref === boardLine.ref ? [c.from, c.to] : [null, null];
    if (
      !boardEnd ||
      !other ||
      ['power', 'ground'].includes(boardEnd.pinType) ||
      ['3V3', '5V', 'GND', 'VIN', 'VBUS'].includes(boardEnd.pin)
    )
      continue;
    const part = getPart(bom.lines.find((line) => line.ref === other.ref)?.catalogueKey);
    const type =
      part?.pins[other.pin] ??
      (other.pinType === 'analog' ? 'analog-out' : other.pinType === 'pwm' ? 'pwm-in' : 'signal-in');
    uses.push({
      ref: other.ref,
      partPin: other.pin,
      boardPin: boardEnd.pin,
      type: type === 'passive' ? 'signal-in' : type,
      ...(part?.needs.interrupt && type === 'signal-out' ? { interrupt: true } : {}),
    });
  }
  const found = checkPinAssignments(board, uses, bom.basis?.wifi ?? board.wifi);
  const connections = wiring.connections.map((c) => ({
    ...c,
    warnings: [
      ...c.warnings,
      ...found.filter(
        (w) => w.refs.includes(c.from.ref) && w.pins.some((pin) => pin === c.to.pin || pin === c.from.pin),
      ),
    ],
  }));
  return { ok: true, value: { ...wiring, connections, warnings: [...wiring.warnings, ...found] }, warnings: found };
}

function verifyCode(code: CodeArtifact, state: ProjectState): Verified<CodeArtifact> {
  const warnings: DesignWarning[] = [];
  const open = [
    ...(state.artifacts.bom?.json.warnings ?? []),
    ...(state.artifacts.wiring?.json.warnings ?? []),
    ...code.warnings,
  ].filter((w) => !w.resolved && w.severity !== 'info');
  const byInclude = new Map<string, string[]>();
  for (const line of state.artifacts.bom?.json.lines ?? []) {
    const library = getPart(line.catalogueKey)?.library;
    for (const include of library?.includes ?? []) byInclude.set(include, library!.libDeps);
  }
  const files = code.files.map((file) => {
    const includes = [...file.content.matchAll(/#include\s*<([^>]+)>/g)].map((m) => m[1]);
    const needed = includes.flatMap((include) => byInclude.get(include) ?? []);
    const missing = needed.filter(
      (dep) => !file.requiredLibraries.some((have) => have.split('@')[0] === dep.split('@')[0]),
    );
    if (missing.length)
      warnings.push(
        warning(
          'repaired',
          'info',
          {
            message: `${file.filename}: added ${missing.join(', ')} to its libraries`,
            reason: 'its #includes need them',
            fix: 'list them in lib_deps',
          },
          [],
          { resolved: true },
        ),
      );
    const ready = file.unit === 3 && file.isProductionReady && open.length === 0;
    if (file.isProductionReady && !ready)
      warnings.push(
        warning(
          'repaired',
          'info',
          {
            message: `${file.filename} is not production-ready`,
            reason: file.unit !== 3 ? 'only unit 3 can be' : 'warnings are still open',
            fix: 'resolve every warning, then regenerate unit 3',
          },
          [],
          { resolved: true },
        ),
      );
    return {
      ...file,
      requiredLibraries: [...new Set([...file.requiredLibraries, ...missing])],
      isProductionReady: ready,
    };
  });
  return { ok: true, value: { ...code, files }, warnings };
}

function verifyContext(doc: ContextDoc): Verified<ContextDoc> {
  const unknown = doc.parts.filter((p) => p.key && !getPart(p.key));
  const warnings = unknown.map((p) =>
    warning(
      'unknown-part',
      'warning',
      {
        message: `${p.name} is not in the catalogue`,
        reason: 'it cannot be checked',
        fix: 'check its datasheet or pick a catalogue part',
      },
      [],
    ),
  );
  const parts = doc.parts.map((p) => (p.key && !getPart(p.key) ? { ...p, key: null } : p));
  return {
    ok: true,
    value: { ...doc, parts, unknownParts: [...new Set([...doc.unknownParts, ...unknown.map((p) => p.name)])] },
    warnings,
  };
}

export function verifyArtifact(type: DesignArtifactType, json: unknown, state: ProjectState): Verified {
  const parsed = contentSchemaByType[type].safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || type}: ${issue.message}`),
    };
  const wifi = state.artifacts.bom?.json.basis?.wifi ?? true;
  if (type === 'bom') return verifyBom(parsed.data as Bom, wifi);
  if (type === 'wiring') return verifyWiring(parsed.data as Wiring, state);
  if (type === 'code') return verifyCode(parsed.data as CodeArtifact, state);
  if (type === 'context') return verifyContext(parsed.data as ContextDoc);
  return { ok: true, value: parsed.data, warnings: [] };
}
