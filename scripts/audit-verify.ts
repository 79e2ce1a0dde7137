// `npm run audit:verify -- <db file> [--anchors <file|folder>]…`: checks the audit log against its
// key, its seals and every anchor given. Exit 0: intact; 1: problems found; 2: could not check.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readAnchorFiles, type AuditAnchor } from '../main/audit/audit-anchors';
import { readAuditKeys } from '../main/audit/audit-keys';
import { verifyAuditChain } from '../main/audit/audit-log';
import { verifyAudit, type AuditProblem, type AuditVerifyResult } from '../main/audit/audit-verify';
import { openDatabase, type Db } from '../main/db/connection';
import { schemaVersion } from '../main/db/migrate';
import { lastAuditRow } from '../main/db/repositories/audit';
import { migration0006 } from '../main/db/migrations/0006-audit-seals';
import { FileKeyProtector, type KeyProtector } from '../main/db/key-protector';

const USAGE = `usage: npm run audit:verify -- <database file> [options]
  --anchors <file|folder>  an anchors file (or a folder of them), a 日報 CSV or an audit export;
                           repeat for more. Every anchor in them is checked against the log.
  --key-file <file>        the key file protecting the database's keys
                           (default: data-key.bin beside the database)
  --recent                 only the rows since the last recorded check (default: every row)
  --deep                   also walk every sealed row one by one (slow)
  --quiet                  no progress lines`;

interface Args {
  readonly file: string;
  readonly anchors: string[];
  readonly keyFile: string;
  readonly recent: boolean;
  readonly deep: boolean;
  readonly quiet: boolean;
}

function parseArgs(argv: readonly string[]): Args | null {
  let file: string | undefined;
  const anchors: string[] = [];
  let keyFile: string | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--anchors' || a === '--key-file') {
      const value = argv[++i];
      if (!value) return null;
      if (a === '--anchors') anchors.push(value);
      else keyFile = value;
    } else if (a === '--recent' || a === '--deep' || a === '--quiet') flags.add(a);
    else if (a.startsWith('--') || file) return null;
    else file = a;
  }
  if (!file) return null;
  return {
    file,
    anchors,
    keyFile: keyFile ?? join(dirname(file), 'data-key.bin'),
    recent: flags.has('--recent'),
    deep: flags.has('--deep'),
    quiet: flags.has('--quiet'),
  };
}

/**
 * The KeyProtector that unwraps the database's keys. The app wraps them with the operating
 * system's key store (Electron safeStorage), which only the app on that computer can open; a
 * database whose keys are in a key file (practice, tests, a machine without a key store) is
 * checked here with that file. The file is only read: a missing one is an error, never created.
 */
function keyProtector(path: string): KeyProtector {
  if (!existsSync(path)) {
    throw new Error(
      `key file not found: ${path} (give --key-file; a database protected by the operating ` +
        `system's key store is checked from the app: 監査ログ → すべての記録を検査)`,
    );
  }
  return new FileKeyProtector(path);
}

const SAYS: Record<AuditProblem['kind'], string> = {
  truncated: 'rows were cut off the end of the log',
  rewritten: 'a row was rewritten',
  gap: 'a row is missing from the middle of the log',
  triggers: 'an append-only trigger was removed or changed',
  seals: 'a seal, check or the keyed start was removed or changed',
  key: "the database's audit key is not the one that made the anchors or its start",
  unkeyed: 'the log has never been keyed: nothing proves it was not recomputed',
  anchor: 'an anchor does not verify under the key (edited or damaged)',
};

/**
 * A file from before the keyed log (never opened by this version of the app): only its plain
 * chain can be walked, and that proves nothing against whoever had the file.
 */
async function verifyUnkeyed(db: Db): Promise<AuditVerifyResult> {
  const started = performance.now();
  const walk = await verifyAuditChain(db);
  const rows = (await lastAuditRow(db))?.seq ?? 0;
  const problems: AuditProblem[] = [
    ...(walk.ok
      ? []
      : [{ kind: 'rewritten' as const, firstBadSeq: walk.firstBrokenSeq, evidence: 'chain' }]),
    { kind: 'unkeyed', firstBadSeq: null, evidence: 'schema' },
  ];
  return {
    ok: false,
    scope: 'full',
    rows,
    from: 1,
    problems,
    anchors: { given: 0, matched: 0 },
    head: { seq: rows, hash: Buffer.alloc(32) },
    ms: performance.now() - started,
  };
}

/** The check itself, with the file's audit key, printing progress by tenths. */
async function verifyKeyed(
  db: Db,
  args: Args,
  using: { anchors: AuditAnchor[]; protector: KeyProtector; open: () => Promise<Db> },
): Promise<AuditVerifyResult> {
  let shown = -1;
  return verifyAudit(db, {
    keys: await readAuditKeys(db, using.protector),
    scope: args.recent ? 'recent' : 'full',
    anchors: using.anchors,
    deep: args.deep,
    openReader: using.open,
    onProgress: (checked, total) => {
      const tenth = total > 0 ? Math.floor((checked / total) * 10) : 10;
      if (args.quiet || tenth === shown) return;
      shown = tenth;
      console.error(`checked ${checked} of ${total} rows (${tenth * 10}%)`);
    },
  });
}

function describe(p: AuditProblem): string {
  const where = p.firstBadSeq === null ? '' : `, first bad seq ${p.firstBadSeq}`;
  const detail = p.detail ? ` (${p.detail})` : '';
  return `${p.kind}: ${SAYS[p.kind]}${where}; evidence: ${p.evidence}${detail}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const protector = keyProtector(args.keyFile);
  let anchors: AuditAnchor[] = [];
  let unreadable = 0;
  if (args.anchors.length > 0) {
    ({ anchors, unreadable } = await readAnchorFiles(args.anchors));
  }
  // Read-only, and no full integrity check: verify must also work on a file it cannot fix.
  const open = () => openDatabase(args.file, { readOnly: true, integrityCheck: 'skip' });
  const db = await open();
  try {
    const keyed = (await schemaVersion(db)) >= migration0006.version;
    if (!keyed) console.error('this file predates the keyed audit log: open it with the app once');
    const result = keyed
      ? await verifyKeyed(db, args, { anchors, protector, open })
      : await verifyUnkeyed(db);
    for (const p of result.problems) console.error(describe(p));
    if (unreadable > 0) console.error(`${unreadable} anchor line(s) could not be read`);
    console.log(
      JSON.stringify({
        ok: result.ok && unreadable === 0,
        scope: result.scope,
        rows: result.rows,
        from: result.from,
        problems: result.problems,
        anchors: { ...result.anchors, unreadable },
        ms: Math.round(result.ms),
      }),
    );
    return result.ok && unreadable === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    process.exitCode = 2;
  },
);
