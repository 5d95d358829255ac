// Server-only: a project's export, made from its current artifact versions and kept in the Storage bucket `exports`
// under <project>/<artifact>/<the versions it was made from>/<file>, so a file is made once per set of versions and
// an old export stays what it was. Runs as the signed-in user (RLS on projects, artifacts and storage.objects);
// answers a short-lived signed URL that downloads the file under its versioned name.
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { contentSchemaByType, type Bom, type CodeArtifact, type Wiring } from '@/lib/agents/design/contract';
import { OhmError, fromPostgrestError } from '@/lib/errors';
import {
  selectCurrentArtifacts,
  selectVersionContents,
  type CurrentArtifact,
  type DesignVersion,
} from '@/lib/projects/queries';
import { exportNeeds, type ExportKind } from '@/lib/projects/schemas';
import type { Database } from '@/lib/supabase/database.types';
import { createClient } from '@/lib/supabase/server';
import { exportBomCsv } from './bom-csv';
import { exportFilename, requireArtifact, type ExportFile, type Versioned } from './file';
import { exportFirmwareZip } from './firmware-zip';
import { exportWiringPdf } from './wiring-pdf';
import { exportWokwiDiagram } from './wokwi';

type Client = SupabaseClient<Database>;
type Design = Partial<Record<DesignVersion['type'], DesignVersion>>;
type Current = Partial<Record<CurrentArtifact['type'], CurrentArtifact>>;

/** Seconds a download link lives: long enough to follow the redirect, too short to pass around. */
export const signedUrlSeconds = 60;
const bucketName = 'exports';

const artifactNames = { bom: 'BOM', wiring: 'wiring', code: 'code' } as const;

/** The content_json of a current version in the contract's shape, or a 400 that says it cannot be exported. */
function versioned<T>(design: Design, type: 'bom' | 'wiring' | 'code'): Versioned<T> | null {
  const version = design[type];
  if (!version) return null;
  const parsed = contentSchemaByType[type].safeParse(version.content_json);
  if (!parsed.success) {
    throw new OhmError(
      'bad_request:export',
      `The ${artifactNames[type]} v${version.version_number} is in an older shape that cannot be exported. Ask OHM to update the ${artifactNames[type]} first.`,
    );
  }
  return { version: version.version_number, json: parsed.data as T };
}

/** The file name each kind gets, from the version it is named by (the generators use the same names). */
function fileNameFor(kind: ExportKind, version: number): string {
  if (kind.startsWith('bom-')) return exportFilename('bom', version, 'csv', kind.slice(4));
  if (kind === 'wiring-pdf') return exportFilename('wiring', version, 'pdf');
  if (kind === 'firmware-zip') return exportFilename('firmware', version, 'zip');
  return exportFilename('diagram', version, 'json');
}

/** What the file is made from: each needed artifact, and the optional ones the generator reads when present. */
const inputsOf: Record<ExportKind, ReadonlyArray<DesignVersion['type']>> = {
  'bom-universal': ['bom'],
  'bom-kicad': ['bom'],
  'bom-jlcpcb': ['bom'],
  'wiring-pdf': ['wiring', 'bom', 'circuit_diagram'],
  'firmware-zip': ['code', 'wiring', 'bom'],
  'wokwi-diagram': ['wiring', 'bom'],
};

/** The object's name: every input version is in it, so a new version of any of them makes a new file. */
export function exportObjectPath(projectId: string, kind: ExportKind, design: Current): string {
  const primary = design[exportNeeds[kind][0]]!;
  const basis = inputsOf[kind]
    .map((type) => design[type])
    .filter((v): v is CurrentArtifact => !!v)
    .map((v) => `${v.type}-${v.artifact_id.slice(0, 8)}-v${v.version_number}`)
    .join('+');
  return `${projectId}/${primary.artifact_id}/${basis}/${fileNameFor(kind, primary.version_number)}`;
}

/** A 400 naming the first artifact the export needs and the project lacks. */
function requireInputs(kind: ExportKind, design: Current) {
  for (const type of exportNeeds[kind]) {
    const version = design[type];
    requireArtifact(version ? { version: version.version_number, json: null } : null, type, exportLabel(kind));
  }
}

export async function generateExport(kind: ExportKind, projectName: string, design: Design): Promise<ExportFile> {
  requireInputs(kind, design);
  if (kind.startsWith('bom-')) {
    return exportBomCsv({ bom: versioned<Bom>(design, 'bom'), profile: kind.slice(4) as 'universal' });
  }
  const bom = versioned<Bom>(design, 'bom');
  const wiring = versioned<Wiring>(design, 'wiring');
  if (kind === 'wokwi-diagram') return exportWokwiDiagram({ bom, wiring });
  if (kind === 'wiring-pdf') {
    return exportWiringPdf({ projectName, wiring, bom, diagramSvg: design.circuit_diagram?.content ?? null });
  }
  return exportFirmwareZip({ projectName, code: versioned<CodeArtifact>(design, 'code'), wiring, bom });
}

const exportLabel = (kind: ExportKind) =>
  kind.startsWith('bom-')
    ? 'BOM CSV'
    : kind === 'wiring-pdf'
      ? 'wiring PDF'
      : kind === 'firmware-zip'
        ? 'firmware zip'
        : 'Wokwi diagram';

/** The signed URL of the project's export, made and stored first when this set of versions has none yet. */
export async function signProjectExport({
  projectId,
  kind,
  client,
}: {
  projectId: string;
  kind: ExportKind;
  client?: Client;
}): Promise<{ url: string; filename: string; made: boolean }> {
  const supabase = client ?? (await createClient());
  // Both reads at once: the project (its name, and whether the caller has it) and its current versions.
  const [{ data: project, error }, current] = await Promise.all([
    supabase.from('projects').select('id, name').eq('id', projectId).is('deleted_at', null).maybeSingle(),
    selectCurrentArtifacts(supabase, projectId),
  ]);
  if (error) throw fromPostgrestError(error, 'project', { forbidden: new OhmError('not_found:project') });
  if (!project) throw new OhmError('not_found:project');
  if (current.error) throw fromPostgrestError(current.error, 'export');
  requireInputs(kind, current.data);

  // The name says which versions the file is made from: when it is stored, signing it is all there is to do.
  const objectPath = exportObjectPath(projectId, kind, current.data);
  const filename = objectPath.split('/').at(-1)!;
  const bucket = supabase.storage.from(bucketName);
  const sign = () => bucket.createSignedUrl(objectPath, signedUrlSeconds, { download: filename });
  const existing = await sign();
  if (!existing.error) return { url: existing.data.signedUrl, filename, made: false };

  const design = await selectVersionContents(supabase, current.data, inputsOf[kind]);
  if (design.error) throw fromPostgrestError(design.error, 'export');
  const file = await generateExport(kind, project.name, design.data);
  const upload = await bucket.upload(objectPath, file.bytes, {
    contentType: file.contentType.split(';')[0],
    cacheControl: '31536000',
    upsert: false,
  });
  // A concurrent request made the same file first: it is the same bytes, so theirs is as good as ours.
  if (upload.error && !/exists|duplicate/i.test(upload.error.message)) {
    throw new OhmError('unavailable:export', 'The export could not be stored. Try again in a moment.', {
      cause: upload.error,
    });
  }
  const signed = await sign();
  if (signed.error) {
    throw new OhmError('unavailable:export', 'The export could not be signed. Try again in a moment.', {
      cause: signed.error,
    });
  }
  return { url: signed.data.signedUrl, filename, made: true };
}
