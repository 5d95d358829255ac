// The circuit diagram, drawn by our own code from the wiring's connections: the board on the left with its used pins,
// every other part as a box on the right with its used pins, and one coloured wire per connection routed through its
// own vertical lane. Text is XML-escaped; there is no script, no link and no external reference in the output.
import type { Bom, Wiring } from './contract';
import { labelOf } from './wiring';

const colours: Record<string, string> = {
  red: '#d32f2f',
  black: '#212121',
  orange: '#ef6c00',
  brown: '#6d4c41',
  blue: '#1565c0',
  yellow: '#f9a825',
  green: '#2e7d32',
  purple: '#6a1b9a',
  white: '#90a4ae',
  grey: '#616161',
};

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

type Box = { ref: string; x: number; y: number; width: number; height: number; pins: string[] };
const pinGap = 20;
const header = 30;

function pinsOf(wiring: Wiring, ref: string): string[] {
  const pins: string[] = [];
  for (const c of wiring.connections)
    for (const end of [c.from, c.to]) if (end.ref === ref && !pins.includes(end.pin)) pins.push(end.pin);
  return pins;
}

export function renderCircuitSvg(
  wiring: Wiring,
  bom: Pick<Bom, 'lines' | 'boardRef'>,
): { svg: string; width: number; height: number } {
  const boardRef = bom.boardRef ?? bom.lines[0].ref;
  const refs: string[] = [];
  for (const c of wiring.connections)
    for (const end of [c.from, c.to]) if (end.ref !== boardRef && !refs.includes(end.ref)) refs.push(end.ref);
  const boardPins = pinsOf(wiring, boardRef);
  const board: Box = {
    ref: boardRef,
    x: 20,
    y: 50,
    width: 180,
    height: header + boardPins.length * pinGap + 10,
    pins: boardPins,
  };
  const laneStart = board.x + board.width + 24;
  const laneGap = 7;
  const columnX = laneStart + wiring.connections.length * laneGap + 24;
  const boxes: Box[] = [];
  let y = 50;
  for (const ref of refs) {
    const pins = pinsOf(wiring, ref);
    const box = { ref, x: columnX, y, width: 200, height: header + pins.length * pinGap + 6, pins };
    boxes.push(box);
    y += box.height + 16;
  }
  const width = columnX + 200 + 20;
  const height = Math.max(board.y + board.height, y) + 30;
  const anchor = (ref: string, pin: string) => {
    const box = ref === boardRef ? board : boxes.find((b) => b.ref === ref)!;
    const index = box.pins.indexOf(pin);
    return { x: ref === boardRef ? box.x + box.width : box.x, y: box.y + header + index * pinGap + pinGap / 2 };
  };
  const parts: string[] = [];
  const drawBox = (box: Box, isBoard: boolean) => {
    parts.push(
      `<g data-ref="${escapeXml(box.ref)}"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" fill="${isBoard ? '#1b5e20' : '#eceff1'}" stroke="#37474f"/>`,
      `<text x="${box.x + 10}" y="${box.y + 20}" font-size="13" font-weight="bold" fill="${isBoard ? '#ffffff' : '#212121'}">${escapeXml(labelOf(bom, box.ref))}</text>`,
    );
    box.pins.forEach((pin, index) => {
      const py = box.y + header + index * pinGap + pinGap / 2;
      const px = isBoard ? box.x + box.width : box.x;
      const tx = isBoard ? box.x + box.width - 8 : box.x + 8;
      parts.push(
        `<circle cx="${px}" cy="${py}" r="3" fill="#263238"/>`,
        `<text x="${tx}" y="${py + 4}" font-size="11" text-anchor="${isBoard ? 'end' : 'start'}" fill="${isBoard ? '#ffffff' : '#263238'}">${escapeXml(pin)}</text>`,
      );
    });
    parts.push('</g>');
  };
  drawBox(board, true);
  for (const box of boxes) drawBox(box, false);
  wiring.connections.forEach((c, index) => {
    const a = anchor(c.from.ref, c.from.pin);
    const b = anchor(c.to.ref, c.to.pin);
    const lane = laneStart + index * laneGap;
    const colour = colours[c.wireColor] ?? '#2e7d32';
    parts.push(
      `<path d="M${a.x} ${a.y} H${lane} V${b.y} H${b.x}" fill="none" stroke="${colour}" stroke-width="2" data-sequence="${c.sequence}"><title>${escapeXml(`${c.sequence}. ${c.from.ref} ${c.from.pin} → ${c.to.ref} ${c.to.pin} (${c.signalType}${c.voltage ? `, ${c.voltage}` : ''})`)}</title></path>`,
    );
  });
  const title = `Circuit diagram: ${labelOf(bom, boardRef)} and ${refs.length} parts, ${wiring.connections.length} wires`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="ui-sans-serif, system-ui, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="20" y="28" font-size="15" font-weight="bold" fill="#212121">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
