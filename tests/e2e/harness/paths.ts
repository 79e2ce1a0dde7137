// Where the e2e harness finds the built renderer, the bundled page shim and the screenshot folder.
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = resolve(REPO_ROOT, 'out/renderer');
export const SHIM_SOURCE = resolve(REPO_ROOT, 'tests/e2e/harness/page-shim.ts');
export const SHIM_BUNDLE = resolve(REPO_ROOT, 'out/e2e/page-shim.js');
/** The resident window's shim (createResidentApi), bundled like the clerk's. */
export const RESIDENT_SHIM_SOURCE = resolve(REPO_ROOT, 'tests/e2e/harness/resident-shim.ts');
export const RESIDENT_SHIM_BUNDLE = resolve(REPO_ROOT, 'out/e2e/resident-shim.js');
export const CORE_SOURCE = resolve(REPO_ROOT, 'main/core.ts');
/** main/core.ts bundled for Node by global-setup (see there for why). */
export const CORE_BUNDLE = resolve(REPO_ROOT, 'out/e2e/core/core.mjs');
/** The simulator's card presets, bundled beside the core (the same module instance as the core's). */
export const PRESETS_SOURCE = resolve(REPO_ROOT, 'main/card/sim/presets.ts');
export const PRESETS_BUNDLE = resolve(REPO_ROOT, 'out/e2e/core/presets.mjs');
/** The RSA key pairs the e2e deals to the core (rsa-pool.ts), kept between runs like the build's caches. */
export const RSA_POOL_FILE = resolve(REPO_ROOT, 'node_modules/.cache/madoguchi/e2e-rsa-pool.json');
export const SCREENS_DIR = resolve(REPO_ROOT, 'tests/e2e/__screens__');
/**
 * Whether the specs write their pictures there: yes, unless MADOGUCHI_SCREENS=0. They are for a
 * person to look at (npm run test:e2e, or one spec); npm test, where nobody looks at them, turns
 * them off: its ~350 full-page captures cost about 90 s of CPU on the run's two cores.
 */
export const PICTURES_WANTED = process.env.MADOGUCHI_SCREENS !== '0';
