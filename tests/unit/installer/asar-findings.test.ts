// The app.asar check: each thing an installer must not carry, planted in a real archive, is found.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archiveBytesOf,
  asarEntries,
  asarFindings,
  lockIndex,
  packageFolderOf,
  packageInArchive,
  type AsarRules,
  type Finding,
} from '../../../scripts/installer/asar-findings';
import {
  cleanApp,
  installedManifest,
  removeArchives,
  writeArchive,
  type ArchiveFiles,
} from '../../fixtures/asar-archive';
import { runScript } from '../../fixtures/run-script';

const lock = lockIndex(
  (JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, never> })
    .packages,
);

function rulesFor(archive: string, overrides: Partial<AsarRules> = {}): AsarRules {
  return {
    lock,
    packageOf: (folder) => packageInArchive(archive, folder),
    budgetBytes: 1024 * 1024,
    unpackedBudgetBytes: 1024 * 1024,
    nativePackages: ['node_modules/sqlite3', 'node_modules/@pcsc-mini'],
    ...overrides,
  };
}

async function findingsOf(
  files: ArchiveFiles,
  options: { packNative?: boolean; rules?: Partial<AsarRules> } = {},
): Promise<Finding[]> {
  const archive = await writeArchive(files, options);
  return asarFindings(
    asarEntries(archive),
    archiveBytesOf(archive),
    rulesFor(archive, options.rules),
    `${archive}.unpacked`,
  );
}

const summary = (findings: readonly Finding[]) => findings.map((f) => `${f.kind} ${f.path}`);

afterAll(removeArchives);

describe('app.asar findings', () => {
  it('a clean app archive has none', async () => {
    expect(await findingsOf(cleanApp())).toEqual([]);
  });

  it('finds a planted test file, in the app and in a package', async () => {
    const findings = await findingsOf({
      ...cleanApp(),
      'out/main/planted.test.js': 'test("x", () => {});\n',
      'node_modules/sqlite3/test/support.js': '',
    });
    expect(summary(findings)).toEqual([
      'test node_modules/sqlite3/test/support.js',
      'test out/main/planted.test.js',
    ]);
  });

  it('finds a planted source map', async () => {
    const findings = await findingsOf({ ...cleanApp(), 'out/main/index.js.map': '{}' });
    expect(summary(findings)).toEqual(['source-map out/main/index.js.map']);
  });

  it('finds a planted devDependency, by the lock’s "dev" mark on its name and version', async () => {
    const findings = await findingsOf({
      ...cleanApp(),
      'node_modules/vitest/package.json': installedManifest('vitest'),
      'node_modules/vitest/dist/index.js': '',
    });
    expect(summary(findings)).toEqual(['dev-dependency node_modules/vitest']);
    expect(findings[0]?.detail).toMatch(/^vitest@\d+\.\d+\.\d+: only devDependencies/);
  });

  it('finds a package the lock does not know (nothing says production needs it)', async () => {
    const findings = await findingsOf({
      ...cleanApp(),
      'node_modules/left-behind/package.json': '{"name":"left-behind","version":"1.0.0"}',
    });
    expect(summary(findings)).toEqual(['unknown-package node_modules/left-behind']);
  });

  it('finds benchmarks and the practice photos’ generator', async () => {
    const findings = await findingsOf({
      ...cleanApp(),
      'bench/db.bench.ts': '',
      'out/main/assets/card.bench.js': '',
      'scripts/generate-practice-photos.ts': '',
      'out/main/generate-practice-photos.js': '',
    });
    expect(summary(findings).sort()).toEqual([
      'benchmark bench/db.bench.ts',
      'benchmark out/main/assets/card.bench.js',
      'photo-generator out/main/generate-practice-photos.js',
      'photo-generator scripts/generate-practice-photos.ts',
    ]);
  });

  it('finds native code packed inside the archive, where the OS cannot load it', async () => {
    const findings = await findingsOf(cleanApp(), { packNative: true });
    expect(summary(findings)).toEqual([
      'native-packed node_modules/@pcsc-mini/linux-x86_64-gnu/addon.node',
      'native-packed node_modules/sqlite3/build/Release/node_sqlite3.node',
      'native-missing node_modules/sqlite3',
      'native-missing node_modules/@pcsc-mini',
    ]);
  });

  it('finds a native package without its native code', async () => {
    const files = cleanApp();
    delete files['node_modules/sqlite3/build/Release/node_sqlite3.node'];
    expect(summary(await findingsOf(files))).toEqual(['native-missing node_modules/sqlite3']);
  });

  it('finds an archive over its size budget, and says by how much', async () => {
    const findings = await findingsOf(
      { ...cleanApp(), 'resources/practice/photos/big.png': new Uint8Array(64 * 1024) },
      { rules: { budgetBytes: 32 * 1024 } },
    );
    expect(summary(findings)).toEqual(['size app.asar']);
    expect(findings[0]?.detail).toMatch(/^0\.1 MiB is over the budget of 0\.0 MiB$/);
  });

  it('finds unpacked files missing beside the archive', async () => {
    const archive = await writeArchive(cleanApp());
    rmSync(join(dirname(archive), 'app.asar.unpacked', 'node_modules', 'sqlite3'), {
      recursive: true,
    });
    const findings = asarFindings(
      asarEntries(archive),
      archiveBytesOf(archive),
      rulesFor(archive),
      `${archive}.unpacked`,
    );
    expect(summary(findings)).toEqual([
      'unpacked-missing node_modules/sqlite3/build/Release/node_sqlite3.node',
    ]);
  });

  it('knows a file’s package folder, scoped and nested', () => {
    expect(packageFolderOf('node_modules/a/lib/x.js')).toBe('node_modules/a');
    expect(packageFolderOf('node_modules/a/node_modules/@b/c/x.js')).toBe(
      'node_modules/a/node_modules/@b/c',
    );
    expect(packageFolderOf('out/main/index.js')).toBeNull();
  });
});

// The command itself, over an archive given with --asar (as the release build checks its own).
describe('npm run dist:check -- --asar', { timeout: 60_000 }, () => {
  const distCheck = (archive: string) => {
    const run = runScript('scripts/dist-check.ts', ['--asar', archive]);
    return { status: run.status, out: run.stdout + run.stderr };
  };

  it('fails on a planted test file, source map and devDependency, naming each', async () => {
    const run = distCheck(
      await writeArchive({
        ...cleanApp(),
        'out/main/planted.test.js': '',
        'out/main/index.js.map': '{}',
        'node_modules/vitest/package.json': installedManifest('vitest'),
      }),
    );
    expect(run.out).toContain('out/main/planted.test.js: a test');
    expect(run.out).toContain('out/main/index.js.map: a source map');
    expect(run.out).toMatch(/node_modules\/vitest: vitest@[\d.]+: only devDependencies/);
    expect(run.out).toContain('FAIL no tests in app.asar');
    expect(run.out).toContain('FAIL no source maps in app.asar');
    expect(run.out).toContain('FAIL no devDependencies in app.asar');
    expect(run.status).toBe(1);
  });

  it('passes a clean archive and prints its figures', async () => {
    const run = distCheck(await writeArchive(cleanApp()));
    expect(run.out).toMatch(/^app\.asar: 0\.0 MiB \(budget 60\.0 MiB\), 5 files inside$/m);
    expect(run.out).toContain('ok   no tests in app.asar');
    expect(run.status).toBe(0);
  });
});
