// Playwright fixture: per test a fresh core (practice mode, simulated reader, by default), the built renderer
// on a local server with the app's CSP, window.counter wired to the core through a binding, and a clock.
//
// Each test costs a fresh core, page and login (2–3 s of CPU): keep a spec cheap (docs/architecture.md,
// Tests): one walk per spec with the shared steps of this folder, pictures at both counter sizes on
// that walk (screensAtCounterSizes) instead of a walk per size, real-card timing only for the step
// a test looks at (realCardTiming; simTiming where the card is slow from its insertion), axe
// through axeAudit on a walk that reaches the screen anyway, and waits for state, never time.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoreConfig } from '../../../main/config/config';
import type { Core, corePaths as CorePaths, createCore as CreateCore } from '../../../main/core';
import { FileKeyProtector } from '../../../main/db/key-protector';
import type { Result } from '../../../preload/contract/result';
import {
  requestSchemas,
  RESIDENT_EVENT_NAMES,
  type Channel,
  type EventName,
} from '../../../preload/contract/channels';
import { TEST_SCRYPT_COST } from '../../fixtures/password-cost';
import type { loadPreset as LoadPreset } from '../../../main/card/sim/presets';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import { timingForAtr, type TimingModel } from '../../../main/card/sim/timing';
import {
  CORE_BUNDLE,
  PICTURES_WANTED,
  PRESETS_BUNDLE,
  RENDERER_DIR,
  RESIDENT_SHIM_BUNDLE,
  RSA_POOL_FILE,
  SCREENS_DIR,
  SHIM_BUNDLE,
} from './paths';
import { installRsaPool, type RsaDealer } from './rsa-pool';
import { startStaticServer } from './static-server';
import {
  ALL_DAY_SERVICE_HOURS,
  type ServiceHours,
} from '../../../preload/contract/rules/service-hours';

/**
 * What a spec may change about its core (test.use({ core: { ... } })). `mode: 'production'` with the
 * simulated reader is a combination parseMachineConfig refuses and createCore does not re-check: the
 * e2e uses it only to reach the first-start setup screen (production seeds no operator, and a real
 * PC/SC reader is not available here).
 */
export interface CoreOptions {
  readonly mode?: CoreConfig['mode'];
  readonly idleLockMinutes?: number;
  /** IT's setup code for the first administrator (production's first start). */
  readonly setupCode?: string;
  /** Puts a file that is not a database where the core expects its database (startup error). */
  readonly corruptDatabase?: boolean;
  /** The simulated card answers with real-card delays (a read then lasts long enough to pull). */
  readonly simTiming?: boolean;
  /** IT's folder for the audit log's anchors (a missing one fails the preflight at start). */
  readonly auditAnchorsDir?: string;
  /** The machine configuration's face check (a second operator, the similarity scores: off here). */
  readonly faceCheck?: Partial<NonNullable<CoreConfig['faceCheck']>>;
  /** The certificate service's hours (open all day unless a spec looks at the evening). */
  readonly certificateService?: ServiceHours;
  /**
   * This counter's number in an office: its procedures record it on the test's file as on the
   * office database (countersOnFile), so a spec sees another counter's procedure as one would.
   */
  readonly officeCounter?: number;
  /** The machine configuration's dated rule table (the built-in one unless given). */
  readonly ruleSets?: CoreConfig['ruleSets'];
}

/** The core's clock: real time plus an offset the test moves forward (idle lock, lockout expiry). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export interface Harness {
  readonly core: Core;
  readonly clock: TestClock;
  /** The core's data folder (database, exports, receipts) for this test. */
  readonly dataDir: string;
  /** Where the administrator's backups go: a folder of its own, as in the app. */
  readonly backupDir: string;
  /** The origin the renderer is served from (and the only one the core trusts). */
  readonly origin: string;
  /** CSP violations reported by the page (securitypolicyviolation events and console reports). */
  readonly cspViolations: string[];
  /** Uncaught exceptions and console errors of the page. */
  readonly pageErrors: string[];
  /** Channels the page invoked through the binding, in order. */
  readonly calls: string[];
  /** Channels the resident page invoked, in order. */
  readonly residentCalls: string[];
  /**
   * The calls of either page whose request its channel's schema refuses (checked here, apart from
   * the router), each as channel and what is wrong: a spec that asserts this list empty shows that
   * its screens send only requests the contract allows.
   */
  readonly invalidRequests: string[];
  /** Opens the clerk window's home route and waits until the app has drawn it. */
  open(): Promise<void>;
  /**
   * Opens the resident window: a second page at /resident.html, 1024×768 like the window on a
   * shared display, with window.counter = createResidentApi over the same kind of binding (so the
   * router sees that page's URL and applies its window check), and only the resident's events.
   * Its CSP violations and errors count as the clerk page's do.
   */
  openResident(options?: ResidentOptions): Promise<Page>;
  /** Sends an event to the resident page as main/index.ts would (only the resident's events). */
  emitToResident(event: EventName, payload: unknown): Promise<void>;
  /**
   * Real-card timing for the card in the simulated reader, from now until `off()` (the core's
   * simTiming for one card, for one step): a test that looks at one slow step, such as the
   * certificates being written, turns it on just before that step and walks the rest at the
   * simulator's speed. The card keeps it while pulled out and put back.
   */
  realCardTiming(): { off(): void };
  /**
   * Full-page PNG under tests/e2e/__screens__/<name>.png, the clerk page unless `of`; written on
   * every run but npm test's (MADOGUCHI_SCREENS=0).
   */
  screenshot(name: string, of?: Page): Promise<void>;
}

/** Watches the page for CSP violations from before the first script runs. */
const CSP_WATCH = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
});`;

/** Answers a page's call instead of the core (ResidentOptions.standIn). */
export type StandIn = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export interface ResidentOptions {
  /**
   * Answers the resident page's calls in place of the core: for the resident screens while the
   * core's resident handlers cannot answer yet (no open issuance). Without it, the core answers.
   */
  readonly standIn?: StandIn;
}

async function wirePage(
  page: Page,
  core: Core,
  shim: string,
  calls: string[],
  invalid: string[],
  report: (text: string) => void,
  standIn?: StandIn,
) {
  // The binding is what ipcMain.handle is in the app: the router gets the calling frame's facts.
  await page.exposeBinding('__counterInvoke', (source, channel: unknown, payload: unknown) => {
    calls.push(String(channel).slice(0, 100));
    const schema = requestSchemas[String(channel) as Channel];
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success)
      invalid.push(
        `${String(channel).slice(0, 100)}: ${parsed?.error.message ?? 'no such channel'}`,
      );
    if (standIn) return standIn(String(channel), payload);
    return core.router.handle(
      { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
      channel,
      payload,
    );
  });
  await page.exposeBinding('__reportCspViolation', (_source, text: unknown) =>
    report(String(text)),
  );
  await page.addInitScript({ content: CSP_WATCH });
  await page.addInitScript({ content: shim });
}

/** The core as global-setup bundled it: the same main/core.ts, loaded once per worker. */
interface CoreModule {
  readonly createCore: typeof CreateCore;
  readonly corePaths: typeof CorePaths;
  readonly rsa: RsaDealer;
}
let coreModuleOnce: Promise<CoreModule> | null = null;
function loadCoreModule(): Promise<CoreModule> {
  coreModuleOnce ??= (async () => {
    // The pool goes in front of node:crypto before the core's modules load (they bind it then).
    const rsa = await installRsaPool(RSA_POOL_FILE);
    const core = (await import(pathToFileURL(CORE_BUNDLE).href)) as Omit<CoreModule, 'rsa'>;
    const presets = (await import(pathToFileURL(PRESETS_BUNDLE).href)) as {
      loadPreset: typeof LoadPreset;
    };
    // The simulator's issuer, CAs and face key live as long as the worker: made here, from keys
    // that no test is dealt afterwards (a test's own authority never shares a key with them).
    await rsa.keep(() => presets.loadPreset('issued', { timing: false }));
    return { ...core, rsa };
  })();
  return coreModuleOnce;
}

export const test = base.extend<
  { harness: Harness; core: CoreOptions },
  { coreModule: CoreModule }
>({
  // Once per worker, with its own limit: the first test's limit is for the test.
  coreModule: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    async ({}, use) => use(await loadCoreModule()),
    { scope: 'worker', timeout: 120_000 },
  ],
  core: [{}, { option: true }],
  harness: async ({ page, core: coreOptions, coreModule }, use) => {
    const { createCore, corePaths, rsa } = coreModule;
    rsa.startTest();
    const shim = await readFile(SHIM_BUNDLE, 'utf8');
    const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-'));
    const backupDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-backups-'));
    // Production needs its key outside the data folder: a key file of its own, as IT's would be.
    const keyDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-keys-'));
    const production = coreOptions.mode === 'production';
    const server = await startStaticServer(RENDERER_DIR);
    if (coreOptions.corruptDatabase) {
      await writeFile(corePaths(dataDir).database, 'this is not a database\n'.repeat(200));
    }
    let offsetMs = 0;
    const clock: TestClock = {
      now: () => new Date(Date.now() + offsetMs),
      advance: (ms) => {
        offsetMs += ms;
      },
    };
    const core = createCore({
      mode: coreOptions.mode ?? 'practice',
      reader: { kind: 'simulated' },
      // Key generation (3 s with real-card timing) has its own, longer limit in the apdu layer.
      exchangeTimeoutMs: 2000,
      simTiming: coreOptions.simTiming ?? false,
      idleLockMinutes: coreOptions.idleLockMinutes ?? 5,
      ...(coreOptions.setupCode ? { setupCode: coreOptions.setupCode } : {}),
      ...(coreOptions.auditAnchorsDir ? { auditAnchorsDir: coreOptions.auditAnchorsDir } : {}),
      ...(coreOptions.officeCounter
        ? { counterNumber: coreOptions.officeCounter, countersOnFile: true }
        : {}),
      ...(coreOptions.ruleSets ? { ruleSets: coreOptions.ruleSets } : {}),
      // The similarity scores' models load after every login where they are on: only the specs
      // about the scores turn them on (faceCheck: { score: true }), the rest keep their CPU.
      faceCheck: { secondOperator: false, score: false, ...coreOptions.faceCheck },
      // Every test seeds five practice operators and logs in: at the tests' scrypt cost.
      passwordHashCost: TEST_SCRYPT_COST,
      version: 'e2e',
      dataDir,
      backupDir,
      keyProtector: production ? new FileKeyProtector(join(keyDir, 'data.key')) : undefined,
      trustedOrigins: [server.origin],
      now: clock.now,
      // The certificate service open all day: no spec depends on the hour it runs at (a spec of
      // the evening gives the real hours and sets the practice clock).
      certificateService: {
        ...(coreOptions.certificateService ?? ALL_DAY_SERVICE_HOURS),
        maintenance: [...(coreOptions.certificateService?.maintenance ?? [])],
      },
    });
    await core.start();

    const cspViolations: string[] = [];
    const pageErrors: string[] = [];
    const calls: string[] = [];
    const residentCalls: string[] = [];
    const invalidRequests: string[] = [];
    const watchPage = (target: Page) => {
      target.on('console', (message) => {
        const text = message.text();
        if (/Content[- ]Security[- ]Policy/i.test(text)) cspViolations.push(text);
        else if (message.type() === 'error') pageErrors.push(text);
      });
      target.on('pageerror', (error) => pageErrors.push(error.message));
    };
    watchPage(page);
    await wirePage(page, core, shim, calls, invalidRequests, (text) => cspViolations.push(text));

    // Events go to each page as its preload's ipcRenderer.on would deliver them: the payload only,
    // and to the resident page only the resident's events (main/index.ts routes them so).
    const eventTargets: { page: Page; events: readonly EventName[] | 'all' }[] = [
      { page, events: 'all' },
    ];
    const unsubscribe = core.onEvent((event, payload) => {
      for (const target of eventTargets) {
        if (target.events !== 'all' && !target.events.includes(event)) continue;
        target.page
          .evaluate(
            ([name, body]) =>
              (
                globalThis as unknown as { __counterDispatch?: (e: string, p: unknown) => void }
              ).__counterDispatch?.(name, body),
            [event, payload] as const,
          )
          .catch(() => {
            // The page is navigating or closed: the renderer re-lists readers when it loads.
          });
      }
    });

    const harness: Harness = {
      core,
      clock,
      dataDir,
      backupDir,
      origin: server.origin,
      cspViolations,
      pageErrors,
      calls,
      residentCalls,
      invalidRequests,
      async open() {
        await page.goto(`${server.origin}/clerk.html#/`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      },
      async openResident(options = {}) {
        const resident = await page.context().newPage();
        await resident.setViewportSize({ width: 1024, height: 768 });
        watchPage(resident);
        const residentShim = await readFile(RESIDENT_SHIM_BUNDLE, 'utf8');
        await wirePage(
          resident,
          core,
          residentShim,
          residentCalls,
          invalidRequests,
          (text) => cspViolations.push(text),
          options.standIn,
        );
        eventTargets.push({ page: resident, events: RESIDENT_EVENT_NAMES });
        await resident.goto(`${server.origin}/resident.html`);
        await expect(resident.getByRole('heading', { level: 1 })).toBeVisible();
        return resident;
      },
      async emitToResident(event, payload) {
        if (!RESIDENT_EVENT_NAMES.includes(event))
          throw new Error(`${event} never reaches the resident`);
        for (const target of eventTargets) {
          if (target.events === 'all') continue;
          await target.page.evaluate(
            ([name, body]) =>
              (
                globalThis as unknown as { __counterDispatch?: (e: string, p: unknown) => void }
              ).__counterDispatch?.(name, body),
            [event, payload] as const,
          );
        }
      },
      realCardTiming() {
        const card = core.simReader?.current() as
          (SimCardPort & { timing: TimingModel | null }) | null | undefined;
        if (!card) throw new Error('no card in the simulated reader');
        card.timing = timingForAtr(card.atr);
        return {
          off: () => {
            card.timing = null;
          },
        };
      },
      async screenshot(name, of = page) {
        if (!PICTURES_WANTED) return;
        await of.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
      },
    };

    try {
      await use(harness);
      // Every test also checks that the app ran under its CSP without a violation or an uncaught error.
      expect(cspViolations, 'CSP violations').toEqual([]);
      expect(pageErrors, 'page errors').toEqual([]);
    } finally {
      unsubscribe();
      await core.close();
      await server.close();
      // The page is still open here (Playwright closes it after this fixture, so that a failure's
      // picture is taken), and a write it set off can land in the data folder while it is being
      // removed (ENOTEMPTY on CI): rm tries again, as it does for a file still held open.
      for (const dir of [dataDir, backupDir, keyDir])
        await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  },
});

export { expect };
