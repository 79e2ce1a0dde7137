// What the preflight asks the operating system: free space, backups, disk encryption, printers, the time zone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EncryptionFacts, PrintFacts } from './checks';

/** Runs a program without a shell; its standard output, or null when it failed or is not there. */
export type RunProgram = (command: string, args: readonly string[]) => Promise<string | null>;

export const runProgram: RunProgram = (command, args) =>
  new Promise((done) => {
    execFile(
      command,
      [...args],
      { timeout: 10_000, windowsHide: true, encoding: 'utf8', maxBuffer: 1024 * 1024 },
      (error, stdout) => done(error ? null : stdout),
    );
  });

/** The nearest folder that exists: a backup folder not made yet lives on its parent's disk. */
function existingAncestor(dir: string): string {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/** Bytes free for this user on the disk of `dir`; null when the OS does not say. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(existingAncestor(dir));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** The newest backup (issuance-*.sqlite3) in the folder, by its time of writing. */
export async function newestBackup(
  dir: string,
): Promise<{ path: string; name: string; at: Date } | null> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.sqlite3'));
  } catch {
    return null;
  }
  let newest: { path: string; name: string; at: Date } | null = null;
  for (const name of names) {
    const path = join(dir, name);
    try {
      const s = await stat(path);
      if (s.isFile() && (!newest || s.mtime > newest.at)) newest = { path, name, at: s.mtime };
    } catch {
      // removed while we looked
    }
  }
  return newest;
}

/** The clock and the zone the process runs in. */
export function zoneOf(now: Date): { timeZone: string; offsetMinutes: number } {
  return {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'unknown',
    offsetMinutes: -now.getTimezoneOffset(),
  };
}

/** The device (and its stack) holding `dir`, as lsblk shows it: a `crypt` layer means dm-crypt. */
async function linuxEncryption(
  dir: string,
  run: RunProgram,
): Promise<Omit<EncryptionFacts, 'platform' | 'dir'>> {
  const source = (
    await run('findmnt', ['-n', '-o', 'SOURCE', '--target', existingAncestor(dir)])
  )?.trim();
  if (!source) return { encrypted: null, detail: 'findmnt がマウント元を返しません' };
  // A btrfs subvolume is written device[/subvol].
  const device = source.replace(/\[.*\]$/, '');
  if (!device.startsWith('/dev/')) {
    return { encrypted: null, detail: `${device} はディスク装置ではありません` };
  }
  const types = await run('lsblk', ['-s', '-n', '-o', 'TYPE', device]);
  if (types === null) return { encrypted: null, detail: `lsblk が ${device} を調べられません` };
  const encrypted = types.split(/\s+/).includes('crypt');
  return { encrypted, detail: `${device}${encrypted ? '、dm-crypt' : ''}` };
}

/**
 * BitLocker's protection of the drive, as Explorer shows it (no administrator rights needed):
 * 1 on, 2 off, 3 encrypting, 0 or empty when the drive cannot be encrypted.
 */
async function windowsEncryption(
  dir: string,
  run: RunProgram,
): Promise<Omit<EncryptionFacts, 'platform' | 'dir'>> {
  const drive = /^[A-Za-z]:/.exec(dir)?.[0] ?? 'C:';
  const out = await run('powershell.exe', [
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    `(New-Object -ComObject Shell.Application).NameSpace('${drive}').Self.ExtendedProperty('System.Volume.BitLockerProtection')`,
  ]);
  const value = out?.trim();
  if (!value) return { encrypted: null, detail: `${drive} のBitLockerの状態が取得できません` };
  if (value === '1' || value === '3' || value === '5')
    return { encrypted: true, detail: `${drive} BitLocker` };
  return { encrypted: false, detail: `${drive} BitLocker オフ` };
}

async function macEncryption(run: RunProgram): Promise<Omit<EncryptionFacts, 'platform' | 'dir'>> {
  const out = (await run('fdesetup', ['status']))?.trim();
  if (!out) return { encrypted: null, detail: 'fdesetup が状態を返しません' };
  return { encrypted: /FileVault is On/i.test(out), detail: out.split('\n')[0]! };
}

export async function diskEncryption(
  dir: string,
  platform: NodeJS.Platform,
  run: RunProgram,
): Promise<EncryptionFacts> {
  const facts =
    platform === 'win32'
      ? await windowsEncryption(dir, run)
      : platform === 'darwin'
        ? await macEncryption(run)
        : await linuxEncryption(dir, run);
  return { platform, dir, ...facts };
}

/** Printers as the OS lists them, and the program that opens PDF files. */
export async function printFacts(platform: NodeJS.Platform, run: RunProgram): Promise<PrintFacts> {
  if (platform === 'win32') {
    const printers = await run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      'Get-Printer | ForEach-Object { $_.Name }',
    ]);
    const assoc = await run('cmd.exe', ['/d', '/c', 'assoc', '.pdf']);
    return {
      printers: printers === null ? null : lines(printers),
      pdfViewer: assoc === null ? null : (assoc.split('=')[1]?.trim() ?? null),
    };
  }
  // CUPS on Linux and macOS: `lpstat -e` lists the destinations, one a line.
  const printers = await run('lpstat', ['-e']);
  if (platform === 'darwin') {
    // Preview opens PDFs on every Mac.
    return { printers: printers === null ? null : lines(printers), pdfViewer: 'プレビュー' };
  }
  const viewer = await run('xdg-mime', ['query', 'default', 'application/pdf']);
  return {
    printers: printers === null ? null : lines(printers),
    pdfViewer: viewer === null ? undefined : viewer.trim() || null,
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
