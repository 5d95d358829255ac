// Reads a zip without letting it blow up: entry count, each entry's and the total unpacked size, the compression
// ratio and the names (no '..', no absolute paths, no NUL) are checked from the headers before anything is inflated,
// and the inflated sizes are checked against the headers after. For uploads (a Wokwi project, a KiCad export) and for
// reading our own exports back in tests.
import { unzipSync } from 'fflate';
import { OhmError, type Surface } from '../errors.ts';

export type ZipLimits = { maxEntries: number; maxEntryBytes: number; maxTotalBytes: number; maxRatio: number };
export const defaultZipLimits: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 100,
};
// Below this size a high ratio is harmless (a small file of repeated text compresses 1000:1 honestly).
const ratioFloorBytes = 1024 * 1024;

export function isSafeZipPath(name: string): boolean {
  if (!name || name.length > 512 || /[\0\\]/.test(name) || name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return false;
  }
  return name
    .split('/')
    .every((segment, i, all) => segment !== '..' && segment !== '.' && (segment || i === all.length - 1));
}

/** The files of a zip (folders left out), or a 400 OhmError naming the limit it broke. */
export function readZipSafely(
  bytes: Uint8Array,
  { limits = defaultZipLimits, surface = 'upload' }: { limits?: ZipLimits; surface?: Surface } = {},
): Map<string, Uint8Array> {
  const refuse = (why: string): never => {
    throw new OhmError(`bad_request:${surface}`, `This zip cannot be opened: ${why}.`);
  };
  let entries = 0;
  let total = 0;
  const declared = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: ({ name, size, originalSize }) => {
        if (++entries > limits.maxEntries) refuse(`it has more than ${limits.maxEntries} entries`);
        if (!isSafeZipPath(name)) refuse(`the entry name "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a safe path`);
        if (originalSize > limits.maxEntryBytes)
          refuse(`${name} would unpack to more than ${limits.maxEntryBytes} bytes`);
        total += originalSize;
        if (total > limits.maxTotalBytes) refuse(`it would unpack to more than ${limits.maxTotalBytes} bytes`);
        if (originalSize > ratioFloorBytes && originalSize / Math.max(size, 1) > limits.maxRatio) {
          refuse(`${name} is compressed more than ${limits.maxRatio}:1, like a zip bomb`);
        }
        if (name.endsWith('/')) return false;
        declared.set(name, originalSize);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof OhmError) throw error;
    return refuse('it is not a valid zip file');
  }
  const result = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    if (data.length !== declared.get(name)) refuse(`${name} is not the size its header says`);
    result.set(name, data);
  }
  return result;
}
