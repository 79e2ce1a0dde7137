// Verifying the audit log: the chain, its seals and checks, the triggers, and anchors kept outside.
import type { AuditProblemKind, AuditScope } from '../../preload/contract/dto';
import type { Db, Queryable } from '../db/connection';
import { lastAuditRow, readAuditRows } from '../db/repositories/audit';
import {
  APPEND_ONLY_TRIGGERS,
  auditHashesAt,
  auditSegmentBytes,
  listAuditChecks,
  listAuditSeals,
  listTriggers,
  readAuditStart,
  type AuditCheckRow,
  type AuditSealRow,
  type TriggerDefinition,
} from '../db/repositories/audit-chain';
import { anchorHolds, type AuditAnchor } from './audit-anchors';
import { GENESIS_HASH, hmac, u64, type AuditKeys } from './audit-keys';
import { chainRules, walkRows, type ChainRules, type WalkBreak } from './audit-log';
import { AuditWorkStopped, SEAL_ROWS, sealMac, segmentBytesOf, startHolds } from './audit-seal';

export type { AuditProblemKind, AuditScope } from '../../preload/contract/dto';

/**
 * What a verification can find. Each comes with the first row that can no longer be trusted
 * (null when the finding is not about rows):
 * - truncated: rows at the end are gone (an anchor, check or seal names a row past the last one);
 * - rewritten: a row's content or hash is not what was written (or the plain prefix differs from
 *   what the key pinned); with only an anchor as evidence, the first row after the last point
 *   that still matches;
 * - gap: a row is missing from the middle;
 * - triggers: an append-only trigger is missing or changed; from the row after the last passed
 *   check, rows were written while the guard may have been off;
 * - seals: a seal, a recorded check or the keyed start is missing or does not verify;
 * - key: the file's audit key is not the one that made its start row or the anchors given;
 * - unkeyed: the file has never had its audit key, so nothing proves its chain was not recomputed;
 * - anchor: an anchor given does not verify under the key (edited or damaged).
 */
export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly firstBadSeq: number | null;
  /** What showed it: 'chain', 'seal', 'check', 'start', 'anchor', 'schema'. */
  readonly evidence: string;
  /** Names (triggers, a key id), never row content. */
  readonly detail?: string;
}

export interface AuditVerifyResult {
  readonly ok: boolean;
  readonly scope: AuditScope;
  /** The last row of the log when the verification began. */
  readonly rows: number;
  /** The first row this verification covered (1 for a full one). */
  readonly from: number;
  readonly problems: readonly AuditProblem[];
  /** Anchors given, and how many of them matched the log. */
  readonly anchors: { readonly given: number; readonly matched: number };
  /** The head the verification saw: for recording a passed check. */
  readonly head: { readonly seq: number; readonly hash: Buffer };
  readonly ms: number;
}

export interface VerifyOptions {
  /** The file's audit key; null when it has none (then little can be proved). */
  readonly keys: AuditKeys | null;
  readonly scope?: AuditScope;
  /**
   * A 'recent' verification from this row instead of from after the last passed check (a given
   * stretch of rows, say one day's).
   */
  readonly from?: number;
  /** Anchors kept outside the database (the anchors file, printed 日報, exports). */
  readonly anchors?: readonly AuditAnchor[];
  /**
   * Opens another read-only handle on the same file. Segments are then read on several handles at
   * once: sqlite builds each segment's bytes on a thread of its own, and this thread only MACs.
   */
  openReader?(): Promise<Db>;
  /** Handles reading at once, this one included (default 2). */
  readonly readers?: number;
  /** Also walks every sealed row one by one (slow; for when a seal itself is in doubt). */
  readonly deep?: boolean;
  onProgress?(checked: number, total: number): void;
  /** Asked between units of work: true gives up with AuditWorkStopped (the app is closing). */
  shouldStop?(): boolean;
}

export function checkMac(keys: AuditKeys, seq: number, head: Uint8Array, scope: AuditScope) {
  return hmac(keys.check, u64(seq), head, Buffer.from(scope, 'utf8'));
}

function checkHolds(keys: AuditKeys, c: AuditCheckRow): boolean {
  return checkMac(keys, c.seq, c.head, c.scope).equals(c.mac);
}

/** The append-only triggers that are missing or not as the migrations made them. */
export function damagedTriggers(found: ReadonlyMap<string, string>): TriggerDefinition[] {
  return APPEND_ONLY_TRIGGERS.filter((t) => found.get(t.name) !== t.sql);
}

/** One unit of work: a sealed segment (one MAC) or a stretch of rows walked one by one. */
type Job =
  | { readonly kind: 'seal'; readonly seal: AuditSealRow }
  | { readonly kind: 'rows'; readonly from: number; readonly to: number };

/** Keeps one problem per kind, with the earliest row. */
class Findings {
  private readonly byKind = new Map<AuditProblemKind, AuditProblem>();

  add(p: AuditProblem): void {
    const had = this.byKind.get(p.kind);
    const earlier =
      !had ||
      (p.firstBadSeq !== null && (had.firstBadSeq === null || p.firstBadSeq < had.firstBadSeq));
    if (earlier) this.byKind.set(p.kind, p);
  }

  /** A walk's break; a broken pin is reported once, from the pin itself (see verifyAudit). */
  fromWalk(b: WalkBreak, evidence: string): void {
    if (b.kind === 'gap') this.add({ kind: 'gap', firstBadSeq: b.seq, evidence });
    else if (b.kind === 'rewritten') this.add({ kind: 'rewritten', firstBadSeq: b.seq, evidence });
  }

  list(): AuditProblem[] {
    const at = (p: AuditProblem) => p.firstBadSeq ?? Number.MAX_SAFE_INTEGER;
    return [...this.byKind.values()].sort((a, b) => at(a) - at(b));
  }
}

/**
 * Verifies the log. 'full' covers every row: each sealed segment by its seal (sqlite hands the
 * segment over as one buffer, one HMAC checks it), a segment whose seal fails row by row to name
 * the first bad row, and every unsealed row one by one (each needs only its predecessor's stored
 * hash, so stretches are walked on several handles at once). 'recent' covers the rows after the
 * last passed check the same way. Both check the triggers, the keyed start, every recorded check
 * and every anchor given against the rows they name. Reads only: recording the check is the
 * caller's (recordCheck).
 */
export async function verifyAudit(
  db: Queryable,
  options: VerifyOptions,
): Promise<AuditVerifyResult> {
  const started = performance.now();
  const scope = options.scope ?? 'full';
  const keys = options.keys;
  const findings = new Findings();
  const anchors = options.anchors ?? [];

  const last = await lastAuditRow(db);
  const head = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  const checks = await listAuditChecks(db);
  const start = await readAuditStart(db);

  const result = (from: number, matched: number): AuditVerifyResult => {
    const problems = findings.list();
    return {
      ok: problems.length === 0,
      scope,
      rows: head.seq,
      from,
      problems,
      anchors: { given: anchors.length, matched },
      head,
      ms: performance.now() - started,
    };
  };

  const validChecks = keys ? checks.filter((c) => checkHolds(keys, c)) : [];
  const lastPassed = validChecks.at(-1);
  const damaged = damagedTriggers(await listTriggers(db));
  if (damaged.length > 0) {
    findings.add({
      kind: 'triggers',
      firstBadSeq: (lastPassed?.seq ?? 0) + 1,
      evidence: 'schema',
      detail: damaged.map((t) => t.name).join(', '),
    });
  }

  if (!keys) {
    findings.add(
      start
        ? { kind: 'key', firstBadSeq: null, evidence: 'start', detail: 'no audit key in the file' }
        : { kind: 'unkeyed', firstBadSeq: null, evidence: 'start' },
    );
    return result(1, 0);
  }
  if (!start) {
    findings.add({ kind: 'seals', firstBadSeq: 1, evidence: 'start', detail: 'start row missing' });
  } else if (start.keyId !== keys.keyId) {
    findings.add({ kind: 'key', firstBadSeq: 1, evidence: 'start', detail: start.keyId });
  } else if (!startHolds(keys, start)) {
    findings.add({ kind: 'seals', firstBadSeq: 1, evidence: 'start', detail: 'start row' });
  }
  const rules = chainRules(keys, start);

  // Where this verification begins: after the last passed check that still matches its row.
  let from = 1;
  const checkHashes = await auditHashesAt(
    db,
    checks.map((c) => c.seq),
  );
  if (scope === 'recent' && options.from !== undefined) {
    from = Math.min(Math.max(1, Math.floor(options.from)), head.seq + 1);
  } else if (scope === 'recent' && lastPassed && lastPassed.seq <= head.seq) {
    const stored = lastPassed.seq === 0 ? GENESIS_HASH : checkHashes.get(lastPassed.seq);
    if (stored?.equals(lastPassed.head)) from = lastPassed.seq + 1;
  }

  const seals = await listAuditSeals(db);
  const jobs = planJobs(seals, head.seq, from, options.deep ?? false, findings);
  const boundaries = jobs.map((j) => (j.kind === 'seal' ? j.seal.seqFrom : j.from) - 1);
  const prevHashes = await auditHashesAt(db, [
    ...boundaries.filter((s) => s > 0),
    ...(start && start.keyedFromSeq > 1 ? [start.keyedFromSeq - 1] : []),
  ]);
  const prevOf = (seq: number) => (seq === 1 ? GENESIS_HASH : prevHashes.get(seq - 1));

  // The pinned prefix head, checked directly: the segment holding it may be sealed.
  const pinBroken =
    start !== undefined &&
    start.keyedFromSeq - 1 <= head.seq &&
    prevOf(start.keyedFromSeq)?.equals(start.prefixHead) === false;

  // Rows vouched for, by the end of the walk: every job up to there passed.
  const passed = new Set<number>();
  const total = head.seq - from + 1;
  let checked = 0;
  const progress = (n: number) => {
    checked += n;
    options.onProgress?.(Math.min(checked, total), total);
  };
  options.onProgress?.(0, total);

  const runJob = async (q: Queryable, index: number): Promise<void> => {
    const job = jobs[index]!;
    const jobFrom = job.kind === 'seal' ? job.seal.seqFrom : job.from;
    const jobTo = job.kind === 'seal' ? job.seal.seqTo : job.to;
    const prev = prevOf(jobFrom);
    if (!prev) {
      // The row before is gone: the job before this one reports the gap.
      findings.add({ kind: 'gap', firstBadSeq: jobFrom - 1, evidence: 'chain' });
      progress(jobTo - jobFrom + 1);
      return;
    }
    if (job.kind === 'seal') {
      const bytes = await auditSegmentBytes(q, jobFrom, jobTo);
      if (bytes && sealMac(keys, jobFrom, jobTo, prev, bytes).equals(job.seal.mac)) {
        passed.add(index);
        progress(jobTo - jobFrom + 1);
        return;
      }
      await walkSealedSegment(q, rules, job.seal, prev, findings, index, passed);
    } else {
      const state = { prev, expected: jobFrom };
      const rows = await readAuditRows(q, jobFrom - 1, jobTo - jobFrom + 1);
      const broken = walkRows(
        rules,
        rows.filter((r) => r.seq <= jobTo),
        state,
      );
      if (broken) findings.fromWalk(broken, 'chain');
      else if (state.expected !== jobTo + 1) {
        findings.add({ kind: 'gap', firstBadSeq: state.expected, evidence: 'chain' });
      } else passed.add(index);
    }
    progress(jobTo - jobFrom + 1);
  };

  await runJobs(db, jobs.length, runJob, options);

  if (pinBroken) {
    // The plain prefix was recomputed. Plain rows that chain prove nothing; only seals that held,
    // one after the other from row 1, vouch for their rows: it happened after those.
    let sealedFromOne = 0;
    for (let i = 0; from === 1 && i < jobs.length; i++) {
      const j = jobs[i]!;
      if (j.kind !== 'seal' || !passed.has(i)) break;
      sealedFromOne = j.seal.seqTo;
    }
    findings.add({
      kind: 'rewritten',
      firstBadSeq: Math.min(sealedFromOne + 1, start.keyedFromSeq - 1),
      evidence: 'start',
    });
  }

  // Recorded checks and anchors name a row and its hash: each must still be there and the same.
  const points: { seq: number; head: Buffer; evidence: string }[] = [];
  for (const c of checks) {
    if (!checkHolds(keys, c)) {
      findings.add({ kind: 'seals', firstBadSeq: c.seq, evidence: 'check', detail: 'check' });
    } else points.push({ seq: c.seq, head: c.head, evidence: 'check' });
  }
  for (const s of seals) {
    if (s.seqTo > head.seq) {
      findings.add({ kind: 'truncated', firstBadSeq: head.seq + 1, evidence: 'seal' });
    }
  }
  let matched = 0;
  const foreign = new Set<string>();
  for (const a of anchors) {
    if (a.keyId !== keys.keyId) foreign.add(a.keyId);
    else if (!anchorHolds(keys, a)) {
      findings.add({ kind: 'anchor', firstBadSeq: null, evidence: 'anchor', detail: 'mac' });
    } else points.push({ seq: a.seq, head: a.head, evidence: 'anchor' });
  }
  if (foreign.size > 0) {
    findings.add({
      kind: 'key',
      firstBadSeq: null,
      evidence: 'anchor',
      detail: [...foreign].join(', '),
    });
  }
  const pointHashes = await auditHashesAt(
    db,
    points.map((p) => p.seq).filter((s) => s > 0 && s <= head.seq),
  );
  const stored = (seq: number) => (seq === 0 ? GENESIS_HASH : pointHashes.get(seq));
  const matching = points.filter((p) => p.seq <= head.seq && stored(p.seq)?.equals(p.head));
  // A break the walk found at or before a point already explains that point's mismatch.
  const walked = findings
    .list()
    .filter((p) => (p.kind === 'rewritten' || p.kind === 'gap') && p.firstBadSeq !== null)
    .map((p) => p.firstBadSeq!);
  const firstBreak = Math.min(Number.MAX_SAFE_INTEGER, ...walked);
  for (const p of points) {
    if (p.seq > head.seq) {
      findings.add({ kind: 'truncated', firstBadSeq: head.seq + 1, evidence: p.evidence });
    } else if (!stored(p.seq)?.equals(p.head)) {
      if (firstBreak <= p.seq) continue;
      const below = matching.filter((m) => m.seq < p.seq).map((m) => m.seq);
      findings.add({
        kind: 'rewritten',
        firstBadSeq: Math.max(0, ...below) + 1,
        evidence: p.evidence,
      });
    } else if (p.evidence === 'anchor') matched += 1;
  }
  return result(from, matched);
}

/**
 * The work of a verification from `from` to `to`: every seal ending at or after `from`, and
 * every stretch of rows no seal covers, cut at segment boundaries so they can run side by side.
 * Seals that are not whole aligned segments, or that are missing between others, are findings;
 * their rows are walked one by one instead.
 */
function planJobs(
  seals: readonly AuditSealRow[],
  to: number,
  from: number,
  deep: boolean,
  findings: Findings,
): Job[] {
  const jobs: Job[] = [];
  const covered = new Set<number>();
  let expected = 1;
  for (const s of seals) {
    const whole = (s.seqFrom - 1) % SEAL_ROWS === 0 && s.seqTo === s.seqFrom + SEAL_ROWS - 1;
    if (!whole || s.seqFrom < expected) {
      findings.add({ kind: 'seals', firstBadSeq: s.seqFrom, evidence: 'seal', detail: 'shape' });
      continue;
    }
    // The sealer never leaves a segment unsealed before a sealed one.
    if (s.seqFrom > expected) {
      findings.add({ kind: 'seals', firstBadSeq: expected, evidence: 'seal', detail: 'missing' });
    }
    expected = s.seqTo + 1;
    if (s.seqTo > to || s.seqTo < from) continue;
    jobs.push({ kind: 'seal', seal: s });
    if (!deep) covered.add(s.seqFrom);
  }
  const firstSegment = Math.floor((from - 1) / SEAL_ROWS) * SEAL_ROWS + 1;
  for (let seg = firstSegment; seg <= to; seg += SEAL_ROWS) {
    const lo = Math.max(seg, from);
    const hi = Math.min(seg + SEAL_ROWS - 1, to);
    if (!covered.has(seg) && lo <= hi) jobs.push({ kind: 'rows', from: lo, to: hi });
  }
  const startOf = (j: Job) => (j.kind === 'seal' ? j.seal.seqFrom : j.from);
  return jobs.sort((a, b) => startOf(a) - startOf(b) || (a.kind === 'seal' ? -1 : 1));
}

/** A segment whose seal failed, row by row: names the first bad row, or the seal itself. */
async function walkSealedSegment(
  q: Queryable,
  rules: ChainRules,
  seal: AuditSealRow,
  prev: Buffer,
  findings: Findings,
  index: number,
  passed: Set<number>,
): Promise<void> {
  const rows = (await readAuditRows(q, seal.seqFrom - 1, SEAL_ROWS)).filter(
    (r) => r.seq <= seal.seqTo,
  );
  const state = { prev, expected: seal.seqFrom };
  const broken = walkRows(rules, rows, state);
  if (broken) return findings.fromWalk(broken, 'seal');
  if (state.expected !== seal.seqTo + 1) {
    return findings.add({ kind: 'gap', firstBadSeq: state.expected, evidence: 'seal' });
  }
  // Every row verifies. The same bytes built here (not by sqlite) decide between the seal and
  // the way sqlite built them.
  if (
    rules.keys &&
    sealMac(rules.keys, seal.seqFrom, seal.seqTo, prev, segmentBytesOf(rows)).equals(seal.mac)
  ) {
    passed.add(index);
    return;
  }
  // A plain row's hash anyone can recompute: the rows were rewritten under the seal. Keyed rows
  // that all verify mean the seal itself was changed.
  findings.add(
    seal.seqFrom < rules.keyedFromSeq
      ? { kind: 'rewritten', firstBadSeq: seal.seqFrom, evidence: 'seal' }
      : { kind: 'seals', firstBadSeq: seal.seqFrom, evidence: 'seal', detail: 'seal' },
  );
}

/** Runs jobs 0…count-1 on `db` and up to readers-1 more read-only handles, in parallel. */
async function runJobs(
  db: Queryable,
  count: number,
  run: (q: Queryable, index: number) => Promise<void>,
  options: VerifyOptions,
): Promise<void> {
  const extra: Db[] = [];
  const wanted = Math.max(1, options.readers ?? 2);
  // A few jobs are not worth another connection.
  if (options.openReader && count > 8) {
    for (let i = 1; i < wanted; i++) extra.push(await options.openReader());
  }
  let next = 0;
  const worker = async (q: Queryable) => {
    for (let i = next++; i < count; i = next++) {
      if (options.shouldStop?.()) throw new AuditWorkStopped();
      await run(q, i);
    }
  };
  try {
    await Promise.all([db, ...extra].map(worker));
  } finally {
    await Promise.all(extra.map((d) => d.close()));
  }
}
