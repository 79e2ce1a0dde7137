// Reads an Electron executable's fuse wire, to compare the running build with what electron-builder.yml set.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FuseName } from './checks';

/** The fuses electron-builder.yml (`electronFuses`) sets; a unit test keeps the two equal. */
export const EXPECTED_FUSES: Readonly<Partial<Record<FuseName, boolean>>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};

/** The wire's fuses in their order (version 1 of the wire). */
export const FUSE_ORDER: readonly FuseName[] = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

/** Electron marks the wire with this string; the version byte and the length follow it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;

/** On macOS the wire is in the framework, not in the executable the process runs. */
export function fuseFileOf(executable: string): string {
  const at = executable.indexOf('.app/');
  if (at < 0) return executable;
  return resolve(
    executable.slice(0, at + 4),
    'Contents/Frameworks/Electron Framework.framework/Electron Framework',
  );
}

const CHUNK = 4 * 1024 * 1024;

/**
 * The fuses of the file, read in chunks (an executable is some hundred MB). A fuse the wire does
 * not have (an older Electron) or that was removed is left out. Throws when there is no wire.
 */
export async function readFuses(file: string): Promise<Partial<Record<FuseName, boolean>>> {
  const sentinel = Buffer.from(FUSE_SENTINEL, 'latin1');
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK + sentinel.length + 2 + FUSE_ORDER.length);
    let position = 0;
    let carry = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, carry, buf.length - carry, position);
      const filled = carry + bytesRead;
      const at = buf.subarray(0, filled).indexOf(sentinel);
      if (at >= 0) {
        const wire = Buffer.alloc(2 + FUSE_ORDER.length);
        await handle.read(wire, 0, wire.length, position - carry + at + sentinel.length);
        if (wire[0] !== 1) throw new Error(`fuse wire version ${wire[0]} is not known`);
        const length = Math.min(wire[1] ?? 0, FUSE_ORDER.length);
        const fuses: Partial<Record<FuseName, boolean>> = {};
        for (let i = 0; i < length; i += 1) {
          const state = wire[2 + i];
          if (state === ENABLED) fuses[FUSE_ORDER[i]!] = true;
          else if (state === DISABLED) fuses[FUSE_ORDER[i]!] = false;
        }
        return fuses;
      }
      if (bytesRead === 0) throw new Error('no fuse wire in the executable');
      // Keep the tail: the sentinel may straddle two chunks.
      carry = Math.min(filled, sentinel.length - 1);
      buf.copy(buf, 0, filled - carry, filled);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
