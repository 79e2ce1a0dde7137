// The fuse reader: what it reads from an executable's wire is what @electron/fuses reads there.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXPECTED_FUSES,
  FUSE_ORDER,
  FUSE_SENTINEL,
  fuseFileOf,
  readFuses,
} from '../../../main/preflight/fuses';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file shaped like an executable: `before` bytes, then the wire with these states ('0', '1', 'r'). */
function fakeExecutable(name: string, states: string, before: number): string {
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, states.length]),
    Buffer.from(states, 'latin1'),
  ]);
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.alloc(before, 0x41), wire, Buffer.alloc(1000, 0x42)]));
  return path;
}

describe('readFuses', () => {
  it('reads the wire as @electron/fuses does, also across a chunk boundary', async () => {
    // The states the build sets, in the wire's order ('r': the snapshot fuse left as it is).
    const states = FUSE_ORDER.map((name) =>
      EXPECTED_FUSES[name] === undefined ? 'r' : EXPECTED_FUSES[name] ? '1' : '0',
    ).join('');
    // 4 MiB - 10: the sentinel straddles the reader's first and second chunk.
    const path = fakeExecutable('straddle', states, 4 * 1024 * 1024 - 10);
    const fuses = await readFuses(path);
    expect(fuses).toEqual(EXPECTED_FUSES);
    const theirs = await getCurrentFuseWire(path);
    FUSE_ORDER.forEach((name, i) => {
      const state = theirs[i as keyof typeof theirs];
      if (state === 49) expect(fuses[name], name).toBe(true);
      else if (state === 48) expect(fuses[name], name).toBe(false);
      else expect(fuses[name], name).toBeUndefined();
    });
  });

  it('shows a flipped fuse, and throws where there is no wire', async () => {
    const path = fakeExecutable('flipped', '10011100', 100);
    expect((await readFuses(path)).runAsNode).toBe(true);
    const none = join(dir, 'none');
    writeFileSync(none, Buffer.alloc(5000, 0x41));
    await expect(readFuses(none)).rejects.toThrow(/no fuse wire/);
  });

  it('reads the framework of a macOS app', () => {
    expect(fuseFileOf('/Applications/窓口.app/Contents/MacOS/窓口')).toBe(
      '/Applications/窓口.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
    );
    expect(fuseFileOf('C:\\Program Files\\窓口\\窓口.exe')).toBe(
      'C:\\Program Files\\窓口\\窓口.exe',
    );
  });
});
