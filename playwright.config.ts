// Playwright e2e: the built clerk renderer in Debian's Chromium, the core in the test process (tests/e2e).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Playwright's own --disable-features list, read from the installed playwright-core: Chromium keeps
 * only the last --disable-features it is given, so a list of ours must repeat theirs. Throws when
 * the bundle no longer has the list where it was (an upgrade): the run stops instead of quietly
 * dropping Playwright's switches.
 */
function playwrightDisabledFeatures(): string[] {
  const core = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(core, 'lib', 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([^\]]*)\]/.exec(bundle)?.[1];
  const names = [...(list ?? '').matchAll(/^\s*"(\w+)"/gm)].map((m) => m[1]!);
  if (!names.includes('PaintHolding'))
    throw new Error(
      'playwright-core no longer lists its disabled Chromium features where expected',
    );
  return names;
}

/**
 * New headless Chromium loads the address bar's popups, two WebUI pages (chrome://omnibox-popup
 * and its AI-mode page), for every browser context, that is for every test, in renderers of their
 * own: measured, 1.5 s of CPU per test, more than the app's own page. No test has an address bar.
 */
const DISABLED_FEATURES = [
  ...playwrightDisabledFeatures(),
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/harness/global-setup.ts',
  // Each test has its own core, simulated reader, data folder and server port, and every
  // screenshot its own name: tests run side by side. Three on the 2-core test machine: a test
  // waits part of its time (the card's timing, the browser's frames, a PDF written), and with two
  // the cores stood partly idle once npm test's other lanes had ended.
  workers: 3,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  // The limits catch a hang, not a slow step: two workers beside the integration runs share the
  // two cores of the test machine, and a step that takes 2 s alone (a PDF with its fonts, the
  // practice authority's first keys) can take several times that there.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    // Debian's package; the build environment cannot download browsers (never `playwright install`).
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--disable-features=${DISABLED_FEATURES.join(',')}`,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        // The face check's live camera: a practice portrait (npm run photos, run by the build).
        `--use-file-for-fake-video-capture=${resolve('resources/practice/photos/camera.y4m')}`,
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
