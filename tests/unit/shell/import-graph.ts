// The import graph of the project's own .ts and .vue modules, and the cycles in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Module path (relative to the root, with /) → the modules it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Every module specifier a source names: static imports (type-only ones too), side-effect
 * imports, re-exports and import() with a string. A type-only cycle still ties the modules
 * together, so it counts as well.
 */
export function importSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The script blocks of a single-file component; its template imports nothing. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|vue)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** What a relative specifier names, as the bundler finds it; undefined when nothing is there. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')];
  if (base.endsWith('.js')) candidates.push(base.replace(/\.js$/, '.ts'));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/**
 * The graph of the .ts and .vue files under `dirs` of `root`. Packages are left out; a relative
 * specifier that names no file is listed in `unresolved`, so a resolver gap cannot hide an edge.
 */
export function buildImportGraph(
  root: string,
  dirs: readonly string[],
): { graph: ImportGraph; unresolved: string[] } {
  const name = (path: string) => relative(root, path).split(sep).join('/');
  const files = dirs.flatMap((d) => sourceFiles(join(root, d)));
  const nodes = new Set(files.map(name));
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const text = scriptOf(file, readFileSync(file, 'utf8'));
    const edges: string[] = [];
    for (const specifier of importSpecifiers(file, text)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target === undefined) unresolved.push(`${name(file)}: ${specifier}`);
      else if (nodes.has(name(target)) && !edges.includes(name(target))) edges.push(name(target));
    }
    graph.set(name(file), edges);
  }
  return { graph, unresolved };
}

/** The shortest way from `start` back to itself through `within`, as [start, …, start]. */
function shortestLoop(graph: ImportGraph, start: string, within: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) {
        const back: string[] = [];
        for (let at = node; at !== start; at = previous.get(at)!) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * One cycle for each group of modules that import each other (strongly connected component),
 * as a path a → … → a starting at the group's first module by name; [] when there is none.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return groups
    .map((g) => shortestLoop(graph, g[0]!, new Set(g)))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}
