// `npm run bench:office -- --counters 8 [--residents 1000000] [--seconds 60]`: counter processes
// against one PostgreSQL (started here) with a town of residents, each recording procedures and
// searching at once; then procedures per minute, search p95 per kind, the office write lock's waits,
// and how many procedures the database, the journals and the audit log disagree on (goal 0).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guardAuditLog } from '../main/audit/audit-guard';
import { FileKeyProtector } from '../main/db/key-protector';
import { openOfficeDatabase } from '../main/db/office';
import { insertOperator } from '../main/db/repositories/operators';
import { startPostgres } from '../scripts/postgres-server';
import type { CounterArgs, CounterResult } from './support/office-counter';

const GOAL_SEARCH_P95_MS = 5;

/** A counter process: resolves `ready` once it is connected, `done` with its result. */
function startCounter(args: CounterArgs) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/office-counter.ts', JSON.stringify(args)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    if (out.includes('ready\n')) readyResolve();
  });
  const done = new Promise<CounterResult>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as CounterResult)
        : reject(new Error(`${args.counter} exited ${code}`)),
    ),
  );
  return { ready, done, go: () => child.stdin.end('go\n') };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const round = (x: number) => Math.round(x * 100) / 100;
function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

async function main(): Promise<void> {
  const counters = arg('counters', 8);
  const residents = arg('residents', 1_000_000);
  const seconds = arg('seconds', 60);
  const server = await startPostgres({ settings: { max_connections: '200' } });
  const work = mkdtempSync(join(tmpdir(), 'madoguchi-bench-office-'));
  try {
    const connection = {
      host: server.host,
      port: server.port,
      database: 'postgres',
      user: 'postgres',
      password: server.superuserPassword,
      tls: null,
    };
    const office = await openOfficeDatabase(
      { ...connection, password: () => connection.password },
      { mode: 'production' },
    );
    const keyFile = join(work, 'office.key');
    // The office key and the keyed chain made once, before the counters start.
    const first = guardAuditLog(office, new FileKeyProtector(keyFile), {
      mode: 'production',
      anchorsDir: null,
      now: () => new Date(),
    });
    const guard = await first.guard;
    const operatorId = await first.db.transaction((tx) =>
      insertOperator(tx, {
        loginId: 'bench',
        displayName: 'bench',
        role: 'clerk',
        passwordHash: 'x',
      }),
    );
    let t = performance.now();
    // The town in one statement: family f of 500, given name g of 300, dates over sixty years.
    await office.exec(`
      INSERT INTO residents (kana_name, kanji_name, kana_key, kanji_key, birth_date, address, sex,
                             my_number_enc, my_number_hmac, created_at)
      SELECT k, j, k, j, d, '見本県窓口市', 'unknown', '\\x00'::bytea, sha256(('r' || i)::bytea),
             '2026-01-01T00:00:00Z'
        FROM generate_series(1, ${Math.floor(residents)}) AS i,
             LATERAL (SELECT i % 500 AS f, i % 300 AS g) AS n,
             LATERAL (SELECT chr(12450 + f % 80) || chr(12450 + f / 80) || chr(12450 + g % 80) AS k,
                             '姓' || f || '名' || g AS j,
                             make_date(1940 + i % 60, 1 + i % 12, 1 + i % 28)::text AS d) AS v;
      ANALYZE;`);
    console.log(`generated ${residents} residents in ${Math.round(performance.now() - t)} ms`);

    const children = Array.from({ length: counters }, (_, c) =>
      startCounter({
        counter: `madoguchi-${c + 1}`,
        connection,
        keyFile,
        operatorId,
        residents,
        seconds,
      }),
    );
    await Promise.all(children.map((c) => c.ready));
    t = performance.now();
    for (const c of children) c.go();
    const results = await Promise.all(children.map((c) => c.done));
    const minutes = (performance.now() - t) / 60_000;

    const procedures = results.flatMap((r) => r.procedures);
    const searchKinds = Object.keys(results[0]!.searches);
    const search = searchKinds.map((kind) => {
      const xs = results.flatMap((r) => r.searches[kind]!);
      const p95 = round(percentile(xs, 95));
      return {
        kind,
        queries: xs.length,
        p50Ms: round(percentile(xs, 50)),
        p95Ms: p95,
        meetsGoal: p95 <= GOAL_SEARCH_P95_MS,
      };
    });
    const waits = results.flatMap((r) => r.lockWaitsMs);
    const lockWaits = {
      transactions: waits.length,
      waitedOver1Ms: waits.filter((w) => w > 1).length,
      p95Ms: round(percentile(waits, 95)),
      maxMs: round(Math.max(0, ...waits)),
    };

    // Divergence: a procedure the database, its journal and the audit log do not all tell whole.
    const rows = await office.all<{ id: string; status: string; journal: number; audit: number }>(
      `SELECT p.id, p.status,
              (SELECT count(*) FROM procedure_journal j WHERE j.procedure_id = p.id) AS journal,
              (SELECT count(*) FROM audit_log a WHERE a.action LIKE 'suspension.%'
                  AND a.details::json->>'procedure' = p.id) AS audit
         FROM procedures p`,
    );
    const reported = new Set(procedures);
    let divergence = 0;
    for (const r of rows) {
      if (r.status !== 'completed' || r.journal !== 3 || r.audit !== 3 || !reported.has(r.id))
        divergence++;
    }
    divergence += Math.abs(rows.length - procedures.length);
    const verify = await guard.verify('full');
    if (!verify.ok) divergence += verify.problems.length;

    for (const s of search)
      console.log(
        `search ${s.kind}: p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms over ${s.queries}${s.meetsGoal ? '' : ` (goal ${GOAL_SEARCH_P95_MS} ms missed)`}`,
      );
    console.log(
      `${procedures.length} procedures by ${counters} counters: ${round(procedures.length / minutes)} per minute`,
    );
    console.log(
      `office write lock: ${lockWaits.waitedOver1Ms} of ${lockWaits.transactions} transactions waited over 1 ms, p95 ${lockWaits.p95Ms} ms, max ${lockWaits.maxMs} ms`,
    );
    console.log(
      `divergence between database, journals and audit: ${divergence}; audit chain ${verify.ok ? 'verifies' : 'FAILS'} (${verify.rows} rows)`,
    );
    await guard.close();
    await office.close();
    console.log(
      JSON.stringify({
        counters,
        residents,
        seconds,
        proceduresPerMinute: round(procedures.length / minutes),
        procedures: procedures.length,
        search,
        lockWaits,
        divergence,
        auditVerifies: verify.ok,
        issuances: 'not run: record procedures only (see the report)',
      }),
    );
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
