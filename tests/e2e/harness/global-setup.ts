// Before the e2e run: build the renderer as shipped, bundle each page shim (clerk, resident) into
// one classic script and the core for Node, and make the RSA key pool the core is dealt from.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { build, type Rollup } from 'vite';
import {
  CORE_BUNDLE,
  CORE_SOURCE,
  PRESETS_SOURCE,
  REPO_ROOT,
  RESIDENT_SHIM_BUNDLE,
  RESIDENT_SHIM_SOURCE,
  SCREENS_DIR,
  SHIM_BUNDLE,
  SHIM_SOURCE,
  RSA_POOL_FILE,
} from './paths';
import { ensureRsaPool } from './rsa-pool';

function buildRenderer(): void {
  // Always rebuild (a few seconds): a stale out/renderer would test yesterday's screens. The
  // practice photos come first: the core reads them, and Chromium's fake camera plays camera.y4m.
  for (const script of ['photos', 'build:renderer']) {
    const run = spawnSync('npm', ['run', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (run.status !== 0) {
      throw new Error(`${script} failed:\n${run.stdout}\n${run.stderr}`);
    }
  }
}

async function bundleShim(source: string, target: string): Promise<void> {
  const result = await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'chrome130',
      lib: { entry: source, formats: ['iife'], name: 'counterPageShim' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('page shim bundle produced no code');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, chunk.code);
}

/**
 * The core runs in the test process, but through Vite rather than Playwright's TypeScript loader:
 * main code imports JSON (card presets) the way Vite and Vitest accept and plain Node ESM does not.
 * Packages stay external, so the core uses the same node_modules as the app.
 */
async function bundleCore(): Promise<void> {
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: dirname(CORE_BUNDLE),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        // The presets beside the core, as one shared module: the harness makes the simulator's
        // process-wide keys with it before the first test (see rsa-pool.ts).
        input: { core: CORE_SOURCE, presets: PRESETS_SOURCE },
        external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
}

export default async function globalSetup(): Promise<void> {
  // npm test (scripts/run-tests.mjs) builds the app, renderer and photos included, just before.
  if (process.env.MADOGUCHI_RENDERER_BUILT !== '1') buildRenderer();
  // The bundles build side by side and the key pool is made meanwhile (it waits on the CPU, they
  // on the disk too): npm test's other lanes start at the same moment, and the first e2e test
  // waits for all of it.
  await Promise.all([
    bundleShim(SHIM_SOURCE, SHIM_BUNDLE),
    bundleShim(RESIDENT_SHIM_SOURCE, RESIDENT_SHIM_BUNDLE),
    bundleCore(),
    ensureRsaPool(RSA_POOL_FILE),
  ]);
  await mkdir(SCREENS_DIR, { recursive: true });
  await warmTransforms();
}

/**
 * Loads the harness's modules once here, in the runner: Playwright compiles each TypeScript file
 * on its first import and keeps the result on disk for the workers. Without this, every worker
 * of a fresh checkout compiled the same modules (the contract's schemas, the rules) before its
 * first test, at the same moment as the others: about 20 s of a worker alone, and over 80 s each
 * beside npm test's other lanes on a fresh CI machine.
 */
async function warmTransforms(): Promise<void> {
  await Promise.all([
    import('./fixtures'),
    import('./counter-steps'),
    import('./lifecycle-steps'),
    import('./issuance-steps'),
    import('./face-steps'),
    import('./axe'),
    import('./keyboard'),
    import('./resident-input'),
    import('./resident-text'),
    import('./resident-stand-in'),
  ]);
}
