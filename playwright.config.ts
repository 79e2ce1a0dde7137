// Playwright e2e: the built clerk renderer in Debian's Chromium, the core in the test process (tests/e2e).
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

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
