// The exports of a project's artifacts, each `{ filename, contentType, bytes }` named by artifact version (see README
// "Exports"). Pure: the caller loads the versions and stores the bytes in the exports bucket.
export { bomCsvHeaders, bomCsvProfiles, bomToCsv, exportBomCsv, type BomCsvProfile } from './bom-csv.ts';
export { exportFilename, requireArtifact, type ExportFile, type Versioned } from './file.ts';
export { exportFirmwareZip } from './firmware-zip.ts';
export { defaultZipLimits, readZipSafely, type ZipLimits } from './zip-reader.ts';
export { exportWiringPdf, unsafeSvgReason } from './wiring-pdf.ts';
export {
  buildWokwiDiagram,
  exportWokwiDiagram,
  lintWokwiDiagram,
  resolveWokwiPin,
  type WokwiDiagram,
} from './wokwi.ts';
