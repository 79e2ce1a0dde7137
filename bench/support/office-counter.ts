// One counter process of bench:office: 交付 through the app's core on simulated cards, record
// procedures (a step per transaction, as the engine writes them) and resident searches against the
// office database until the deadline; one JSON line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit } from '../../main/audit/audit-log';
import { parseIsoDate } from '../../main/card/domain';
import { guardAuditLog } from '../../main/audit/audit-guard';
import { createCore, type Core } from '../../main/core';
import { officeKeyProtector } from '../../main/db/office-key';
import { openPgDatabase, type PgConnectionOptions } from '../../main/db/pg-connection';
import type { ScryptCost } from '../../main/operators/password-hash';
import type { Channel } from '../../preload/contract/channels';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import type { Result } from '../../preload/contract/result';
import { ALL_DAY_SERVICE_HOURS } from '../../preload/contract/rules/service-hours';
import { endProcedure, recordStep, startProcedure } from '../../main/db/repositories/journal';
import { searchResidents, type ResidentSearch } from '../../main/db/repositories/residents';
import { newProcedureId } from '../../main/workflows/procedure/journal';

export interface CounterArgs {
  readonly counter: string;
  /** The machine configuration's counterNumber of this counter (1, 2 …). */
  readonly counterNumber: number;
  readonly connection: Omit<PgConnectionOptions, 'password'> & { readonly password: string };
  /** The office key (0600), as IT installs it on every counter. */
  readonly officeKeyFile: string;
  readonly operatorId: number;
  readonly residents: number;
  readonly seconds: number;
  /** This counter's clerk, who logs in to the core. */
  readonly login: { readonly loginId: string; readonly password: string };
  readonly passwordHashCost: ScryptCost;
  /** Ready applications only this counter hands out, one 交付 each, in order. */
  readonly applications: readonly { readonly noticeNumber: string; readonly birthDate: string }[];
}

export interface CounterResult {
  readonly counter: string;
  readonly procedures: string[];
  /** The 交付 procedures completed, and how long each took (ms, lookup to completion). */
  readonly issuances: string[];
  readonly issuanceMs: number[];
  readonly searches: Record<string, number[]>;
  readonly lockWaitsMs: number[];
}

const KATAKANA_A = 0x30a2;
/** A surname reading as bench/office.bench.ts generates them: family f of 500, two katakana. */
const familyKana = (f: number) =>
  String.fromCharCode(KATAKANA_A + (f % 80), KATAKANA_A + Math.floor(f / 80));

const SEARCHES: Record<string, (i: number) => ResidentSearch> = {
  'kana prefix (surname reading)': (i) => ({ kanaPrefix: familyKana(i % 500) }),
  'kanji name (surname only)': (i) => ({ kanjiName: `姓${i % 500}` }),
  'kanji name (full)': (i) => ({ kanjiName: `姓${i % 500}名${i % 300}` }),
  'birth date': (i) => ({
    birthDate: parseIsoDate(
      `19${String(40 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    ),
  }),
};

const ORIGIN = 'http://127.0.0.1:1';
const CLERK = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
const RESIDENT = { url: `${ORIGIN}/resident.html`, isMainFrame: true };
const TYPED = { signing: 'MADO2026KEY', auth: '7395', juki: '2846', text: '5017' } as const;
const twice = (value: string) => ({ value, confirmation: value });

async function call<T>(core: Core, channel: Channel, payload: unknown, window = CLERK) {
  const r = (await core.router.handle(window, channel, payload)) as Result<T>;
  if (!r.ok)
    throw new Error(`${channel}: ${r.error.code}${r.error.detail ? ` (${r.error.detail})` : ''}`);
  return r.value;
}

/**
 * The app's core as a counter runs it, on the office database with the office key; practice mode
 * for its simulated reader and the trainer's card for an application (timing model off).
 */
async function startCounterCore(
  args: CounterArgs,
  dataDir: string,
  onLockWait: (ms: number) => void,
): Promise<Core> {
  const core = createCore({
    mode: 'practice',
    reader: { kind: 'simulated' },
    exchangeTimeoutMs: 30_000,
    simTiming: false,
    idleLockMinutes: 60,
    version: 'bench',
    dataDir,
    trustedOrigins: [ORIGIN],
    officeConnection: () =>
      Promise.resolve({ ...args.connection, password: () => args.connection.password, onLockWait }),
    officeKey: () => Promise.resolve(readFileSync(args.officeKeyFile)),
    counterNumber: args.counterNumber,
    passwordHashCost: args.passwordHashCost,
    certificateService: { ...ALL_DAY_SERVICE_HOURS, maintenance: [] },
  });
  await core.start();
  const failed = core.startupError();
  if (failed) throw new Error(`core start: ${failed.code}`);
  await call(core, 'auth:login', args.login);
  // The local authority makes its keys once per installation: not the issuances' time.
  await core.authority();
  return core;
}

/** One 交付 as the clerk and the resident make it: the procedure's id once completed. */
async function issue(core: Core, application: CounterArgs['applications'][number]) {
  const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', application);
  const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'issuance',
    applicationId: found.applications[0]!.id,
  });
  const step = (channel: Channel, payload: Record<string, unknown> = {}) =>
    call<ProcedureDto>(core, channel, { procedureId, ...payload });
  await step('procedure:record-documents', {
    kinds: ['driving-licence'],
    guardianship: false,
    representative: null,
  });
  await call(core, 'sim:insert-application-card', { noticeNumber: application.noticeNumber });
  const reader = core.cards.readers().readers[0]!.name;
  await step('procedure:check-card', { reader });
  await step('procedure:read-photos', { reader });
  await step('procedure:record-face', { decision: 'match' });
  // 券面確認: the clerk shows the chip's facts on the resident window, the resident confirms.
  await step('procedure:show-card-face', { reader });
  await call(core, 'resident:confirm-card-face', { procedureId, answer: 'confirmed' }, RESIDENT);
  await step('procedure:open-pin-entry', { reader });
  await call(
    core,
    'resident:submit-pins',
    {
      signing: twice(TYPED.signing),
      auth: twice(TYPED.auth),
      juki: twice(TYPED.juki),
      text: twice(TYPED.text),
    },
    RESIDENT,
  );
  const done = await step('procedure:complete', {
    handover: { collectedJukiCard: false, collectedNotificationCard: true },
  });
  if (done.step !== 'completed') throw new Error(`交付 ended at ${done.step}`);
  await call(core, 'sim:remove-card', {});
  return procedureId;
}

async function main(args: CounterArgs): Promise<CounterResult> {
  const lockWaitsMs: number[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), `madoguchi-bench-${args.counter}-`));
  try {
    return await run(args, dataDir, lockWaitsMs);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(
  args: CounterArgs,
  dataDir: string,
  lockWaitsMs: number[],
): Promise<CounterResult> {
  const core = await startCounterCore(args, dataDir, (ms) => lockWaitsMs.push(ms));
  const raw = await openPgDatabase({
    ...args.connection,
    password: () => args.connection.password,
    onLockWait: (ms) => lockWaitsMs.push(ms),
  });
  const { db, guard } = guardAuditLog(raw, officeKeyProtector(readFileSync(args.officeKeyFile)), {
    mode: 'production',
    anchorsDir: null,
    now: () => new Date(),
  });
  const g = await guard;
  // Every counter starts together: the bench says go once all are connected.
  console.log('ready');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
  const until = Date.now() + args.seconds * 1000;
  lockWaitsMs.length = 0;
  const procedures: string[] = [];
  const searches: Record<string, number[]> = Object.fromEntries(
    Object.keys(SEARCHES).map((k) => [k, []]),
  );
  const issuances: string[] = [];
  const issuanceMs: number[] = [];
  // 交付 one after another through the core; beside them, on the counter's own handle, record
  // procedures and searches (a 交付 spends most of its time on the card, not in the database).
  const handingOut = (async () => {
    for (const application of args.applications) {
      if (Date.now() >= until) break;
      const t = performance.now();
      issuances.push(await issue(core, application));
      issuanceMs.push(performance.now() - t);
    }
  })();
  let n = 0;
  while (Date.now() < until) {
    n++;
    const residentId = 1 + ((n * 7919 + args.counter.length * 104729) % args.residents);
    const operatorId = args.operatorId;
    const id = await db.transaction(async (tx) => {
      // An id as the engine makes them: a random UUID may hold twelve digits in a row, which the
      // audit log refuses as a possible 個人番号.
      const pid = await startProcedure(tx, {
        kind: 'suspension',
        operatorId,
        residentId,
        id: newProcedureId('suspension'),
      });
      await recordStep(tx, {
        procedureId: pid,
        step: 'started',
        status: 'completed',
        operatorId,
        data: { counter: args.counter },
      });
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.started',
        residentId,
        details: { procedure: pid },
      });
      return pid;
    });
    await db.transaction(async (tx) => {
      await recordStep(tx, { procedureId: id, step: 'recorded', status: 'completed', operatorId });
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.recorded',
        residentId,
        details: { procedure: id },
      });
    });
    await db.transaction(async (tx) => {
      await recordStep(tx, { procedureId: id, step: 'done', status: 'completed', operatorId });
      await endProcedure(tx, id, 'completed');
      await appendAudit(tx, {
        operatorId,
        action: 'suspension.done',
        residentId,
        details: { procedure: id },
      });
    });
    procedures.push(id);
    for (const [kind, criteria] of Object.entries(SEARCHES)) {
      const t = performance.now();
      await searchResidents(db, criteria(n * 31 + args.counter.length), 1, 20);
      searches[kind]!.push(performance.now() - t);
    }
  }
  await handingOut;
  await g.close();
  await db.close();
  await core.close();
  return { counter: args.counter, procedures, issuances, issuanceMs, searches, lockWaitsMs };
}

main(JSON.parse(process.argv[2]!) as CounterArgs).then(
  (r) => console.log(JSON.stringify(r)),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exitCode = 1;
  },
);
