// What an app.asar holds that an installer must not: tests, benchmarks, source maps, devDependencies, the photo generator, packed native code.
import { existsSync, statSync } from 'node:fs';
import asar from '@electron/asar';

export interface AsarEntry {
  /** Relative to the archive's root, with forward slashes: `out/main/index.js`. */
  readonly path: string;
  readonly size: number;
  /** Stored beside the archive in app.asar.unpacked (native code must be: it is loaded by the OS). */
  readonly unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

/** Every file of the archive, read from its header (the archive is not cached afterwards). */
export function asarEntries(archive: string): AsarEntry[] {
  const { header } = asar.getRawHeader(archive) as { header: HeaderNode };
  asar.uncache(archive);
  const entries: AsarEntry[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else if (child.link === undefined)
        entries.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return entries;
}

export type FindingKind =
  | 'test'
  | 'benchmark'
  | 'source-map'
  | 'dev-dependency'
  | 'unknown-package'
  | 'photo-generator'
  | 'native-packed'
  | 'native-missing'
  | 'unpacked-missing'
  | 'size';

export interface Finding {
  readonly kind: FindingKind;
  /** The file (or package folder) concerned; the archive itself for a size finding. */
  readonly path: string;
  readonly detail: string;
}

/** package-lock.json's `packages`: each installed folder, marked `dev` when only devDependencies need it. */
export type LockPackages = Readonly<
  Record<
    string,
    { readonly name?: string; readonly version?: string; readonly dev?: boolean } | undefined
  >
>;

export interface PackageId {
  readonly name: string;
  readonly version: string;
}

/**
 * `name@version` → whether only devDependencies need it (every copy in the lock is `dev`).
 * electron-builder lays node_modules out anew in the archive (its own hoisting), so a package is
 * known by its name and version there, not by its folder.
 */
export function lockIndex(packages: LockPackages): Map<string, boolean> {
  const index = new Map<string, boolean>();
  for (const [key, entry] of Object.entries(packages)) {
    const at = key.lastIndexOf('node_modules/');
    if (at < 0 || !entry?.version) continue;
    const id = `${entry.name ?? key.slice(at + 'node_modules/'.length)}@${entry.version}`;
    index.set(id, (index.get(id) ?? true) && entry.dev === true);
  }
  return index;
}

export interface AsarRules {
  /** lockIndex(package-lock.json's packages). */
  readonly lock: ReadonlyMap<string, boolean>;
  /** The name and version in a package folder's package.json inside the archive. */
  readonly packageOf: (folder: string) => PackageId | null;
  /** The archive's own size, and what it keeps in app.asar.unpacked. */
  readonly budgetBytes: number;
  readonly unpackedBudgetBytes: number;
  /** Package folders (`node_modules/sqlite3`) whose native code the app cannot run without. */
  readonly nativePackages: readonly string[];
}

const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__mocks__', '__snapshots__', 'spec']);
const BENCH_DIRS = new Set(['bench', 'benches', 'benchmark', 'benchmarks', '__benchmarks__']);
const SCRIPT = String.raw`\.[cm]?[jt]sx?$`;
const TEST_FILE = new RegExp(String.raw`[.-](test|spec)${SCRIPT}`);
const BENCH_FILE = new RegExp(String.raw`[.-](bench|benchmark)${SCRIPT}`);
/** The practice photos ship; what draws them (scripts/generate-practice-photos.ts) does not. */
const GENERATOR_FILE = /^generate-practice-photos\b/;

/** `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c`. */
export function packageFolderOf(path: string): string | null {
  const parts = path.split('/');
  let end = -1;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue;
    end = parts[i + 1]?.startsWith('@') ? i + 2 : i + 1;
    i = end;
  }
  return end < 0 || end >= parts.length - 1 ? null : parts.slice(0, end + 1).join('/');
}

/** One finding per file, the first rule that applies; the size findings last. */
export function asarFindings(
  entries: readonly AsarEntry[],
  archiveBytes: number,
  rules: AsarRules,
  unpackedDir?: string,
): Finding[] {
  const findings: Finding[] = [];
  const packages = new Set<string>();
  for (const entry of entries) {
    const parts = entry.path.split('/');
    const name = parts[parts.length - 1] ?? '';
    const dirs = parts.slice(0, -1);
    const folder = packageFolderOf(entry.path);
    if (folder !== null && !packages.has(folder)) {
      const pkg = rules.packageOf(folder);
      const id = pkg ? `${pkg.name}@${pkg.version}` : '(no package.json)';
      const devOnly = pkg ? rules.lock.get(id) : undefined;
      packages.add(folder);
      if (devOnly === undefined)
        findings.push({
          kind: 'unknown-package',
          path: folder,
          detail: `${id} is not in package-lock.json: nothing says production needs it`,
        });
      else if (devOnly)
        findings.push({
          kind: 'dev-dependency',
          path: folder,
          detail: `${id}: only devDependencies need it (package-lock.json "dev": true)`,
        });
    }
    if (dirs.some((d) => TEST_DIRS.has(d)) || TEST_FILE.test(name))
      findings.push({ kind: 'test', path: entry.path, detail: 'a test' });
    else if (dirs.some((d) => BENCH_DIRS.has(d)) || BENCH_FILE.test(name))
      findings.push({ kind: 'benchmark', path: entry.path, detail: 'a benchmark' });
    else if (name.endsWith('.map'))
      findings.push({ kind: 'source-map', path: entry.path, detail: 'a source map' });
    else if (GENERATOR_FILE.test(name) || parts[0] === 'scripts')
      findings.push({
        kind: 'photo-generator',
        path: entry.path,
        detail: 'development scripts (the practice photos’ generator) stay out of the app',
      });
    else if (name.endsWith('.node') && !entry.unpacked)
      findings.push({
        kind: 'native-packed',
        path: entry.path,
        detail: 'native code inside the archive: the OS cannot load it from there (asarUnpack)',
      });
    else if (entry.unpacked && unpackedDir && !existsSync(`${unpackedDir}/${entry.path}`))
      findings.push({
        kind: 'unpacked-missing',
        path: entry.path,
        detail: 'marked unpacked but missing from app.asar.unpacked',
      });
  }
  for (const pkg of rules.nativePackages) {
    const native = entries.filter((e) => e.path.startsWith(`${pkg}/`) && e.path.endsWith('.node'));
    if (!native.some((e) => e.unpacked))
      findings.push({
        kind: 'native-missing',
        path: pkg,
        detail: 'no unpacked .node file: the app could not load it',
      });
  }
  if (archiveBytes > rules.budgetBytes)
    findings.push({
      kind: 'size',
      path: 'app.asar',
      detail: `${mib(archiveBytes)} is over the budget of ${mib(rules.budgetBytes)}`,
    });
  const unpackedBytes = entries.filter((e) => e.unpacked).reduce((n, e) => n + e.size, 0);
  if (unpackedBytes > rules.unpackedBudgetBytes)
    findings.push({
      kind: 'size',
      path: 'app.asar.unpacked',
      detail: `${mib(unpackedBytes)} is over the budget of ${mib(rules.unpackedBudgetBytes)}`,
    });
  return findings;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A package folder's name and version, read from the archive. */
export function packageInArchive(archive: string, folder: string): PackageId | null {
  try {
    const json = JSON.parse(
      asar.extractFile(archive, `${folder}/package.json`).toString('utf8'),
    ) as {
      name?: unknown;
      version?: unknown;
    };
    return typeof json.name === 'string' && typeof json.version === 'string'
      ? { name: json.name, version: json.version }
      : null;
  } catch {
    return null;
  }
}

/** The archive's size on disk. */
export function archiveBytesOf(archive: string): number {
  return statSync(archive).size;
}
