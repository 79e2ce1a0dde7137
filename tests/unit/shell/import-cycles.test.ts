// No import cycles among the project's own modules in main/, preload/ and renderer/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../db/support/temp-db';
import { buildImportGraph, findCycles, importSpecifiers, type ImportGraph } from './import-graph';

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));
const named = (cycles: string[][]) => cycles.map((c) => c.join(' → '));

describe('finding cycles', () => {
  it('names the cycle of a tiny graph, from its first module round to it again', () => {
    const graph = graphOf({ d: ['a'], a: ['b'], b: ['c'], c: ['a'] });
    expect(named(findCycles(graph))).toEqual(['a → b → c → a']);
  });

  it('finds none in a diamond, one for a module importing itself, one per tangle', () => {
    expect(findCycles(graphOf({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
    expect(named(findCycles(graphOf({ a: ['a'] })))).toEqual(['a → a']);
    const two = graphOf({ a: ['b'], b: ['a', 'x'], x: ['y'], y: ['z'], z: ['x'] });
    expect(named(findCycles(two))).toEqual(['a → b → a', 'x → y → z → x']);
  });

  it('reads every kind of import, including type-only, re-exports and import()', () => {
    const text = `
      import { a } from './a';
      import type { B } from './b';
      import './c';
      export { d } from './d';
      export * from './e';
      export type { F } from './f';
      const g = await import('./g');
      // import { h } from './h';
      const s = "import { i } from './i'";
    `;
    expect(importSpecifiers('x.ts', text)).toEqual([
      './a',
      './b',
      './c',
      './d',
      './e',
      './f',
      './g',
    ]);
  });
});

describe('the import graph of files on disk', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.();
  });

  it('finds a cycle through a lazy import() and a .vue script, and lists what it cannot find', () => {
    const { dir, cleanup } = makeTempDir('madoguchi-imports-');
    cleanups.push(cleanup);
    mkdirSync(join(dir, 'main', 'reports'), { recursive: true });
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'main', 'reports', 'index.ts'), "export * from './daily';\n");
    writeFileSync(
      join(dir, 'main', 'reports', 'daily.ts'),
      "export const pdf = () => import('./daily-pdf');\nexport const RUN = 1;\n",
    );
    writeFileSync(join(dir, 'main', 'reports', 'daily-pdf.ts'), "import { RUN } from './daily';\n");
    writeFileSync(
      join(dir, 'renderer', 'View.vue'),
      '<template><p/></template>\n<script setup lang="ts">\n' +
        "import { RUN } from '../main/reports';\nimport { x } from './missing';\n</script>\n",
    );
    const { graph, unresolved } = buildImportGraph(dir, ['main', 'renderer']);
    expect(graph.get('renderer/View.vue')).toEqual(['main/reports/index.ts']);
    expect(unresolved).toEqual(['renderer/View.vue: ./missing']);
    expect(named(findCycles(graph))).toEqual([
      'main/reports/daily-pdf.ts → main/reports/daily.ts → main/reports/daily-pdf.ts',
    ]);
  });
});

describe('this project', { timeout: 60_000 }, () => {
  it('has no import cycle in main/, preload/ or renderer/', () => {
    const { graph, unresolved } = buildImportGraph(process.cwd(), ['main', 'preload', 'renderer']);
    expect(unresolved).toEqual([]);
    // The graph is the real one: the core reaches the 日報 and the renderer its views.
    expect(graph.get('main/core.ts')).toContain('main/reports/daily.ts');
    expect(graph.size).toBeGreaterThan(200);
    expect(named(findCycles(graph))).toEqual([]);
  });
});
