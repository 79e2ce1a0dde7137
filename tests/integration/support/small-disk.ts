// A small disk of a test's own: a tmpfs mounted in this process's private mount namespace, to fill
// up or make read-only. Needs root; npm run test:integration runs each run under unshare --mount.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mounted folder. */
  readonly dir: string;
  /** Writes a filler file until the disk has no byte left. */
  fill(): void;
  /** Removes the filler: the space is back. */
  free(): void;
  /** Remounts the whole disk read-only (no file may be open for writing then). */
  readOnly(): void;
  /** Makes one file read-only (a read-only bind mount over it); the folder stays writable. */
  readOnlyFile(path: string): void;
  unmount(): void;
}

function parentOf(pid: string): string | null {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from its end.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return ppid && ppid !== '0' ? ppid : null;
  } catch {
    return null;
  }
}

function mountNamespaceOf(pid: string): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return null;
  }
}

/**
 * True when this process's mounts are not those of the process that started the tests (an
 * ancestor in another mount namespace: unshare --mount was run on the way). A mount here is then
 * seen by nobody else; outside such a namespace the disk is refused, so the host is never touched.
 */
export function inPrivateMountNamespace(): boolean {
  const own = mountNamespaceOf('self');
  if (own === null) return false;
  for (let pid = parentOf('self'); pid !== null; pid = parentOf(pid)) {
    const theirs = mountNamespaceOf(pid);
    if (theirs !== null && theirs !== own) return true;
  }
  return false;
}

function mount(...args: string[]): void {
  execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function mountSmallDisk(sizeMiB: number): SmallDisk {
  if (!inPrivateMountNamespace()) {
    throw new Error(
      'the storage fault tests mount a tmpfs: run them as root in a mount namespace of their own ' +
        '(npm run test:integration does; or unshare --mount)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-small-disk-'));
  mount('-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir);
  const filler = join(dir, 'filler');
  const extraMounts: string[] = [];

  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Big chunks first, then smaller ones, down to single bytes in the last page.
        for (let chunk = 1024 * 1024; chunk >= 1;) {
          try {
            const n = writeSync(fd, Buffer.alloc(chunk));
            if (n < chunk) chunk = Math.floor(chunk / 2);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
            chunk = Math.floor(chunk / 2);
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    readOnly() {
      mount('-o', 'remount,ro', dir);
    },
    readOnlyFile(path) {
      mount('--bind', path, path);
      mount('-o', 'remount,bind,ro', path);
      extraMounts.push(path);
    },
    unmount() {
      for (const path of extraMounts.splice(0).reverse())
        execFileSync('umount', ['-l', path], { stdio: 'ignore' });
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
