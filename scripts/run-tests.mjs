// `npm test`: the build, then unit, integration (on sqlite, and the core's files again on
// PostgreSQL with the office database's own tests), e2e and the installer's contents (dist:check)
// side by side in lanes. Every step runs even after a failure; one closing line counts the tests of
// all of them: "Tests: N passed, M failed, K skipped" (a skipped test or no test at all fails the
// run too). `node scripts/run-tests.mjs unit integration` runs only those steps (build, unit,
// integration, postgres, e2e, dist). The static checks (lint, format, typecheck) are steps too, run
// only when named: `npm run check` runs them one after another, and CI runs it before `npm test`. They
// took about 150 of npm test's CPU-seconds on two cores that the tests ran short of.
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

// Not under test-results/: Playwright empties that folder when it starts.
const reportDir = join('test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const ALL_STEPS = [
  'lint',
  'format',
  'typecheck',
  'build',
  'unit',
  'integration',
  'postgres',
  'e2e',
  'dist',
];
const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!ALL_STEPS.includes(w)) {
    console.error(`unknown step ${w}; steps: ${ALL_STEPS.join(', ')}`);
    process.exit(2);
  }
}
/** The static checks: run only when named (npm run check), not by a bare npm test. */
const CHECK_STEPS = ['lint', 'format', 'typecheck'];
const want = (step) => (wanted.length === 0 ? !CHECK_STEPS.includes(step) : wanted.includes(step));

/** Past this a step is taken to hang (a wedged pcscd client, a browser that never answers). */
const STEP_LIMIT_MS = 20 * 60_000;

const steps = [];

/**
 * Runs one command as its own process group. With `log`, its output goes to test-reports/<log> and
 * is printed in one block when it ends, so steps running side by side stay readable.
 */
function run(name, command, args, { env = {}, log = null } = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: started (${command} ${args.join(' ')})`);
  return new Promise((resolve) => {
    // Through a shell that reports the CPU time of the command and everything it waited for:
    // npm test's lanes share two cores, and their CPU seconds, not their wall time, say where the
    // run's time goes.
    const cpuFile = join(reportDir, `cpu-${steps.length}-${process.hrtime.bigint()}.txt`);
    const child = spawn('sh', ['-c', CPU_WRAPPER, 'sh', cpuFile, command, ...args], {
      stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
      detached: true,
    });
    let file = null;
    if (log) {
      file = createWriteStream(join(reportDir, log));
      child.stdout.pipe(file, { end: false });
      child.stderr.pipe(file, { end: false });
    }
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      console.error(`\n=== ${name}: still running after ${STEP_LIMIT_MS / 60_000} min, stopped`);
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, STEP_LIMIT_MS);
    child.once('error', (e) => console.error(`=== ${name}: ${e.message}`));
    child.once('close', (code, signal) => {
      clearTimeout(limit);
      const ok = code === 0 && !timedOut;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const cpu = cpuSeconds(cpuFile);
      const finish = () => {
        if (log) {
          console.log(`\n=== ${name} (${seconds}s):`);
          process.stdout.write(readFileSync(join(reportDir, log), 'utf8'));
        }
        const how = timedOut ? 'timed out' : signal ? `killed by ${signal}` : `exit ${code}`;
        const used = cpu === null ? '' : `, ${cpu} CPU-s`;
        console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (${how})`} in ${seconds}s${used}`);
        steps.push({ name, ok, seconds, cpu });
        resolve(ok);
      };
      if (file) file.end(finish);
      else finish();
    });
  });
}

/** Runs "$@" and writes the shell's `times` (its own, then its children's user and system time) to $1. */
const CPU_WRAPPER = 'f="$1"; shift; "$@"; s=$?; times > "$f"; exit $s';

/** The children's user + system seconds from a `times` file, or null when it was not written. */
function cpuSeconds(file) {
  try {
    const children = readFileSync(file, 'utf8').trim().split('\n')[1] ?? '';
    rmSync(file, { force: true });
    const total = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
      (sum, [, m, sec]) => sum + Number(m) * 60 + Number(sec),
      0,
    );
    return Math.round(total);
  } catch {
    return null;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Runs the lanes side by side; each lane runs its steps one after the other. */
function lanes(...list) {
  return Promise.all(
    list.map(async (lane) => {
      for (const step of lane) await step();
    }),
  );
}

const npx = 'npx';

// ---- integration: files split over runs side by side, each with its own pcscd ----

/**
 * Each integration run gets its own mount and network namespace: its own /run/pcscd (a tmpfs, so
 * its own pcscd socket) and its own loopback (so its own vpcd port 35963). The vitest process and
 * everything it starts (pcscd, crash children, OpenSC tools) live inside; the host's pcscd and port
 * are never touched, so these runs need no lock against other test runs on the machine.
 *
 * Inside, the loopback acknowledges at once (route option quickack): vpcd's driver sends each
 * command's 2-byte length and its bytes as two TCP segments, and the second waited for the delayed
 * ACK of the first (40 ms) before it left, on every command. A health read is 16 commands, an
 * issuance over a hundred: this is most of the PC/SC suites' time, and it changes no byte.
 */
const NAMESPACE_SETUP = [
  'ip link set lo up',
  'ip route replace local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1',
  'mkdir -p /run/pcscd',
  'mount -t tmpfs -o mode=0755 tmpfs /run/pcscd',
  'exec "$@"',
].join(' && ');

/** Why runs in their own namespaces are not possible here, or null when they are. */
function namespacesUnavailable() {
  if (spawnSync('ip', ['-V'], { stdio: 'ignore' }).status !== 0)
    return '`ip` is missing (Debian package iproute2)';
  const probe = spawnSync(
    'unshare',
    ['--mount', '--net', '--', 'sh', '-c', NAMESPACE_SETUP, 'sh', 'true'],
    {
      encoding: 'utf8',
    },
  );
  if (probe.status !== 0)
    return `unshare --mount --net is refused (${(probe.stderr || probe.error?.message || '').trim()}); it needs root`;
  return null;
}

const DURATIONS_FILE = join('node_modules', '.cache', 'madoguchi', 'test-durations.json');
/**
 * Seconds per integration file for a first run on a machine (CI), before its own timings exist:
 * `npm run test:integration` on the 2-core development machine, busy with other work (only the
 * ratios matter), every file named. Files not named count as DEFAULT_SECONDS.
 */
const KNOWN_SECONDS = {
  'tests/integration/core/lifecycle-card.test.ts': 106,
  'tests/integration/core/issuance-crash.pcsc.test.ts': 79,
  'tests/integration/scenarios/issuance-counter.test.ts': 72,
  'tests/integration/core/lifecycle.pcsc.test.ts': 71,
  'tests/integration/core/issuance.test.ts': 65,
  'tests/integration/scenarios/card-lifecycle.test.ts': 65,
  'tests/integration/core/lifecycle-records.test.ts': 43,
  'tests/integration/core/card-changes.test.ts': 37,
  'tests/integration/core/face-score.test.ts': 37,
  'tests/integration/core/one-resident.test.ts': 33,
  'tests/integration/core/dated-rules.test.ts': 29,
  'tests/integration/card-health.pcsc.test.ts': 28,
  'tests/integration/card-health.sim.test.ts': 26,
  'tests/integration/core/operators.test.ts': 24,
  'tests/integration/scenarios/trainer-progress.test.ts': 22,
  'tests/integration/vpcd-mute.test.ts': 20,
  'tests/integration/face/face-score.chromium.test.ts': 17,
  'tests/integration/core/representative.test.ts': 15,
  'tests/integration/core/cli.test.ts': 14,
  'tests/integration/core/same-person.test.ts': 14,
  'tests/integration/core/storage-faults.test.ts': 9,
  'tests/integration/vpcd-cli.test.ts': 9,
  'tests/integration/core/resident-call.test.ts': 7,
  'tests/integration/core/audit-guard.test.ts': 6,
  'tests/integration/preflight-pcsc.test.ts': 6,
  'tests/integration/pcsc-transport.test.ts': 5,
  'tests/integration/opensc-middleware.test.ts': 4,
  'tests/integration/core/reprint.test.ts': 3,
  'tests/integration/core/support-bundle.pcsc.test.ts': 3,
  'tests/integration/pcsc-service.test.ts': 2,
  'tests/integration/authority/ocsp-openssl.test.ts': 1,
  'tests/integration/core/keys.test.ts': 1,
  'tests/integration/core/newer-database.test.ts': 1,
  // The office database's own files (the postgres runs): measured alone and scaled to the above.
  'tests/postgres/standby.test.ts': 120,
  'tests/postgres/faults.test.ts': 30,
  'tests/postgres/migrations.test.ts': 19,
  'tests/postgres/office-counters.test.ts': 6,
  'tests/postgres/office.test.ts': 5,
  'tests/postgres/to-office.test.ts': 1,
};
const DEFAULT_SECONDS = 5;

function integrationFiles(dir = join('tests', 'integration')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return integrationFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function knownDurations() {
  try {
    return { ...KNOWN_SECONDS, ...JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) };
  } catch {
    return { ...KNOWN_SECONDS };
  }
}

/** Longest first, each to the run with the least so far. */
function balance(files, runs) {
  const seconds = knownDurations();
  const cost = (f) => seconds[f] ?? DEFAULT_SECONDS;
  const shards = Array.from({ length: runs }, () => ({ files: [], seconds: 0 }));
  for (const file of [...files].sort((a, b) => cost(b) - cost(a))) {
    const lightest = shards.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(file);
    lightest.seconds += cost(file);
  }
  return shards.filter((s) => s.files.length > 0);
}

/** Keeps each file's duration from this run's reports for the next run's split. */
function rememberDurations(reports) {
  const seconds = knownDurations();
  for (const report of reports) {
    if (!existsSync(report)) continue;
    for (const r of JSON.parse(readFileSync(report, 'utf8')).testResults ?? []) {
      if (r.status !== 'passed') continue;
      seconds[relative(process.cwd(), r.name)] = Math.round((r.endTime - r.startTime) / 100) / 10;
    }
  }
  mkdirSync(join(DURATIONS_FILE, '..'), { recursive: true });
  const tmp = `${DURATIONS_FILE}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify(seconds, null, 2));
  renameSync(tmp, DURATIONS_FILE);
}

const vitestReporters = (report) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
];

/** The integration files: the core's (sharing a worker's modules) and the PC/SC ones (isolated). */
const INTEGRATION_PROJECTS = ['--project', 'integration', '--project', 'integration-pcsc'];
const INTEGRATION_RUNS = Number(process.env.MADOGUCHI_INTEGRATION_RUNS ?? 2);
const integrationReports = [];
const integrationLanes = [];
let integrationFileList = [];
if (want('integration')) {
  integrationFileList = integrationFiles();
  const why = namespacesUnavailable();
  if (why) {
    console.log(`\n=== integration: one run in the default namespace: ${why}`);
    const report = join(reportDir, 'vitest-integration.json');
    integrationReports.push(report);
    integrationLanes.push([
      () =>
        run(
          'integration',
          npx,
          ['vitest', 'run', ...INTEGRATION_PROJECTS, ...vitestReporters(report)],
          {
            log: 'integration.log',
          },
        ),
    ]);
  } else {
    balance(integrationFileList, INTEGRATION_RUNS).forEach((shard, i) => {
      const n = i + 1;
      const report = join(reportDir, `vitest-integration-${n}.json`);
      integrationReports.push(report);
      integrationLanes.push([
        () =>
          run(
            `integration ${n}/${INTEGRATION_RUNS} (~${Math.round(shard.seconds)}s: ${shard.files.length} files)`,
            'unshare',
            [
              '--mount',
              '--net',
              '--',
              'sh',
              '-c',
              NAMESPACE_SETUP,
              'sh',
              npx,
              'vitest',
              'run',
              ...INTEGRATION_PROJECTS,
              ...vitestReporters(report),
              ...shard.files,
            ],
            {
              env: { MADOGUCHI_PCSCD_LOG: `test-reports/pcscd-${n}.log` },
              log: `integration-${n}.log`,
            },
          ),
      ]);
    });
  }
}

// ---- postgres: the office database's tests, and the integration suite again on it ----

/**
 * The integration files that run on this computer's sqlite file only, each for its reason. Every
 * other file of the `integration` project (the core through its router, the scenarios, the
 * authority) runs a second time with its cores on PostgreSQL: the matrix of the two backends.
 */
const SQLITE_ONLY_FILES = {
  // The file itself: a full disk, damaged pages, a read-only file, its data key (on PostgreSQL:
  // tests/postgres/faults.test.ts and office-counters.test.ts).
  'tests/integration/core/storage-faults.test.ts': 'the sqlite file’s own faults',
  // A file written by a newer app (on PostgreSQL: migrations.test.ts).
  'tests/integration/core/newer-database.test.ts': 'the sqlite file’s version',
  // The file's append-only triggers and anchors, edited on disk (on PostgreSQL: office.test.ts,
  // the grants and triggers of the counters' role).
  'tests/integration/core/audit-guard.test.ts': 'the sqlite file’s audit triggers',
  // The data folder's key file, and a copy of the folder carried off.
  'tests/integration/core/keys.test.ts': 'the data folder’s key file',
  // Practice mode keeps its records in the practice file only: the trainer's scenarios, reports
  // and the reset that moves the file.
  'tests/integration/scenarios/trainer-progress.test.ts': 'practice mode’s own file',
  // The command-line tools on a sqlite file (db:backup, audit:verify of the copy).
  'tests/integration/core/cli.test.ts': 'the sqlite file’s tools',
  // No database at all: the face engine in Chromium, OpenSSL against the OCSP responder.
  'tests/integration/face/face-score.chromium.test.ts': 'no database',
  'tests/integration/authority/ocsp-openssl.test.ts': 'no database',
};

/** The files of the `integration` project (vitest.config.ts): not at the top, not *.pcsc.test.ts. */
const inIntegrationProject = (file) =>
  relative(join('tests', 'integration'), file).includes('/') && !file.endsWith('.pcsc.test.ts');

/**
 * The `integration-pcsc` file that runs on PostgreSQL too: the 交付 killed mid-step in a child
 * counter process and resumed by the next start, with a pcscd of the run's own. The other PC/SC
 * files either open no database (the card, the reader path, OpenSC, the vpcd bridge) or drive over
 * PC/SC the procedures that the `integration` project runs on PostgreSQL through the simulated
 * reader (lifecycle.pcsc, support-bundle.pcsc): with them, npm test ran 903 s on two cores.
 */
const PCSC_FILES_ON_POSTGRES = ['tests/integration/core/issuance-crash.pcsc.test.ts'];

const POSTGRES_RUNS = Number(process.env.MADOGUCHI_POSTGRES_RUNS ?? 2);
const postgresReports = [];
const postgresLanes = [];
let postgresFileList = [];
if (want('postgres')) {
  const why = namespacesUnavailable();
  const postgresFiles = readdirSync(join('tests', 'postgres'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('tests', 'postgres', f));
  postgresFileList = [
    ...postgresFiles,
    ...integrationFiles().filter((f) => inIntegrationProject(f) && !(f in SQLITE_ONLY_FILES)),
    ...PCSC_FILES_ON_POSTGRES,
  ];
  balance(postgresFileList, why ? 1 : POSTGRES_RUNS).forEach((shard, i, all) => {
    const n = i + 1;
    const report = join(reportDir, `vitest-postgres-${n}.json`);
    postgresReports.push(report);
    const vitestArgs = [
      'vitest',
      'run',
      '--project',
      'postgres',
      ...INTEGRATION_PROJECTS,
      ...vitestReporters(report),
      ...shard.files,
    ];
    // Each run its own server (the global setup starts it), in its own namespace where it can.
    const env = {
      MADOGUCHI_DB: 'postgres',
      MADOGUCHI_PG_LOG: `test-reports/postgres-${n}.log`,
      MADOGUCHI_PCSCD_LOG: `test-reports/pcscd-postgres-${n}.log`,
    };
    const name = `postgres ${n}/${all.length} (~${Math.round(shard.seconds)}s: ${shard.files.length} files)`;
    postgresLanes.push([
      () =>
        why
          ? run(name, npx, vitestArgs, { env, log: `postgres-${n}.log` })
          : run(
              name,
              'unshare',
              ['--mount', '--net', '--', 'sh', '-c', NAMESPACE_SETUP, 'sh', npx, ...vitestArgs],
              { env, log: `postgres-${n}.log` },
            ),
    ]);
  });
}

// ---- the run ----

const started = Date.now();
// dist:check packs what the build wrote: it needs the build even when asked for alone.
if (want('build') || want('dist')) await run('build', 'npm', ['run', '--silent', 'build']);

const unitReport = join(reportDir, 'vitest-unit.json');
const playwrightReport = join(reportDir, 'playwright.json');
const distReport = join(reportDir, 'dist-check.json');
// The static checks run at a lower priority: they have no time limits, and they fill the gaps the
// tests leave (waits on pcscd, on child processes, on the browser) instead of slowing the tests.
const checks = (name, args, log) => () => run(name, 'nice', ['-n', '10', npx, ...args], { log });
// The e2e lane is the longest (its tests run one browser and one core each on two workers): it
// starts first, so that its set-up (the bundles, the RSA key pool) is under way before the others.
await lanes(
  want('e2e')
    ? [
        () =>
          run('e2e', npx, ['playwright', 'test', '--reporter=list,json'], {
            // The build step has just built the renderer the e2e serves (else its setup builds it).
            env: {
              PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
              // No pictures unless asked for: nobody looks at them here, and they cost CPU the
              // lanes run short of (npm run test:e2e, or one spec, writes them).
              MADOGUCHI_SCREENS: process.env.MADOGUCHI_SCREENS ?? '0',
              ...(want('build') ? { MADOGUCHI_RENDERER_BUILT: '1' } : {}),
            },
            log: 'e2e.log',
          }),
      ]
    : [],
  [
    ...(want('lint') ? [checks('lint', ['eslint', '.', '--max-warnings', '0'], 'lint.log')] : []),
    ...(want('format') ? [checks('format', ['prettier', '--check', '.'], 'format.log')] : []),
    ...(want('typecheck')
      ? [
          checks(
            'typecheck (node)',
            ['tsc', '-p', 'tsconfig.node.json', '--noEmit'],
            'typecheck-node.log',
          ),
          checks(
            'typecheck (web)',
            ['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit'],
            'typecheck-web.log',
          ),
        ]
      : []),
  ],
  want('unit')
    ? [
        () =>
          run('unit', npx, ['vitest', 'run', '--project', 'unit', ...vitestReporters(unitReport)], {
            log: 'unit.log',
          }),
      ]
    : [],
  ...integrationLanes,
  ...postgresLanes,
  // The installer's contents: electron-builder packs app.asar from out/ (about a minute on two busy
  // cores, most of it asking npm for the production dependencies), each rule counts as a test.
  want('dist')
    ? [
        () =>
          run(
            'dist:check',
            'nice',
            ['-n', '10', npx, 'tsx', 'scripts/dist-check.ts', '--report', distReport],
            { log: 'dist-check.log' },
          ),
      ]
    : [],
);

// ---- the count ----

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

/**
 * Each failed test in one line (where, which, the error's first line): the summary is the end of
 * the run's output, which is what a CI page shows, and the failure's detail is far above it.
 */
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex -- the reporters' colours
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? '';

function countVitest(report) {
  if (!existsSync(report)) {
    failed += 1; // the runner did not even report
    problems.push(`${report} was not written`);
    return null;
  }
  const v = JSON.parse(readFileSync(report, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  for (const file of v.testResults ?? []) {
    const where = relative(process.cwd(), file.name);
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests)
      failures.push(`${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === 'failed' && tests.length === 0)
      failures.push(`${where}: ${firstLine(file.message)}`);
  }
  return v;
}

function playwrightFailures(suite) {
  for (const child of suite.suites ?? []) playwrightFailures(child);
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      for (const r of t.results ?? []) {
        if (r.status === 'passed' || r.status === 'skipped') continue;
        const error = r.errors?.[0] ?? r.error;
        const at = error?.location ? `:${error.location.line}` : `:${spec.line}`;
        failures.push(
          `${spec.file}${at} › ${spec.title}: ${r.status}: ${firstLine(error?.message)}`,
        );
      }
    }
  }
}

if (want('unit')) countVitest(unitReport);

/**
 * Counts the split runs' reports and checks that each of `files` ran in exactly one of them (the
 * split passes paths as filters: a renamed file would otherwise fall out unnoticed).
 */
function countSplitRuns(reports, files, where) {
  const ran = new Map();
  for (const report of reports) {
    for (const r of countVitest(report)?.testResults ?? []) {
      const file = relative(process.cwd(), r.name);
      ran.set(file, (ran.get(file) ?? 0) + 1);
    }
  }
  for (const file of new Set([...files, ...ran.keys()])) {
    const times = ran.get(file) ?? 0;
    if (times !== 1) {
      failed += 1;
      problems.push(`${file} ran ${times} times ${where}`);
    }
  }
}

if (want('integration')) {
  countSplitRuns(integrationReports, integrationFileList, 'in the integration runs');
  rememberDurations(integrationReports);
}
if (want('postgres')) {
  countSplitRuns(postgresReports, postgresFileList, 'on PostgreSQL');
  for (const file of Object.keys(SQLITE_ONLY_FILES)) {
    if (!existsSync(file)) {
      failed += 1;
      problems.push(`${file} is named sqlite-only in scripts/run-tests.mjs but does not exist`);
    }
  }
}
if (want('e2e')) {
  if (existsSync(playwrightReport)) {
    const p = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    passed += p.stats?.expected ?? 0;
    failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0) + (p.errors?.length ?? 0);
    skipped += p.stats?.skipped ?? 0;
    playwrightFailures(p);
    for (const e of p.errors ?? []) failures.push(`e2e: ${firstLine(e.message)}`);
  } else {
    failed += 1;
    problems.push(`${playwrightReport} was not written`);
  }
}

if (want('dist')) {
  if (existsSync(distReport)) {
    const results = JSON.parse(readFileSync(distReport, 'utf8')).results ?? [];
    passed += results.filter((r) => r.ok).length;
    failed += results.filter((r) => !r.ok).length;
  } else {
    failed += 1;
    problems.push(`${distReport} was not written`);
  }
}

console.log('\n=== summary');
for (const s of steps)
  console.log(
    `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s${s.cpu === null ? '' : `, ${s.cpu} CPU-s`})`,
  );
const cpuTotal = steps.reduce((sum, s) => sum + (s.cpu ?? 0), 0);
console.log(`total ${Math.round((Date.now() - started) / 1000)}s, ${cpuTotal} CPU-s`);
for (const p of problems) console.log(`problem: ${p}`);
for (const f of failures) console.log(`failed: ${f.length > 300 ? `${f.slice(0, 297)}...` : f}`);
const stepsFailed = steps.filter((s) => !s.ok).length;
const ranTests =
  want('unit') || want('integration') || want('postgres') || want('e2e') || want('dist');
if (ranTests && passed === 0) console.log('no test was executed: that is a failure');
if (ranTests) console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
else console.log(`Checks: ${steps.length - stepsFailed} passed, ${stepsFailed} failed`);
process.exit(stepsFailed > 0 || failed > 0 || (ranTests && passed === 0) || skipped > 0 ? 1 : 0);
