// The firmware's view of the design: one snippet per BOM line that has one, with the pins the wiring chose, and the
// PlatformIO lib_deps that match its #includes.
import { getBoard, getPart, type Board } from '../../catalogue';
import type { Bom, DesignWarning, Wiring } from '../contract';
import { actuatorSnippets, displaySnippets, driverSnippet } from './outputs';
import { moreSensorSnippets } from './sensors-more';
import { sensorSnippets } from './sensors';
import { cIdent, isEsp32, type PartContext, type Snippet } from './types';
import { warning } from '../rules/types';

type Maker = (c: PartContext) => Omit<Snippet, 'kind'>;

export type PartCode = { ref: string; key: string; snippet: Snippet; libDeps: string[] };

export function boardOf(bom: Pick<Bom, 'lines' | 'boardRef'>): Board {
  const key = bom.lines.find((line) => line.ref === bom.boardRef)?.catalogueKey ?? bom.boardRef ?? '';
  return getBoard(key) ?? getBoard('esp32-devkitc')!;
}

export function partCodes(bom: Bom, wiring: Wiring): { parts: PartCode[]; warnings: DesignWarning[] } {
  const board = boardOf(bom);
  const parts: PartCode[] = [];
  const warnings: DesignWarning[] = [];
  const unitIndex = new Map<string, number>();
  for (const line of bom.lines) {
    const part = getPart(line.catalogueKey);
    if (!part) {
      warnings.push(
        warning(
          'no-driver',
          'warning',
          {
            message: `no firmware for ${line.name}`,
            reason: 'it is not in the catalogue, so its library and pins are unknown',
            fix: 'add its library and read code by hand from its datasheet',
          },
          [line.ref],
        ),
      );
      continue;
    }
    if (!['sensor', 'display', 'actuator'].includes(part.category)) continue;
    const pins: Record<string, string> = {};
    for (const assignment of wiring.pinAssignments)
      if (assignment.ref === line.ref) pins[assignment.function.split(' (')[0]] = assignment.boardPin;
    const index = unitIndex.get(part.key) ?? 0;
    unitIndex.set(part.key, index + 1);
    const context: PartContext = {
      ref: line.ref,
      id: cIdent(line.ref),
      pins,
      address: line.i2cAddress ?? part.i2c?.default ?? null,
      board,
      unitIndex: index,
    };
    const kind =
      part.key in sensorSnippets || part.key in moreSensorSnippets
        ? 'sensor'
        : part.key in displaySnippets
          ? 'display'
          : 'actuator';
    const maker: Maker | undefined = {
      ...sensorSnippets,
      ...moreSensorSnippets,
      ...displaySnippets,
      ...actuatorSnippets,
    }[part.key];
    const made = maker ? maker(context) : null;
    const library = isEsp32(board) && part.libraryEsp32 ? part.libraryEsp32 : part.library;
    if (made) {
      parts.push({ ref: line.ref, key: part.key, snippet: { ...made, kind }, libDeps: library?.libDeps ?? [] });
    } else if (!part.needs.driver)
      warnings.push(
        warning(
          'no-driver',
          'info',
          {
            message: `${part.mpn} has no code snippet yet`,
            reason: 'the catalogue knows it but the code generator has no example for it',
            fix: `start from the ${library?.name ?? 'part'} examples`,
          },
          [line.ref],
          { resolved: true },
        ),
      );
  }
  for (const line of bom.lines) {
    const key = line.catalogueKey ?? '';
    const pins: Record<string, string> = {};
    for (const assignment of wiring.pinAssignments)
      if (assignment.ref === line.ref) pins[assignment.function.split(' (')[0]] = assignment.boardPin;
    const made = driverSnippet(key, { ref: line.ref, id: cIdent(line.ref), pins, address: null, board, unitIndex: 0 });
    if (made) parts.push({ ref: line.ref, key, snippet: { ...made, kind: 'driver' }, libDeps: [] });
  }
  return { parts, warnings };
}
