// The firmware zip: one complete PlatformIO project per success unit (01-calibration/, 02-minimal/, 03-full/), each
// with platformio.ini (board, framework, lib_deps matching its includes), its sources, and diagram.json + wokwi.toml
// so it opens in the Wokwi simulator; a top-level README with the units, the wiring summary and what the simulation
// substitutes.
import { zipSync, type Zippable } from 'fflate';
import type { Bom, CodeArtifact, CodeFile, Wiring } from '../agents/design/contract.ts';
import { OhmError } from '../errors.ts';
import { exportFilename, requireArtifact, safeName, utf8, type ExportFile, type Versioned } from './file.ts';
import { platformioIni, resolveLibDeps, wokwiToml } from './platformio.ts';
import { isSafeZipPath } from './zip-reader.ts';
import { buildWokwiDiagram, type WokwiBuild } from './wokwi.ts';

// A fixed timestamp: the same code version always gives the same bytes, so an export is regenerated only on change.
const zipTime = new Date('2026-01-01T00:00:00Z');
const maxFiles = 200;
const maxSourceBytes = 2 * 1024 * 1024;

/** 'unit1_calibration/src/main.cpp' → 'src/main.cpp': the unit folder is ours to name. */
function pathInUnit(file: CodeFile): string {
  const segments = file.filename.replace(/\\/g, '/').split('/');
  const path = (
    /^(unit[\s_-]?\d|0?\d[\s_-])/i.test(segments[0]) && segments.length > 1 ? segments.slice(1) : segments
  ).join('/');
  if (!isSafeZipPath(path) || path.endsWith('/') || /[\x00-\x1f]/.test(path)) {
    throw new OhmError('bad_request:export', `The code file name "${file.filename}" is not a safe path in a project.`);
  }
  return path;
}

const isSource = (path: string) => /^src\/.+\.(cpp|c|ino|h|hpp)$/i.test(path);

function wiringSummary(wiring: Wiring): string {
  const rows = [...wiring.connections]
    .sort((a, b) => a.sequence - b.sequence)
    .map(
      (c) =>
        `| ${c.sequence} | ${c.from.ref}:${c.from.pin} | ${c.to.ref}:${c.to.pin} | ${c.wireColor} | ${c.voltage ?? ''} |`,
    );
  const steps = wiring.steps.map((s) => `${s.number}. **${s.title}**: ${s.instruction}`);
  return ['| # | From | To | Wire | Voltage |', '|---|---|---|---|---|', ...rows, '', ...steps].join('\n');
}

function readme({
  projectName,
  code,
  wiring,
  wokwi,
  wokwiError,
  units,
}: {
  projectName: string;
  code: Versioned<CodeArtifact>;
  wiring: Versioned<Wiring> | null;
  wokwi: WokwiBuild | null;
  wokwiError: string | null;
  units: Array<{ folder: string; title: string; goal: string; ready: boolean; unknownIncludes: string[] }>;
}): string {
  const lines = [
    `# ${projectName.replace(/[\r\n]+/g, ' ')}: firmware (code v${code.version})`,
    '',
    `Board \`${code.json.board}\`, framework \`${code.json.framework}\`, built from BOM v${code.json.bomVersion}` +
      (wiring ? ` and wiring v${wiring.version}.` : '.'),
    '',
    '## Success units',
    '',
    'Flash them in order: each proves one more part of the build works.',
    '',
    '| Folder | Unit | Goal | Production-ready |',
    '|---|---|---|---|',
    ...units.map((u) => `| \`${u.folder}/\` | ${u.title} | ${u.goal} | ${u.ready ? 'yes' : 'no'} |`),
    '',
    'Build with PlatformIO: `cd <folder> && pio run` (upload: `pio run -t upload`, serial: `pio device monitor`).',
    'Simulate: build first, then open the folder in VS Code with the Wokwi extension (it reads `wokwi.toml`).',
    '',
    '## Simulation',
    '',
  ];
  if (wokwi) {
    lines.push(...(wokwi.notes.length ? wokwi.notes.map((n) => `- ${n}`) : ['- Every part is simulated as wired.']));
  } else {
    lines.push(`- No Wokwi diagram: ${wokwiError ?? 'this project has no wiring yet'}.`);
  }
  for (const u of units.filter((x) => x.unknownIncludes.length)) {
    lines.push(
      `- \`${u.folder}\` includes ${u.unknownIncludes.join(', ')}: add the library that provides it to lib_deps.`,
    );
  }
  if (wiring) lines.push('', '## Wiring', '', wiringSummary(wiring.json));
  return lines.join('\n') + '\n';
}

export function exportFirmwareZip({
  projectName,
  code,
  wiring = null,
  bom = null,
}: {
  projectName: string;
  code: Versioned<CodeArtifact> | null | undefined;
  wiring?: Versioned<Wiring> | null;
  bom?: Versioned<Bom> | null;
}): ExportFile {
  const artifact = requireArtifact(code, 'code', 'firmware zip');
  const { json } = artifact;
  if (json.files.length > maxFiles) {
    throw new OhmError(
      'bad_request:export',
      `This code has ${json.files.length} files; a firmware zip takes ${maxFiles}.`,
    );
  }
  let wokwi: WokwiBuild | null = null;
  let wokwiError: string | null = null;
  if (wiring && bom) {
    try {
      wokwi = buildWokwiDiagram({ bom: bom.json, wiring: wiring.json });
    } catch (error) {
      if (!(error instanceof OhmError)) throw error;
      wokwiError = error.message.replace(/\.$/, ''); // the firmware is still worth having without a simulation
    }
  } else if (wiring) wokwiError = 'this project has no BOM to simulate';

  const root = `${safeName(projectName)}-firmware-v${artifact.version}`;
  const tree: Zippable = {};
  // A file of a unit the units list forgot still ships, under a plain title.
  const listed = new Set(json.units.map((u) => u.unit));
  const unlisted = [...new Set(json.files.map((f) => f.unit))].filter((u) => !listed.has(u));
  const units = [...json.units, ...unlisted.map((unit) => ({ unit, title: `Unit ${unit}`, goal: '' }))]
    .filter((u) => json.files.some((f) => f.unit === u.unit))
    .sort((a, b) => a.unit - b.unit);
  const summaries = [];
  for (const unit of units) {
    const folder = `0${unit.unit}-${safeName(unit.title, `unit-${unit.unit}`)}`;
    const files = json.files.filter((f) => f.unit === unit.unit);
    const contents: Record<string, string> = {};
    for (const file of files) {
      const path = pathInUnit(file);
      if (path === 'platformio.ini') continue; // ours: its lib_deps are checked against the includes
      if (contents[path] !== undefined) {
        throw new OhmError('bad_request:export', `Unit ${unit.unit} has two files at ${path}.`);
      }
      if (file.content.length > maxSourceBytes) {
        throw new OhmError('bad_request:export', `${file.filename} is larger than ${maxSourceBytes} bytes.`);
      }
      contents[path] = file.content;
    }
    const sources = Object.entries(contents).filter(([path]) => isSource(path));
    if (!sources.length) {
      throw new OhmError('bad_request:export', `Unit ${unit.unit} (${unit.title}) has no source file under src/.`);
    }
    const deps = resolveLibDeps(
      sources.map(([, text]) => text),
      files.flatMap((f) => f.requiredLibraries),
    );
    contents['platformio.ini'] = platformioIni({
      board: json.board,
      framework: json.framework,
      libDeps: deps.libDeps,
      heading: `${projectName}: unit ${unit.unit}, ${unit.title} (code v${artifact.version}, made by OHM)`,
    });
    if (wokwi) {
      contents['diagram.json'] = JSON.stringify(wokwi.diagram, null, 2) + '\n';
      contents['wokwi.toml'] = wokwiToml(json.board);
    }
    for (const [path, text] of Object.entries(contents)) tree[`${root}/${folder}/${path}`] = utf8(text);
    const ready = files.some((f) => f.isProductionReady);
    summaries.push({ folder, title: unit.title, goal: unit.goal, ready, unknownIncludes: deps.unknownIncludes });
  }
  const text = readme({ projectName, code: artifact, wiring, wokwi, wokwiError, units: summaries });
  tree[`${root}/README.md`] = utf8(text);
  return {
    filename: exportFilename('firmware', artifact.version, 'zip'),
    contentType: 'application/zip',
    bytes: zipSync(tree, { level: 6, mtime: zipTime }),
  };
}
