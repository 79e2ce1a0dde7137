// Starts and stops a foreground pcscd (with the vpcd driver) for integration tests, the bench and dev.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
export const PCSCD_PID_FILE = '/run/pcscd/pcscd.pid';
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const VPCD_CONF = '/etc/reader.conf.d/vpcd';
/** The first vpcd slot (0x8C7B in /etc/reader.conf.d/vpcd) and the reader pcscd names after it. */
export const VPCD_PORT = 35963;
export const VPCD_READER = process.env.VPCD_READER ?? 'Virtual PCD 00 00';

export interface PcscdHandle {
  readonly pid: number;
  /** False when a pcscd was already running: stop() then leaves it alone. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface StartPcscdOptions {
  /** Where pcscd's own log goes (foreground mode writes it to stdout); default: discarded. */
  readonly logFile?: string;
  /** Adds --debug to the pcscd command line (never --apdu: it would write VERIFY data, PINs, to the log). */
  readonly debug?: boolean;
  readonly timeoutMs?: number;
}

/** Says what is missing for the pcscd + vpcd path, or null when everything is installed. */
export function missingPcscPieces(): string | null {
  const missing: string[] = [];
  if (!pcscdBinary()) missing.push('pcscd (Debian package pcscd)');
  if (!existsSync(VPCD_DRIVER)) missing.push(`${VPCD_DRIVER} (Debian package vsmartcard-vpcd)`);
  if (!existsSync(VPCD_CONF)) missing.push(`${VPCD_CONF} (Debian package vsmartcard-vpcd)`);
  return missing.length === 0
    ? null
    : `missing: ${missing.join(', ')}; run scripts/install-system-packages.sh`;
}

export function pcscdBinary(): string | null {
  for (const p of ['/usr/sbin/pcscd', '/usr/bin/pcscd', '/usr/local/sbin/pcscd']) {
    if (existsSync(p)) return p;
  }
  return null;
}

/** The mount namespace of a process, or null when /proc does not say (not ours to inspect). */
function mountNamespace(pid: number | 'self'): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return null;
  }
}

/**
 * Pids of live processes whose command name is pcscd (read from /proc, so no pgrep needed), in
 * this process's mount namespace only: pcscd's socket is a path, so a pcscd in another namespace
 * (a parallel test run in its own, see scripts/run-tests.mjs) is neither ours to reuse nor in the
 * way. A pcscd whose namespace cannot be read counts as ours, as before namespaces were used.
 */
export function livePcscdPids(): number[] {
  const own = mountNamespace('self');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'pcscd') continue;
      const theirs = mountNamespace(Number(entry));
      if (own === null || theirs === null || theirs === own) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}

/** True when something accepts connections on pcscd's socket. */
export function socketAnswers(path = PCSCD_SOCKET): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts pcscd in the foreground unless one is already running (then reuses it, owned=false).
 * A pid file or socket left by a dead pcscd is removed first, else pcscd refuses to start.
 */
export async function startPcscd(options: StartPcscdOptions = {}): Promise<PcscdHandle> {
  const missing = missingPcscPieces();
  if (missing) throw new Error(`[pcscd] cannot start the PC/SC service: ${missing}`);
  const timeoutMs = options.timeoutMs ?? 10_000;

  let live = livePcscdPids();
  // A pcscd that is still starting (another test run, systemd socket activation) gets a moment.
  for (let i = 0; i < 40 && live.length > 0; i++) {
    if (await socketAnswers()) return { pid: live[0]!, owned: false, stop: async () => {} };
    await sleep(50);
    live = livePcscdPids();
  }
  if (live.length > 0) {
    throw new Error(
      `[pcscd] pcscd (pid ${live.join(', ')}) runs but does not answer on ${PCSCD_SOCKET}`,
    );
  }
  rmSync(PCSCD_SOCKET, { force: true });
  rmSync(PCSCD_PID_FILE, { force: true });

  const args = ['--foreground', ...(options.debug ? ['--debug'] : [])];
  const root = process.getuid?.() === 0;
  // pcscd logs with printf: unbuffer stdout so a log file shows what happened up to a hang.
  const stdbuf = options.logFile && existsSync('/usr/bin/stdbuf') ? ['/usr/bin/stdbuf', '-oL'] : [];
  const line = [...stdbuf, pcscdBinary()!, ...args];
  const [cmd, ...cmdArgs] = root ? line : ['sudo', '-n', ...line];
  const child = spawn(cmd!, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const log = options.logFile ? createWriteStream(options.logFile) : null;
  let output = '';
  const collect = (chunk: Buffer) => {
    log?.write(chunk);
    if (output.length < 8000) output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
    log?.end();
  });

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`[pcscd] pcscd exited with ${exited} before it was ready:\n${output}`);
    }
    if (existsSync(PCSCD_SOCKET) && (await socketAnswers())) {
      return ownedHandle(child);
    }
    await sleep(50);
  }
  child.kill('SIGTERM');
  throw new Error(`[pcscd] pcscd did not open ${PCSCD_SOCKET} within ${timeoutMs} ms:\n${output}`);
}

function ownedHandle(child: ChildProcess): PcscdHandle {
  const pid = child.pid!;
  return {
    pid,
    owned: true,
    stop: () => stopByPid(pid, child),
  };
}

/** Stops the pcscd with this pid (SIGTERM, then SIGKILL after 3 s) and waits until it is gone. */
export async function stopByPid(pid: number, child?: ChildProcess): Promise<void> {
  if (!isAlive(pid)) return;
  const exited = child
    ? new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())))
    : null;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + 3000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(25);
  if (isAlive(pid)) signal(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(25);
  if (exited) await exited;
  // pcscd removes both on a clean exit; after SIGKILL they would block the next start.
  if (livePcscdPids().length === 0) {
    rmSync(PCSCD_SOCKET, { force: true });
    rmSync(PCSCD_PID_FILE, { force: true });
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // not ours to signal without sudo (pcscd started through sudo runs as root)
    spawnSync('sudo', ['-n', 'kill', `-${sig}`, String(pid)]);
  }
}

// `tsx scripts/pcscd.ts start|stop|status`: for a developer who wants pcscd up while running the app.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cmd = process.argv[2] ?? 'status';
  if (cmd === 'start') {
    const h = await startPcscd({ logFile: process.argv[3] });
    console.log(
      h.owned
        ? `pcscd started (pid ${h.pid}); Ctrl-C or SIGTERM to this command stops it`
        : `pcscd already running (pid ${h.pid}); left as it is`,
    );
    if (h.owned) {
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await h.stop();
    }
  } else if (cmd === 'status') {
    const pids = livePcscdPids();
    console.log(pids.length ? `pcscd running: ${pids.join(', ')}` : 'pcscd not running');
    const missing = missingPcscPieces();
    if (missing) console.log(missing);
  } else {
    console.error('usage: tsx scripts/pcscd.ts start [logfile] | status');
    process.exitCode = 2;
  }
}
