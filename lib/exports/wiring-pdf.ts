// The wiring PDF a maker prints for the bench: title, parts list, the circuit diagram (the circuit_diagram SVG our
// own code drew, drawn into the PDF as vectors by svg-to-pdfkit), the numbered steps with the wires each makes, the
// connection table and the warnings, in DejaVu Sans so Ω, µ, ° and → print as themselves.
import SVGtoPDF from 'svg-to-pdfkit';
import type { Bom, Connection, DesignWarning, Wiring } from '../agents/design/contract.ts';
import { partLabel } from '../artifacts/diff/summary-bom.ts';
import { OhmError } from '../errors.ts';
import { exportFilename, requireArtifact, type ExportFile, type Versioned } from './file.ts';
import { contentWidth, createPdf, ensureRoom, collectPdf, heading, table, type Pdf } from './pdf-kit.ts';

export const maxDiagramSvgChars = 1_000_000;
const maxDiagramHeight = 330;

/** Why an SVG is not drawn, or null when it is safe: svg-to-pdfkit would load an <image>'s href from disk. */
export function unsafeSvgReason(svg: string): string | null {
  if (svg.length > maxDiagramSvgChars)
    return `it is larger than ${maxDiagramSvgChars.toLocaleString('en-US')} characters`;
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(svg)) return 'it is not an SVG document';
  if (/<(image|foreignObject|script|iframe)\b/i.test(svg)) return 'it embeds images, scripts or foreign content';
  if (/(?:xlink:)?href\s*=\s*["'](?!#)/i.test(svg)) return 'it links to something outside itself';
  return null;
}

function svgSize(svg: string): { width: number; height: number } {
  const number = (name: string) => Number(svg.match(new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)`, 'i'))?.[1]);
  const viewBox = svg.match(/<svg[^>]*\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/i);
  const width = number('width') || Number(viewBox?.[1]) || 400;
  const height = number('height') || Number(viewBox?.[2]) || 300;
  return { width, height };
}

/** A part's short name for the steps and the table; two lines with the same name (the SDA and SCL pull-ups) keep
 * their refs so the maker can tell them apart. */
function labelFor(bom: Bom | null): (ref: string) => string {
  const lines = bom?.lines ?? [];
  const uses = new Map<string, number>();
  for (const l of lines) uses.set(partLabel(l), (uses.get(partLabel(l)) ?? 0) + 1);
  const byRef = new Map(
    lines.map((l) => [l.ref, uses.get(partLabel(l))! > 1 ? `${partLabel(l)} (${l.ref})` : partLabel(l)]),
  );
  return (ref) => byRef.get(ref) ?? ref;
}

const wireText = (c: Connection, label: (ref: string) => string) =>
  `${label(c.from.ref)} ${c.from.pin} → ${label(c.to.ref)} ${c.to.pin}`;

function drawTitle(doc: Pdf, projectName: string, wiring: Versioned<Wiring>, bom: Versioned<Bom> | null) {
  doc.font('bold').fontSize(20).text(`${projectName}: wiring`);
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#444444')
    .text(
      `Wiring v${wiring.version}, built from BOM v${wiring.json.bomVersion}` +
        (bom && bom.version !== wiring.json.bomVersion
          ? ` (the current BOM is v${bom.version}: check the parts)`
          : '') +
        `. ${wiring.json.connections.length} wires in ${wiring.json.steps.length} steps. Made by OHM.`,
    )
    .fillColor('black');
}

function drawParts(doc: Pdf, wiring: Wiring, bom: Bom | null) {
  heading(doc, 'Parts');
  const wired = new Set(wiring.connections.flatMap((c) => [c.from.ref, c.to.ref]));
  const lines = bom
    ? bom.lines.map((l) => `${l.quantity} × ${l.name}${l.voltage ? `, ${l.voltage}` : ''}  (${l.ref})`)
    : [...wired].map((ref) => `${ref}`);
  doc.list(lines, { bulletRadius: 1.5, textIndent: 10 });
}

function drawDiagram(doc: Pdf, svg: string | null) {
  if (svg === null) return;
  heading(doc, 'Diagram');
  const unsafe = unsafeSvgReason(svg);
  if (unsafe) {
    doc.fillColor('#a00000').text(`The diagram is not drawn here: ${unsafe}.`).fillColor('black');
    return;
  }
  const size = svgSize(svg);
  const width = Math.min(contentWidth(doc), size.width * 1.2);
  const height = Math.min(maxDiagramHeight, (width * size.height) / size.width);
  ensureRoom(doc, height + 10);
  const x = doc.page.margins.left;
  const y = doc.y;
  // svg-to-pdfkit's typings take the PDFDocument class where it means an instance.
  SVGtoPDF(doc as unknown as Parameters<typeof SVGtoPDF>[0], svg, x, y, {
    width,
    height,
    preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (_family, bold) => (bold ? 'bold' : 'body'),
  });
  doc.font('body').fontSize(10).fillColor('black');
  doc.x = x;
  doc.y = y + height + 8;
}

function drawSteps(doc: Pdf, wiring: Wiring, label: (ref: string) => string) {
  heading(doc, 'Steps');
  const bySequence = new Map(wiring.connections.map((c) => [c.sequence, c]));
  for (const step of [...wiring.steps].sort((a, b) => a.number - b.number)) {
    ensureRoom(doc, 50);
    doc.font('bold').fontSize(11).text(`${step.number}. ${step.title}`, doc.page.margins.left);
    doc.font('body').fontSize(10).text(step.instruction, { indent: 14 });
    for (const n of step.connections) {
      const c = bySequence.get(n);
      if (!c) continue;
      const details = [c.wireColor, c.voltage].filter(Boolean).join(', ');
      doc.text(`☐ wire ${n}: ${wireText(c, label)}${details ? ` (${details})` : ''}`, { indent: 24 });
    }
    doc.moveDown(0.4);
  }
}

function drawConnections(doc: Pdf, wiring: Wiring, label: (ref: string) => string) {
  heading(doc, 'Connections');
  const rows = [...wiring.connections]
    .sort((a, b) => a.sequence - b.sequence)
    .map((c) => [
      String(c.sequence),
      `${label(c.from.ref)} ${c.from.pin}`,
      `→ ${label(c.to.ref)} ${c.to.pin}`,
      c.wireColor,
      c.voltage ?? '',
      c.signalType,
    ]);
  table(
    doc,
    [
      { header: '#', width: 0.06 },
      { header: 'From', width: 0.27 },
      { header: 'To', width: 0.3 },
      { header: 'Wire', width: 0.11 },
      { header: 'Voltage', width: 0.11 },
      { header: 'Signal', width: 0.15 },
    ],
    rows,
  );
}

function drawWarnings(doc: Pdf, wiring: Wiring) {
  const warnings: DesignWarning[] = [...wiring.warnings, ...wiring.connections.flatMap((c) => c.warnings)];
  const open = warnings.filter((w) => !w.resolved);
  if (!open.length) return;
  heading(doc, 'Warnings');
  for (const w of open) {
    ensureRoom(doc, 40);
    doc.font('bold').text(`⚠ ${w.message}`, doc.page.margins.left);
    doc.font('body').text(`${w.reason} Fix: ${w.fix}`, { indent: 14 }).moveDown(0.3);
  }
}

/** The wiring PDF export: `wiring-v2.pdf`. `diagramSvg` is the circuit_diagram version's content, when there is one. */
export async function exportWiringPdf({
  projectName,
  wiring,
  bom = null,
  diagramSvg = null,
}: {
  projectName: string;
  wiring: Versioned<Wiring> | null | undefined;
  bom?: Versioned<Bom> | null;
  diagramSvg?: string | null;
}): Promise<ExportFile> {
  const artifact = requireArtifact(wiring, 'wiring', 'wiring PDF');
  if (artifact.json.connections.length > 5000) {
    throw new OhmError('bad_request:export', 'This wiring has more than 5,000 wires: too many to print.');
  }
  const name = projectName.replace(/[\r\n\t]+/g, ' ').trim() || 'OHM project';
  const label = labelFor(bom?.json ?? null);
  const doc = createPdf(`${name}: wiring v${artifact.version}`);
  const bytes = collectPdf(doc);
  drawTitle(doc, name, artifact, bom);
  drawParts(doc, artifact.json, bom?.json ?? null);
  drawDiagram(doc, diagramSvg);
  drawSteps(doc, artifact.json, label);
  drawConnections(doc, artifact.json, label);
  drawWarnings(doc, artifact.json);
  doc.end();
  return {
    filename: exportFilename('wiring', artifact.version, 'pdf'),
    contentType: 'application/pdf',
    bytes: await bytes,
  };
}
