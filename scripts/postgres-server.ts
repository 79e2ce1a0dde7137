// A throwaway PostgreSQL server for the tests and bench:office: initdb into a temporary folder,
// postgres in the foreground as the unprivileged postgres user on a free loopback port, stopped by its PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  readonly pid: number;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The folder of the server's Unix socket: the superuser's way in (trust, this machine only). */
  readonly socketDir: string;
  readonly dataDir: string;
  /** The superuser's password for TCP connections (scram-sha-256 like any other role). */
  readonly superuserPassword: string;
  /** Fast shutdown; the folders go too unless `keepData` (a restart on the same data). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartPgOptions {
  /** Where the server's log goes; default: discarded. */
  readonly logFile?: string;
  /** Extra postgresql.conf settings (-c name=value). */
  readonly settings?: Readonly<Record<string, string>>;
  /** A data folder made by an earlier start (a standby's): initdb is skipped. */
  readonly existingDataDir?: string;
  /** A fixed port (a restart on the same address); a free one when omitted. */
  readonly port?: number;
  /** With existingDataDir: the superuser password its initdb was given. */
  readonly superuserPassword?: string;
}

/** The newest installed PostgreSQL's bin folder, or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** The uid and gid of the postgres account: the server never runs as root. */
export function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres account (Debian package postgresql)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A loopback port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Makes a data folder with initdb: UTF-8, C collation (as sqlite compares), passwords over TCP. */
export function initDataDir(dataDir: string, superuserPassword: string): void {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (scripts/install-system-packages.sh)');
  const account = postgresAccount();
  const pwFile = `${dataDir}.pw`;
  writeFileSync(pwFile, superuserPassword, { mode: 0o600 });
  chownSync(pwFile, account.uid, account.gid);
  try {
    const r = spawnSync(
      join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--pwfile',
        pwFile,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      {
        uid: account.uid,
        gid: account.gid,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/**
 * A standby's data folder copied from a running primary (pg_basebackup -R: it starts as a standby
 * streaming from `primary`), for the standby tests.
 */
export function standbyDataDir(primary: PgServer, dataDir: string): void {
  const bin = postgresBin()!;
  const account = postgresAccount();
  const r = spawnSync(
    join(bin, 'pg_basebackup'),
    [
      '-h',
      primary.host,
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
    ],
    {
      uid: account.uid,
      gid: account.gid,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PGPASSWORD: primary.superuserPassword },
    },
  );
  if (r.status !== 0) throw new Error(`pg_basebackup failed: ${r.stderr || r.stdout}`);
}

/** A folder the postgres account owns, for a data folder and the socket. */
export function postgresOwnedDir(prefix = 'madoguchi-pg-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const account = postgresAccount();
  chownSync(dir, account.uid, account.gid);
  chmodSync(dir, 0o700);
  return dir;
}

/** Waits for the server's own word that it takes connections, or its exit. */
function whenReady(child: ChildProcess, log: NodeJS.WritableStream | null): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      log?.write(chunk);
      seen = (seen + chunk.toString('utf8')).slice(-4000);
      if (seen.includes('ready to accept')) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`postgres exited (${code ?? 'signal'}) before it was ready: ${seen}`));
    child.stderr?.on('data', onData);
    child.stdout?.on('data', (c: Buffer) => log?.write(c));
    child.once('exit', onExit);
  });
}

/**
 * Starts a server on a free loopback port. Fast-but-unsafe settings (no fsync) are the caller's
 * choice through `settings`; the defaults are PostgreSQL's own.
 */
export async function startPostgres(options: StartPgOptions = {}): Promise<PgServer> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (scripts/install-system-packages.sh)');
  const account = postgresAccount();
  const root = postgresOwnedDir();
  const dataDir = options.existingDataDir ?? join(root, 'data');
  const superuserPassword = options.superuserPassword ?? randomBytes(18).toString('base64url');
  if (!options.existingDataDir) initDataDir(dataDir, superuserPassword);
  const port = options.port ?? (await freePort());
  const args = ['-D', dataDir, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1'];
  for (const [k, v] of Object.entries(options.settings ?? {})) args.push('-c', `${k}=${v}`);
  const child = spawn(join(bin, 'postgres'), args, {
    uid: account.uid,
    gid: account.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
  });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await whenReady(child, log);
  } catch (e) {
    log?.end();
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid!,
    host: '127.0.0.1',
    port,
    socketDir: root,
    dataDir,
    superuserPassword,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing waits for them.
        if (child.exitCode === null && child.signalCode === null)
          process.kill(child.pid!, 'SIGINT');
        await exited;
        log?.end();
        // The root holds the socket, and the data folder unless it came from an earlier start.
        if (!stopOptions.keepData) rmSync(root, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
