// The app's keeper of the audit log: keys it, seals it, anchors it outside, checks it at start.
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { DbClosedError } from '../db/errors';
import type { KeyProtector } from '../db/key-protector';
import {
  insertAuditCheck,
  lastAuditSeal,
  latestAuditAlarmRows,
  listTriggers,
  restoreTriggers,
} from '../db/repositories/audit-chain';
import { appendAudit } from './audit-log';
import {
  anchorsFilePath,
  appendAnchor,
  makeAnchor,
  readAnchorFiles,
  readLastAnchors,
  type AuditAnchor,
} from './audit-anchors';
import { openAuditKeys, type AuditKeys } from './audit-keys';
import { SEAL_ROWS, sealSegments } from './audit-seal';
import {
  checkMac,
  damagedTriggers,
  verifyAudit,
  type AuditProblem,
  type AuditScope,
  type AuditVerifyResult,
} from './audit-verify';
import { withAuditKeys, type CommittedAppend } from './keyed-db';

export interface AuditGuardOptions {
  readonly mode: 'production' | 'practice';
  /** The folder IT configured for anchors (machine config `auditAnchorsDir`); null when none. */
  readonly anchorsDir: string | null;
  readonly now: Clock;
  /** Another read-only handle on the same file, so a verification reads segments side by side. */
  openReader?(): Promise<Db>;
  /** The status changed: the start-up check ended, an alarm was raised or closed, the anchors file. */
  onStatusChange?(): void;
}

/** An unacknowledged failed check, as its audit row recorded it. */
export interface AuditAlarm {
  readonly seq: number;
  readonly at: string;
  readonly problems: readonly AuditProblem[];
}

export interface AnchorFileState {
  /** Where anchors go; null when IT has configured no folder. */
  readonly file: string | null;
  /** The last write (or the last read at start) failed, with the error's code. */
  readonly failing: boolean;
  readonly error: string | null;
  readonly lastWrittenAt: string | null;
}

export interface AuditStatus {
  /** The check at start: still running, passed, found problems, or could not run. */
  readonly startup: 'running' | 'ok' | 'failed' | 'error';
  readonly alarm: AuditAlarm | null;
  readonly anchors: AnchorFileState;
}

export interface AuditGuard {
  readonly keys: AuditKeys;
  /** The binding's hook: an appending transaction committed. */
  committed(last: CommittedAppend): void;
  /** Seals, verifies the rows since the last check, compares the last anchor; never throws. */
  startupCheck(): Promise<AuditVerifyResult | null>;
  /** A verification for the administrator (recorded, and alarmed when it fails). */
  verify(
    scope: AuditScope,
    onProgress?: (checked: number, total: number) => void,
  ): Promise<AuditVerifyResult>;
  /** The head now, for a print; also appended to the anchors file (in the background). */
  anchor(source: string): Promise<AuditAnchor>;
  status(): Promise<AuditStatus>;
  /** The administrator has seen the alarm: recorded, and the alarm closes. */
  acknowledge(operatorId: number): Promise<void>;
  /** Resolves when background sealing and anchoring have caught up. */
  idle(): Promise<void>;
  /** Writes the shutdown anchor (waiting a bounded time for the anchors folder). Idempotent. */
  close(): Promise<void>;
}

/** With no seal due, an appending commit still anchors when the last anchor is this old. */
const QUIET_ANCHOR_MS = 10 * 60_000;
/** How long closing waits for the anchors folder (a share may hang). */
const CLOSE_WAIT_MS = 3000;

/**
 * The database handle the app works with (every transaction appends keyed rows) and its guard.
 * The handle is usable at once; its transactions wait for the key, which the guard opens first
 * (creating it, and starting the keyed chain, the first time).
 */
export function guardAuditLog(
  raw: Db,
  protector: KeyProtector,
  options: AuditGuardOptions,
): { db: Db; guard: Promise<AuditGuard> } {
  let resolveGuard: (g: AuditGuard) => void = () => undefined;
  const guardReady = new Promise<AuditGuard>((resolve) => (resolveGuard = resolve));
  const opened = openAuditKeys(raw, protector, options.now);
  const binding = opened.then(({ keys }) => ({
    keys,
    committed: (last: CommittedAppend) => void guardReady.then((g) => g.committed(last)),
  }));
  const db = withAuditKeys(raw, binding);
  const guard = opened.then(async ({ keys }) => {
    const g = await createAuditGuard(db, keys, options);
    resolveGuard(g);
    return g;
  });
  // Whoever uses the handle or the guard gets the error; unused, it is not an unhandled one.
  binding.catch(() => undefined);
  guard.catch(() => undefined);
  return { db, guard };
}

async function createAuditGuard(
  db: Db,
  keys: AuditKeys,
  options: AuditGuardOptions,
): Promise<AuditGuard> {
  const file = options.anchorsDir ? anchorsFilePath(options.anchorsDir, options.mode) : null;
  let anchorState: AnchorFileState = {
    file,
    failing: false,
    error: null,
    lastWrittenAt: null,
  };
  let startup: AuditStatus['startup'] = 'running';
  let sealedTo = (await lastAuditSeal(db))?.seqTo ?? 0;
  let sealBlocked = false;
  let lastAnchorAt = options.now().getTime();
  let closed = false;
  let work: Promise<void> = Promise.resolve();

  /** Background work, one task at a time; a failure is logged, never thrown at the clerk. */
  function enqueue(task: () => Promise<void>): Promise<void> {
    const run = work.then(task).catch((err: unknown) => {
      console.error(`[Audit] background work failed: ${errorCode(err)}`);
    });
    work = run;
    return run;
  }

  async function writeAnchor(a: AuditAnchor): Promise<void> {
    lastAnchorAt = options.now().getTime();
    if (!file) return;
    try {
      await appendAnchor(file, a);
      const recovered = anchorState.failing;
      anchorState = { ...anchorState, failing: false, error: null, lastWrittenAt: a.at };
      if (recovered) options.onStatusChange?.();
    } catch (err) {
      const code = errorCode(err);
      const first = !anchorState.failing;
      anchorState = { ...anchorState, failing: true, error: code };
      if (first) {
        options.onStatusChange?.();
        // The clerk works on; the administrator sees it (status) and the log keeps it.
        console.error(`[Audit] anchors file not writable (${code}): ${file}`);
        await db.transaction((tx) =>
          appendAudit(tx, { operatorId: null, action: 'audit.anchor-failed', details: { code } }),
        );
      }
    }
  }

  async function anchor(source: string): Promise<AuditAnchor> {
    const a = await makeAnchor(db, keys, source, options.now());
    void enqueue(() => writeAnchor(a));
    return a;
  }

  /** The anchors to compare at a check: the whole file for a full one, else its last anchor. */
  async function anchorsFor(scope: AuditScope): Promise<AuditAnchor[]> {
    if (!file) return [];
    try {
      if (scope === 'full') {
        const { anchors } = await readAnchorFiles([file]).catch((err: unknown) => {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [] };
          throw err;
        });
        return options.mode === 'production'
          ? anchors
          : anchors.filter((a) => a.keyId === keys.keyId);
      }
      const { last, lastOfKey } = await readLastAnchors(file, keys.keyId);
      // A practice reset starts a new file with a new key: only production holds one key for
      // good, so there the last anchor of another key is itself a finding.
      const pick = options.mode === 'production' ? last : lastOfKey;
      return pick ? [pick] : [];
    } catch (err) {
      anchorState = { ...anchorState, failing: true, error: errorCode(err) };
      console.error(`[Audit] anchors file not readable (${errorCode(err)}): ${file}`);
      return [];
    }
  }

  async function seal(): Promise<void> {
    if (sealBlocked) return;
    const r = await sealSegments(db, keys, options.now, { shouldStop: () => closed });
    sealedTo = r.sealedTo;
    if (r.blocked) sealBlocked = true;
    if (r.sealed > 0) await writeAnchor(await makeAnchor(db, keys, 'seal', options.now()));
  }

  /** Records a passed check, or raises the alarm (putting back any trigger that was removed). */
  async function record(result: AuditVerifyResult): Promise<void> {
    if (result.ok) {
      await db.transaction((tx) =>
        insertAuditCheck(tx, {
          seq: result.head.seq,
          head: result.head.hash,
          scope: result.scope,
          mac: checkMac(keys, result.head.seq, result.head.hash, result.scope),
          checkedAt: options.now().toISOString(),
        }),
      );
      return;
    }
    const damaged = damagedTriggers(await listTriggers(db));
    await db.transaction(async (tx) => {
      // The finding is recorded in the same transaction that puts the guard back.
      await appendAudit(tx, {
        operatorId: null,
        action: 'audit.check-failed',
        details: {
          scope: result.scope,
          problems: result.problems.map((p) => ({
            kind: p.kind,
            firstBadSeq: p.firstBadSeq,
            evidence: p.evidence,
            detail: p.detail ?? null,
          })),
          restoredTriggers: damaged.map((t) => t.name),
        },
      });
      await restoreTriggers(tx, damaged);
    });
    options.onStatusChange?.();
    console.error(
      `[Audit] check failed: ${result.problems.map((p) => `${p.kind}@${p.firstBadSeq ?? '-'}`).join(', ')}`,
    );
  }

  async function check(
    scope: AuditScope,
    onProgress?: (checked: number, total: number) => void,
  ): Promise<AuditVerifyResult> {
    await enqueue(seal);
    const result = await verifyAudit(db, {
      keys,
      scope,
      anchors: await anchorsFor(scope),
      ...(options.openReader ? { openReader: options.openReader } : {}),
      ...(onProgress ? { onProgress } : {}),
      shouldStop: () => closed,
    });
    await record(result);
    return result;
  }

  return {
    keys,
    committed(last) {
      if (closed) return;
      if (!sealBlocked && last.seq - sealedTo >= SEAL_ROWS) void enqueue(seal);
      else if (options.now().getTime() - lastAnchorAt >= QUIET_ANCHOR_MS) {
        lastAnchorAt = options.now().getTime();
        void anchor('quiet').catch(() => undefined);
      }
    },
    async startupCheck() {
      try {
        const result = await check('recent');
        startup = result.ok ? 'ok' : 'failed';
        await anchor('startup');
        return result;
      } catch (err) {
        if (closed) return null;
        startup = 'error';
        console.error(`[Audit] start-up check could not run: ${errorCode(err)}`);
        return null;
      } finally {
        if (!closed) options.onStatusChange?.();
      }
    },
    async verify(scope, onProgress) {
      const result = await check(scope, onProgress);
      await anchor('check');
      return result;
    },
    anchor,
    async status() {
      const rows = await latestAuditAlarmRows(db);
      const failed = rows.failed && rows.failed.seq > rows.acknowledgedSeq ? rows.failed : null;
      return {
        startup,
        alarm: failed
          ? { seq: failed.seq, at: failed.at, problems: problemsOf(failed.details) }
          : null,
        anchors: anchorState,
      };
    },
    async acknowledge(operatorId) {
      const rows = await latestAuditAlarmRows(db);
      if (!rows.failed || rows.failed.seq <= rows.acknowledgedSeq) return;
      const alarmSeq = rows.failed.seq;
      await db.transaction((tx) =>
        appendAudit(
          tx,
          { operatorId, action: 'audit.alarm-acknowledged', details: { alarmSeq } },
          options.now,
        ),
      );
      await anchor('acknowledged');
      options.onStatusChange?.();
    },
    idle: async () => {
      for (let seen = work; ; seen = work) {
        await seen;
        if (seen === work) return;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      const done = (async () => {
        await work;
        await writeAnchor(await makeAnchor(db, keys, 'shutdown', options.now()));
      })().catch((err: unknown) => {
        // A practice reset closes its old file before the guard of that file is closed.
        if (err instanceof DbClosedError || errorCode(err) === 'SQLITE_MISUSE') return;
        console.error(`[Audit] shutdown anchor not written: ${errorCode(err)}`);
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        done,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
    },
  };
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'unknown';
}

/** The problems an 'audit.check-failed' row recorded. */
function problemsOf(details: string): AuditProblem[] {
  try {
    const parsed = JSON.parse(details) as { problems?: AuditProblem[] };
    return Array.isArray(parsed.problems)
      ? parsed.problems.map((p) => ({
          kind: p.kind,
          firstBadSeq: p.firstBadSeq ?? null,
          evidence: p.evidence,
          ...(p.detail ? { detail: p.detail } : {}),
        }))
      : [];
  } catch {
    return [];
  }
}
