// The calls of the integration tests: a practice core (on the simulated reader or through PC/SC),
// the clerk's and the resident's windows calling its router, and the card in the simulated reader.
// Also what the crash child (issuance-child.ts) uses, so it drives the core exactly as the tests do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core';
import { FileKeyProtector } from '../../../main/db/key-protector';
import type { CoreConfig } from '../../../main/config/config';
import type { SimCardPort } from '../../../main/card/sim/sim-card-port';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import type { Channel } from '../../../preload/contract/channels';
import type { Result } from '../../../preload/contract/result';
import { TEST_SCRYPT_COST } from '../../fixtures/password-cost';
import { officeConnectionFor, onPostgres, testOfficeKey } from '../../fixtures/postgres';
import type { Call } from './issuance-script';
import { ALL_DAY_SERVICE_HOURS } from '../../../preload/contract/rules/service-hours';

export { watched } from './watched-card';

export const ORIGIN = 'http://127.0.0.1:1';
export const CLERK = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
export const RESIDENT = { url: `${ORIGIN}/resident.html`, isMainFrame: true };
const SENDER = { clerk: CLERK, resident: RESIDENT } as const;

/** A practice core on `reader`; its clock is the real one moved by `clockOffsetMs`. */
export function practiceConfig(
  dataDir: string,
  reader: CoreConfig['reader'] = { kind: 'simulated' },
  clockOffsetMs = 0,
): CoreConfig {
  return {
    mode: 'practice',
    reader,
    exchangeTimeoutMs: 5000,
    simTiming: false,
    idleLockMinutes: 60,
    version: 'test',
    dataDir,
    trustedOrigins: [ORIGIN],
    now: () => new Date(Date.now() + clockOffsetMs),
    // The certificate service open all day: no test depends on the hour it runs at.
    certificateService: { ...ALL_DAY_SERVICE_HOURS, maintenance: [] },
    // The practice seed's five operators and every login, at the tests' cost.
    passwordHashCost: TEST_SCRYPT_COST,
    ...onOfficeDatabase(dataDir),
  };
}

/** On the PostgreSQL lane of the matrix, each data folder's core keeps its records in a database of its own. */
export function onOfficeDatabase(
  dataDir: string,
): Pick<CoreConfig, 'officeConnection' | 'officeKey'> {
  return onPostgres()
    ? { officeConnection: officeConnectionFor(dataDir), officeKey: testOfficeKey }
    : {};
}

/** What IT put in the machine configuration of the production tests. */
export const TEST_SETUP_CODE = 'Kq7-Fv2m-Zt9w';

/**
 * A production core on the simulated reader (no PC/SC needed for what such tests check): a key
 * file outside the data folder (production refuses one inside it), IT's setup code, and the tests'
 * hash cost. Pass the same config again to restart on the same data.
 */
export function productionConfig(dataDir: string, over: Partial<CoreConfig> = {}): CoreConfig {
  const keyDir = mkdtempSync(join(tmpdir(), 'madoguchi-core-keys-'));
  return {
    mode: 'production',
    reader: { kind: 'simulated' },
    exchangeTimeoutMs: 2000,
    simTiming: false,
    idleLockMinutes: 5,
    version: 'test',
    dataDir,
    trustedOrigins: [ORIGIN],
    keyProtector: new FileKeyProtector(join(keyDir, 'data.key')),
    setupCode: TEST_SETUP_CODE,
    passwordHashCost: TEST_SCRYPT_COST,
    ...onOfficeDatabase(dataDir),
    ...over,
  };
}

/** A practice core on the simulated reader at the practice seed's reference day. */
export function simulatedConfig(dataDir: string): CoreConfig {
  // Ages (under 15) and report times are counted from that day.
  return { ...practiceConfig(dataDir), now: () => new Date('2026-11-25T01:00:00Z') };
}

/** A started practice core on the simulated reader (nobody logged in), with `over` changed. */
export async function startCore(dataDir: string, over: Partial<CoreConfig> = {}): Promise<Core> {
  const core = createCore({ ...simulatedConfig(dataDir), ...over });
  await core.start();
  return core;
}

/** A router call from a window, answering with the Result. */
export async function raw<T>(core: Core, channel: Channel, payload: unknown = {}, sender = CLERK) {
  return (await core.router.handle(sender, channel, payload)) as Result<T>;
}

/** A router call from a window; a refusal throws. */
export async function call<T>(core: Core, channel: Channel, payload: unknown = {}, sender = CLERK) {
  const r = await raw<T>(core, channel, payload, sender);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.detail ?? ''}`);
  return r.value;
}

/** 責任者 sekinin approves `action` of the procedure (as the approval screen does); its id. */
export async function approveBySupervisor(
  core: Core,
  action: 'revocation' | 'reissue' | 'counter-takeover',
  procedureId: string,
): Promise<number> {
  const r = await call<{ approvalId: number }>(core, 'approval:approve', {
    action,
    procedureId,
    reason: '届出書類を確認済み',
    approverLoginId: 'sekinin',
    approverPassword: 'sekinin-2026',
  });
  return r.approvalId;
}

/** Calls by window name (the procedures of issuance-script.ts take these); a refusal throws. */
export function routerCall(core: Core): Call {
  return (window, channel, payload) => call(core, channel, payload, SENDER[window]);
}

/** A call by window name, answering with the Result (for the refusals a test expects). */
export function tryCall(
  core: Core,
  window: 'clerk' | 'resident',
  channel: Channel,
  payload: unknown,
): Promise<Result<unknown>> {
  return raw(core, channel, payload, SENDER[window]);
}

/** Resolves once the core's watcher reports a card in `reader` (at once if it has already). */
export function cardSeen(core: Core, reader: string, timeoutMs = 10_000): Promise<void> {
  const present = () =>
    core.cards.readers().readers.some((r) => r.name === reader && r.cardPresent);
  if (present()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no card seen in ${reader} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = core.cards.onReadersChanged(() => {
      if (!present()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** The card into the simulated reader, in place of the one there. */
export function insert(core: Core, card: SimCardPort): void {
  core.simReader!.remove();
  core.simReader!.insert(card);
}

/**
 * Parks (保留) every open procedure not parked yet: a procedure holds the counter for its
 * resident, so a test that goes on to another resident frees it first, as a clerk would.
 */
export async function holdOpenProcedures(core: Core): Promise<void> {
  for (const p of await call<readonly ProcedureDto[]>(core, 'procedure:list-open')) {
    if (!p.held)
      await call(core, 'procedure:hold', { procedureId: p.procedureId, reason: 'clerk' });
  }
}
