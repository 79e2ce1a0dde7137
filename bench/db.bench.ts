// `npm run bench:db`: resident searches, audit verification (every row, and a day's rows), start-up
// and size of a full-size database.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readAuditKeys } from '../main/audit/audit-keys';
import { verifyAudit, type AuditVerifyResult } from '../main/audit/audit-verify';
import { openDatabase, type Db } from '../main/db/connection';
import { readAuditRows } from '../main/db/repositories/audit';
import { openIssuanceDatabase } from '../main/db/index';
import { FileKeyProtector } from '../main/db/key-protector';
import { openMyNumberCipher } from '../main/db/my-number-crypto';
import type { MyNumberCipher } from '../main/db/my-number-crypto';
import {
  findResidentByMyNumber,
  kanaKey,
  kanjiKey,
  searchResidents,
} from '../main/db/repositories/residents';
import type { ResidentSearch } from '../main/db/repositories/residents';
import { CACHE_DIR, DAY_ROWS, ensureDatabase, fileSizeOf, parseSizeArgs } from './db-generate';
import type { GeneratedDatabase } from './db-generate';
import { residentOf, unit } from './support/population';
import type { TownResident } from './support/population';

const GOALS = {
  searchP95Ms: 5,
  auditVerifyMs: 2000,
  auditRecentMs: 250,
  coreReadyMs: 300,
} as const;
const WARMUP_QUERIES = 20;
/** The page size of the row-by-row reads. */
const AUDIT_READ_BATCH = 5000;
const PAGE_SIZE = 20;
const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile. */
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

interface SearchKind {
  readonly name: string;
  /** What the counter clerk types, taken from resident r. */
  readonly criteria?: (r: TownResident) => ResidentSearch;
  readonly run: (db: Db, cipher: MyNumberCipher, r: TownResident) => Promise<boolean>;
}

/** Runs searchResidents as the search screen does (page 1) and checks r is among the matches. */
function screenSearch(name: string, criteria: (r: TownResident) => ResidentSearch): SearchKind {
  return {
    name,
    criteria,
    run: async (db, _cipher, r) => {
      const page = await searchResidents(db, criteria(r), 1, PAGE_SIZE);
      return page.total >= 1 && (page.total > PAGE_SIZE || page.items.some((x) => x.id === r.id));
    },
  };
}

const SEARCHES: readonly SearchKind[] = [
  screenSearch('kana prefix (surname reading)', (r) => ({ kanaPrefix: r.familyKana })),
  screenSearch('kanji name (full)', (r) => ({ kanjiName: r.kanjiName })),
  screenSearch('kanji name (surname only)', (r) => ({ kanjiName: r.familyKanji })),
  screenSearch('birth date', (r) => ({ birthDate: r.birthDate })),
  screenSearch('交付通知書 number', (r) => ({ noticeNumber: r.noticeNumber })),
  screenSearch('card serial', (r) => ({ cardSerial: r.cardSerial })),
  {
    name: '個人番号 exact (HMAC)',
    run: async (db, cipher, r) =>
      (await findResidentByMyNumber(db, cipher, r.myNumber))?.id === r.id,
  },
];

interface SearchFigures {
  name: string;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meetsGoal: boolean;
  plan?: string[];
}

// The same WHERE clauses searchResidents builds, only to show the plan of a slow search.
function searchSql(c: ResidentSearch): { where: string; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  if (c.kanaPrefix) {
    where.push('r.kana_key >= ? AND r.kana_key < ?');
    params.push(kanaKey(c.kanaPrefix), kanaKey(c.kanaPrefix) + '\u{10FFFF}');
  }
  if (c.kanjiName) {
    where.push('r.kanji_key >= ? AND r.kanji_key < ?');
    params.push(kanjiKey(c.kanjiName), kanjiKey(c.kanjiName) + '\u{10FFFF}');
  }
  if (c.birthDate) {
    where.push('r.birth_date = ?');
    params.push(c.birthDate);
  }
  if (c.noticeNumber) {
    where.push('r.id IN (SELECT resident_id FROM card_applications WHERE notice_number = ?)');
    params.push(c.noticeNumber);
  }
  if (c.cardSerial) {
    where.push('r.id IN (SELECT resident_id FROM cards WHERE serial = ?)');
    params.push(c.cardSerial);
  }
  return { where: where.join(' AND '), params };
}

async function queryPlan(db: Db, c: ResidentSearch): Promise<string[]> {
  const { where, params } = searchSql(c);
  const plan = async (sql: string, p: string[]) =>
    (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, p)).map((row) => row.detail);
  return [
    ...(await plan(`SELECT count(*) FROM residents r WHERE ${where}`, params)).map(
      (d) => `count: ${d}`,
    ),
    ...(
      await plan(
        `SELECT r.id FROM residents r WHERE ${where} ORDER BY r.kana_key, r.id LIMIT 20 OFFSET 0`,
        params,
      )
    ).map((d) => `page: ${d}`),
  ];
}

async function benchSearches(
  db: Db,
  cipher: MyNumberCipher,
  residents: number,
  queries: number,
): Promise<SearchFigures[]> {
  const figures: SearchFigures[] = [];
  for (const [k, kind] of SEARCHES.entries()) {
    // A fixed pseudo-random sample per kind: reruns query the same residents.
    const pickResident = (q: number) => residentOf(1 + Math.floor(unit(q, 100 + k) * residents));
    for (let q = 0; q < WARMUP_QUERIES; q++) await kind.run(db, cipher, pickResident(queries + q));
    const times: number[] = [];
    for (let q = 0; q < queries; q++) {
      const r = pickResident(q);
      const started = performance.now();
      const found = await kind.run(db, cipher, r);
      times.push(performance.now() - started);
      if (!found) throw new Error(`${kind.name}: resident ${r.id} not found`);
    }
    const p95 = percentile(times, 95);
    const f: SearchFigures = {
      name: kind.name,
      queries,
      p50Ms: round(percentile(times, 50), 3),
      p95Ms: round(p95, 3),
      maxMs: round(Math.max(...times), 3),
      meetsGoal: p95 <= GOALS.searchP95Ms,
    };
    if (!f.meetsGoal && kind.criteria) f.plan = await queryPlan(db, kind.criteria(pickResident(0)));
    figures.push(f);
  }
  return figures;
}

/**
 * Reading every row as one JS object each (the row-by-row walk's reading, no hashing): what a
 * verification that does not read by seal would pay before hashing anything.
 */
async function timeAuditReadOnly(db: Db): Promise<number> {
  const started = performance.now();
  for (let after = 0; ;) {
    const page = await readAuditRows(db, after, AUDIT_READ_BATCH);
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
  }
  return performance.now() - started;
}

interface ReadyRun {
  /** Parent's clock: spawn → the child's "ready" line. */
  wallMs: number;
  /** Child's clock: its process start → ready. */
  childMs: number;
  /** Child's clock: openIssuanceDatabase + data key only. */
  openMs: number;
}

/**
 * Bundled like the app's main process (out/main/index.js, built by Vite): dependencies inside,
 * native modules outside, dynamic imports split into chunks that load only when first used. No
 * TypeScript loader counts toward start-up.
 */
async function bundleChild(): Promise<string> {
  const outdir = join(CACHE_DIR, 'core-ready-child');
  await build({
    entryPoints: [fileURLToPath(new URL('support/core-ready-child.ts', import.meta.url))],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    external: ['sqlite3', 'pcsc-mini', 'electron'],
    // Bundled CommonJS packages call require(): give the ES module one, as Vite's output does.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return join(outdir, 'core-ready-child.mjs');
}

function runChild(child: string, db: GeneratedDatabase, check: string): Promise<ReadyRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, [child, db.dbPath, db.keyPath, check], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let wallMs: number | undefined;
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (wallMs === undefined && out.includes('\n')) wallMs = performance.now() - started;
    });
    p.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /^ready (.*)$/m.exec(out);
      if (code !== 0 || !m || wallMs === undefined) {
        reject(new Error(`core-ready child (${check}) failed with ${code}: ${err.trim()}`));
        return;
      }
      const r = JSON.parse(m[1]!) as { readyMs: number; openMs: number };
      resolve({ wallMs, childMs: r.readyMs, openMs: r.openMs });
    });
  });
}

interface ReadyFigures {
  /** 'core': createCore().start() as the app runs it; the others: the database open alone. */
  integrityCheck: 'core' | 'full' | 'quick' | 'skip';
  runs: number;
  medianWallMs: number;
  medianChildMs: number;
  medianOpenMs: number;
  meetsGoal: boolean;
}

async function benchCoreReady(db: GeneratedDatabase): Promise<ReadyFigures[]> {
  const child = await bundleChild();
  await runChild(child, db, 'skip'); // warm-up: node's own files into the page cache
  const figures: ReadyFigures[] = [];
  // integrity_check and quick_check read the whole file: one run each says enough.
  for (const [check, runs] of [
    ['core', 7],
    ['skip', 7],
    ['quick', 1],
    ['full', 1],
  ] as const) {
    const rs: ReadyRun[] = [];
    for (let i = 0; i < runs; i++) rs.push(await runChild(child, db, check));
    const wall = percentile(
      rs.map((r) => r.wallMs),
      50,
    );
    figures.push({
      integrityCheck: check,
      runs,
      medianWallMs: round(wall, 1),
      medianChildMs: round(
        percentile(
          rs.map((r) => r.childMs),
          50,
        ),
        1,
      ),
      medianOpenMs: round(
        percentile(
          rs.map((r) => r.openMs),
          50,
        ),
        1,
      ),
      meetsGoal: wall <= GOALS.coreReadyMs,
    });
  }
  return figures;
}

interface VerifyFigure {
  ms: number;
  /** Rows the verification covered. */
  rows: number;
  /** Process CPU time (all threads): the figure load on the machine moves least. */
  cpuMs: number;
  readers: number;
  meetsGoal: boolean;
}

interface AuditFigures {
  full: VerifyFigure;
  fullOneReader: VerifyFigure;
  recent: VerifyFigure;
  deep?: VerifyFigure;
  readOnlyMs: number;
}

async function timedVerify(
  run: () => Promise<AuditVerifyResult>,
  readers: number,
  goalMs: number,
): Promise<VerifyFigure> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const r = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!r.ok) throw new Error(`audit log did not verify: ${JSON.stringify(r.problems)}`);
  return {
    ms: round(ms, 1),
    rows: r.rows - r.from + 1,
    cpuMs: round((used.user + used.system) / 1000, 1),
    readers,
    meetsGoal: ms <= goalMs,
  };
}

/**
 * The audit log verified as the app and the CLI do: every row (by seal, on two read handles, then
 * on one), and a day's rows (from the last check the generator recorded, DAY_ROWS before the end).
 */
async function benchAuditVerify(
  db: Db,
  protector: FileKeyProtector,
  generated: GeneratedDatabase,
  deep: boolean,
): Promise<AuditFigures> {
  const keys = await readAuditKeys(db, protector);
  const openReader = () =>
    openDatabase(generated.dbPath, { readOnly: true, integrityCheck: 'skip' });
  const full =
    (readers: number, extra: { deep?: boolean } = {}) =>
    () =>
      verifyAudit(db, { keys, scope: 'full', openReader, readers, ...extra });
  // Warm-up: the file's pages into the page cache, as on a counter that has been working.
  await verifyAudit(db, { keys, scope: 'full', openReader, readers: 2 });
  const figures: AuditFigures = {
    full: await timedVerify(full(2), 2, GOALS.auditVerifyMs),
    fullOneReader: await timedVerify(full(1), 1, GOALS.auditVerifyMs),
    recent: await timedVerify(
      () =>
        verifyAudit(db, {
          keys,
          scope: 'recent',
          from: Math.max(1, generated.audit - DAY_ROWS + 1),
          openReader,
        }),
      2,
      GOALS.auditRecentMs,
    ),
    readOnlyMs: round(await timeAuditReadOnly(db), 1),
  };
  if (deep) figures.deep = await timedVerify(full(2, { deep: true }), 2, GOALS.auditVerifyMs);
  const line = (name: string, f: VerifyFigure, goal: number) =>
    console.log(
      `audit verify, ${name}: ${f.rows} rows in ${(f.ms / 1000).toFixed(2)} s ` +
        `(CPU ${(f.cpuMs / 1000).toFixed(2)} s, ${f.readers} read handle${f.readers > 1 ? 's' : ''}; ` +
        `goal ${goal / 1000} s${f.meetsGoal ? ', met' : ', missed'})`,
    );
  line('every row', figures.full, GOALS.auditVerifyMs);
  line('every row, one handle', figures.fullOneReader, GOALS.auditVerifyMs);
  line("a day's rows since the last check", figures.recent, GOALS.auditRecentMs);
  if (figures.deep) line('every row one by one (--deep)', figures.deep, GOALS.auditVerifyMs);
  console.log(
    `audit rows read one JS object each, no hashing: ${(figures.readOnlyMs / 1000).toFixed(2)} s; ` +
      `first sealing after the upgrade (generator): ${(generated.sealingMs / 1000).toFixed(1)} s`,
  );
  return figures;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const size = parseSizeArgs(argv);
  const qi = argv.indexOf('--queries');
  const queries = qi >= 0 ? Number(argv[qi + 1]) : 300;
  if (!Number.isInteger(queries) || queries < 1)
    throw new Error('--queries needs a positive whole number');

  const generated = await ensureDatabase(size);
  // Other work on the machine moves every figure: the load is saved with them.
  const loadAtStart = loadavg()[0]!;
  console.log(
    `database: ${generated.residents} residents with cards, ${generated.audit} audit rows ` +
      `(generated in ${(generated.generationMs / 1000).toFixed(1)} s${generated.reused ? ', cached' : ''})`,
  );

  // The benchmark's own connection skips integrity_check; the start-up figures below measure it.
  const db = await openIssuanceDatabase(generated.dbPath, {
    mode: 'production',
    integrityCheck: 'skip',
  });
  let searches: SearchFigures[];
  let verify: AuditFigures;
  try {
    const protector = new FileKeyProtector(generated.keyPath);
    const cipher = await openMyNumberCipher(db, protector);
    searches = await benchSearches(db, cipher, generated.residents, queries);
    for (const s of searches) {
      console.log(
        `search ${s.name}: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms ` +
          `over ${s.queries} queries${s.meetsGoal ? '' : `  (p95 goal ${GOALS.searchP95Ms} ms missed)`}`,
      );
      for (const line of s.plan ?? []) console.log(`    plan ${line}`);
    }
    verify = await benchAuditVerify(db, protector, generated, argv.includes('--deep'));
  } finally {
    await db.close();
  }

  const ready = await benchCoreReady(generated);
  for (const r of ready) {
    console.log(
      (r.integrityCheck === 'core'
        ? `core ready (createCore().start(), as the app): ${r.medianWallMs} ms from spawn `
        : `database open only, integrityCheck '${r.integrityCheck}': ${r.medianWallMs} ms from spawn `) +
        `(child: ${r.medianChildMs} ms since its start, ${r.medianOpenMs} ms opening; ` +
        `median of ${r.runs}; goal ${GOALS.coreReadyMs} ms ${r.meetsGoal ? 'met' : 'missed'})`,
    );
  }

  const sizeBytes = fileSizeOf(generated.dbPath);
  const maxRssKb = process.resourceUsage().maxRSS;
  console.log(`database size on disk: ${(sizeBytes / 2 ** 20).toFixed(1)} MiB`);
  console.log(
    `load average (1 min) on ${availableParallelism()} CPUs: ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`,
  );
  console.log(
    `peak RSS: ${(maxRssKb / 1024).toFixed(1)} MiB (this process); generator ${(generated.generatorMaxRssKb / 1024).toFixed(1)} MiB`,
  );

  const result = {
    bench: 'db',
    at: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]!) },
    residents: generated.residents,
    auditRows: generated.audit,
    generation: {
      ms: generated.generationMs,
      maxRssKb: generated.generatorMaxRssKb,
      generatedAt: generated.generatedAt,
      cached: generated.reused,
    },
    goals: GOALS,
    searches,
    auditVerify: { ...verify, firstSealingMs: generated.sealingMs },
    coreReady: ready,
    dbSizeBytes: sizeBytes,
    maxRssKb,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `db-${result.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved ${file}`);
  console.log(JSON.stringify(result));
}

await main();
