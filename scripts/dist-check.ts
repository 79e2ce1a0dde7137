// `npm run dist:check`: electron-builder.yml and the app.asar it makes, checked before anything reaches an installer.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import asar from '@electron/asar';
import {
  archiveBytesOf,
  asarEntries,
  asarFindings,
  lockIndex,
  mib,
  packageInArchive,
  type AsarRules,
  type Finding,
  type FindingKind,
  type LockPackages,
} from './installer/asar-findings';
import {
  BUILDER_CONFIG_FILE,
  builderConfigProblems,
  loadBuilderConfig,
  secretLookingLines,
} from './installer/builder-config';
import { packAppAsar } from './installer/pack-asar';

/**
 * Measured on 2026-12-06 (electron-builder 26.17, Linux x64): app.asar 47.1 MiB in 3,111 files;
 * app.asar.unpacked 2.3 MiB in 9 files (the native code of sqlite3 and pcsc-mini, with the files
 * beside it). The budgets leave about a quarter (the archive) and over half (the native code,
 * whose Windows builds differ in size) for growth; past them, look at what grew before raising.
 */
export const ASAR_BUDGET_BYTES = 60 * 1024 * 1024;
export const UNPACKED_BUDGET_BYTES = 5 * 1024 * 1024;
/** The card reader and the database: without their native code the app does not work at all. */
export const NATIVE_PACKAGES = ['node_modules/sqlite3', 'node_modules/@pcsc-mini'];

/** Each rule, counted as one test in `npm test`'s closing line. */
const CHECKS: ReadonlyArray<{ name: string; kinds: readonly FindingKind[] }> = [
  { name: 'no tests in app.asar', kinds: ['test'] },
  { name: 'no benchmarks in app.asar', kinds: ['benchmark'] },
  { name: 'no source maps in app.asar', kinds: ['source-map'] },
  { name: 'no devDependencies in app.asar', kinds: ['dev-dependency', 'unknown-package'] },
  { name: 'no practice photo generator in app.asar', kinds: ['photo-generator'] },
  {
    name: 'native modules unpacked and present',
    kinds: ['native-packed', 'native-missing', 'unpacked-missing'],
  },
  { name: 'app.asar within its size budgets', kinds: ['size'] },
];

const USAGE = `usage: npm run dist:check [-- --asar <app.asar>] [--report <file.json>]
  without --asar: packs app.asar from out/ with electron-builder (run npm run build first)
  --asar: checks an archive a real build made (release/win-unpacked/resources/app.asar)
  exit code: 0 all checks pass, 1 a check fails, 2 usage or no such archive
  --report: writes the checks' results as JSON (npm test counts them)`;

interface Args {
  readonly asar: string | null;
  readonly report: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  let asar: string | null = null;
  let report: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--asar' || argv[i] === '--report') && value !== undefined) {
      if (argv[i] === '--asar') asar = value;
      else report = value;
      i++;
    } else {
      console.error(USAGE);
      process.exit(2);
    }
  }
  return { asar, report };
}

function lockPackagesOf(projectDir: string): LockPackages {
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: LockPackages;
  };
  return lock.packages;
}

function printFindings(findings: readonly Finding[]): void {
  const byKind = new Map<FindingKind, Finding[]>();
  for (const f of findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  for (const [kind, list] of byKind) {
    console.log(`  ${kind}: ${list.length}`);
    for (const f of list.slice(0, 10)) console.log(`    ${f.path}: ${f.detail}`);
    if (list.length > 10) console.log(`    … and ${list.length - 10} more`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const projectDir = process.cwd();
  const results: { name: string; ok: boolean }[] = [];
  const started = performance.now();

  const config = await loadBuilderConfig(projectDir);
  const problems = await builderConfigProblems(config);
  const schemaProblems = problems.filter((p) => p.startsWith('schema:'));
  const otherProblems = problems.filter((p) => !p.startsWith('schema:'));
  results.push({
    name: 'electron-builder.yml passes electron-builder’s schema',
    ok: schemaProblems.length === 0,
  });
  results.push({
    name: 'electron fuses and asar as the counter needs',
    ok: otherProblems.length === 0,
  });
  const secrets = secretLookingLines(readFileSync(join(projectDir, BUILDER_CONFIG_FILE), 'utf8'));
  results.push({
    name: 'electron-builder.yml holds no secret-looking value',
    ok: secrets.length === 0,
  });
  problems.push(...secrets.map((s) => `secret-looking (signing comes from the environment): ${s}`));
  console.log(
    `electron-builder.yml: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`,
  );
  for (const p of problems) console.log(`  ${p}`);

  let archive: string;
  let unpackedDir: string;
  let packSeconds = 0;
  let workDir: string | null = null;
  if (args.asar) {
    archive = resolve(args.asar);
    unpackedDir = `${archive}.unpacked`;
    if (!existsSync(archive)) {
      console.error(`${archive}: no such archive`);
      return 2;
    }
  } else {
    const packStarted = performance.now();
    workDir = join(projectDir, '.tmp', 'dist-check');
    const packed = await packAppAsar(projectDir, workDir);
    archive = packed.archive;
    unpackedDir = packed.unpackedDir;
    packSeconds = (performance.now() - packStarted) / 1000;
  }

  const checkStarted = performance.now();
  const entries = asarEntries(archive);
  const archiveBytes = archiveBytesOf(archive);
  const rules: AsarRules = {
    lock: lockIndex(lockPackagesOf(projectDir)),
    packageOf: (folder) => packageInArchive(archive, folder),
    budgetBytes: ASAR_BUDGET_BYTES,
    unpackedBudgetBytes: UNPACKED_BUDGET_BYTES,
    nativePackages: NATIVE_PACKAGES,
  };
  const findings = asarFindings(entries, archiveBytes, rules, unpackedDir);
  asar.uncache(archive);
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  for (const check of CHECKS)
    results.push({ name: check.name, ok: !findings.some((f) => check.kinds.includes(f.kind)) });

  const unpacked = entries.filter((e) => e.unpacked);
  const unpackedBytes = unpacked.reduce((n, e) => n + e.size, 0);
  console.log(
    `app.asar: ${mib(archiveBytes)} (budget ${mib(ASAR_BUDGET_BYTES)}), ${entries.length - unpacked.length} files inside`,
  );
  console.log(
    `app.asar.unpacked: ${mib(unpackedBytes)} (budget ${mib(UNPACKED_BUDGET_BYTES)}), ${unpacked.length} files, native: ${unpacked
      .filter((e) => e.path.endsWith('.node'))
      .map((e) => e.path)
      .join(', ')}`,
  );
  console.log(
    `time: ${args.asar ? `archive given (${archive})` : `packed in ${packSeconds.toFixed(1)} s`}, checked in ${checkSeconds.toFixed(2)} s, ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
  if (findings.length > 0) {
    console.log(`app.asar: ${findings.length} finding(s)`);
    printFindings(findings);
  }
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);

  if (args.report) {
    mkdirSync(dirname(args.report), { recursive: true });
    writeFileSync(args.report, JSON.stringify({ results, findings }, null, 2));
  }
  // Keep the archive of a failed run to look into; a passing one is 40 MiB of nothing new.
  const ok = results.every((r) => r.ok);
  if (ok && workDir) rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.log(`the archive is kept for a look: ${archive}`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
