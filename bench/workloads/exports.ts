// Exports (`npm run bench -- exports`): each export of a project with a 200-part BOM (and a wire per part), p50 and
// p95 over repeated runs, with the process's memory high-water mark (max RSS) and the peak JS heap while exporting;
// then the same exports through the app's route on a production build (bench/exports-route.ts), with the app
// process's high-water mark.
import { exportBomCsv } from '../../lib/exports/bom-csv.ts';
import { exportFirmwareZip } from '../../lib/exports/firmware-zip.ts';
import { exportWiringPdf } from '../../lib/exports/wiring-pdf.ts';
import { exportWokwiDiagram } from '../../lib/exports/wokwi.ts';
import { makeLargeProject } from '../../tests/unit/fixtures/large-bom.ts';
import { weatherStationCode } from '../../tests/unit/fixtures/weather-station-code.ts';
import { weatherStationDiagramSvg } from '../../tests/unit/fixtures/weather-station-wiring.ts';
import { measureExportRoutes } from '../exports-route.ts';
import type { MeasuredRow, Workload } from '../types.ts';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

export const workloads: Workload[] = [
  {
    name: 'exports-200-parts',
    measure: async () => {
      const { bom, wiring } = makeLargeProject(200);
      const project = {
        projectName: 'Bench project',
        bom: { version: 3, json: bom },
        wiring: { version: 2, json: wiring },
        code: { version: 4, json: weatherStationCode },
        diagramSvg: weatherStationDiagramSvg,
      };
      const cases: Array<[string, number, () => Promise<{ bytes: Uint8Array }> | { bytes: Uint8Array }]> = [
        ['BOM CSV universal', 200, () => exportBomCsv({ bom: project.bom, profile: 'universal' })],
        ['BOM CSV kicad', 200, () => exportBomCsv({ bom: project.bom, profile: 'kicad' })],
        ['BOM CSV jlcpcb', 200, () => exportBomCsv({ bom: project.bom, profile: 'jlcpcb' })],
        ['Wokwi diagram.json', 200, () => exportWokwiDiagram(project)],
        ['firmware zip', 60, () => exportFirmwareZip(project)],
        ['wiring PDF', 30, () => exportWiringPdf(project)],
      ];
      const rows: MeasuredRow[] = [];
      const rssBefore = process.resourceUsage().maxRSS * 1024;
      for (const [name, iterations, run] of cases) {
        for (let i = 0; i < Math.min(5, iterations); i++) await run(); // warm-up: JIT, fonts
        const times: number[] = [];
        let heapPeak = 0;
        let size = 0;
        for (let i = 0; i < iterations; i++) {
          const t = performance.now();
          size = (await run()).bytes.length;
          times.push(performance.now() - t);
          heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        }
        times.sort((a, b) => a - b);
        rows.push({
          name,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          throughput: 1000 / (times.reduce((a, b) => a + b, 0) / times.length),
          note: `n=${iterations}, ${(size / 1024).toFixed(0)} KB, heap peak ${mb(heapPeak)} MB, max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
        });
      }
      const rssAfter = process.resourceUsage().maxRSS * 1024;
      rows.push({
        name: 'memory high-water mark',
        note: `max RSS ${mb(rssAfter)} MB (was ${mb(rssBefore)} MB before the exports)`,
      });
      return { rows };
    },
  },
  {
    name: 'exports-route-200-parts',
    measure: async (ctx) => ({ rows: await measureExportRoutes(ctx) }),
  },
];
