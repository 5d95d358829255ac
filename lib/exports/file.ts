// What every export returns and takes: a named file of bytes, made from artifact versions (the contract's content
// types with their version number), and the one message for a project that lacks what an export is made from.
import { OhmError } from '../errors.ts';

export type ExportFile = { filename: string; contentType: string; bytes: Uint8Array };

/** An artifact version as exports need it: its number (the file is named by it) and its content_json. Structurally
 * an ArtifactSnapshot<T> from the contract fits. */
export type Versioned<T> = { version: number; json: T };

const artifactNames = { bom: 'BOM', wiring: 'wiring', code: 'code' } as const;
const makeFirst = {
  bom: 'Ask OHM for a parts list first',
  wiring: 'Ask OHM to wire the BOM first',
  code: 'Ask OHM to write the firmware first',
} as const;

/** The artifact an export is made from, or a 400 that says what is missing and how to get it. */
export function requireArtifact<T>(
  artifact: Versioned<T> | null | undefined,
  type: keyof typeof artifactNames,
  exportName: string,
): Versioned<T> {
  if (!artifact) {
    throw new OhmError(
      'bad_request:export',
      `This project has no ${artifactNames[type]} yet, so there is nothing to make the ${exportName} from. ${makeFirst[type]}.`,
    );
  }
  return artifact;
}

/** 'bom-v3-jlcpcb.csv': named by the artifact version, so an old export stays what it was. */
export function exportFilename(kind: string, version: number, extension: string, variant?: string): string {
  return `${kind}-v${version}${variant ? `-${variant}` : ''}.${extension}`;
}

/** A folder or file name safe in a zip and on every OS: letters, digits, '-', '_' and '.', at most 63 characters. */
export function safeName(text: string, fallback = 'ohm-project'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 63)
    .replace(/[-.]+$/g, '');
  return slug || fallback;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
