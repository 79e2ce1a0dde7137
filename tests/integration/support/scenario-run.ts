// The one helper every scenario test drives a scenario with: a practice core on the in-process
// simulated card (timing model off), a trainee who starts the scenario through the router, works
// it as the two windows would (the walks below), and finishes it to be scored.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../main/core';
import { SIM_READER_NAME } from '../../../main/card/sim/sim-reader';
import { scenarioById } from '../../../main/practice/scenarios/library';
import type { ProcedureDto, ResidentMatchDto } from '../../../preload/contract/procedure';
import type { ScenarioResultDto, ScenarioRunDto } from '../../../preload/contract/scenarios';
import { answerCardFace } from './card-face';
import { call, RESIDENT, routerCall, startCore } from './router-calls';

export const READER = SIM_READER_NAME;

/** A started practice core for a file of scenario tests; close it in afterAll. */
export async function scenarioCore(): Promise<Core> {
  return startCore(mkdtempSync(join(tmpdir(), 'madoguchi-scenario-')));
}

/** What a walk gets: the core, the run (its notice numbers), and the scenario's people. */
export interface ScenarioContext {
  readonly core: Core;
  readonly run: ScenarioRunDto;
  /** The notice number and birth date of cast member `key` in this run. */
  person(key: string): { noticeNumber: string; birthDate: string };
}

/**
 * Logs `loginId` in, starts `scenarioId`, lets `walk` work it, and answers the score. Each call is
 * a run of its own (fresh residents), so one core serves the right run and the mistaken one.
 */
export async function runScenario(
  core: Core,
  scenarioId: string,
  walk: (ctx: ScenarioContext) => Promise<void>,
  loginId = 'renshu01',
): Promise<ScenarioResultDto> {
  await call(core, 'auth:login', { loginId, password: `${loginId}-2026` });
  const run = await call<ScenarioRunDto>(core, 'scenario:start', { scenarioId });
  const scenario = scenarioById(scenarioId);
  const person = (key: string) => {
    const c = scenario.setup.cast.find((x) => x.key === key);
    const noticeNumber = run.cast.find((x) => x.key === key)?.noticeNumber;
    if (!c || !noticeNumber) throw new Error(`no ${key} in ${scenarioId}`);
    // A seed resident's birth date is the trainee's to find; walks of such casts pass their own.
    return { noticeNumber, birthDate: 'birthDate' in c ? c.birthDate : '' };
  };
  await walk({ core, run, person });
  const result = await call<ScenarioResultDto>(core, 'scenario:finish');
  await call(core, 'auth:logout');
  return result;
}

/** The outcomes not met, by id (what the tests compare). */
export function unmet(result: ScenarioResultDto): string[] {
  return result.outcomes.filter((o) => !o.met).map((o) => o.id);
}

// ---- walks through one procedure, shared by the scenarios' tests ----

export interface IssuanceWalk {
  /** What the clerk records at the documents step. */
  readonly documents?: Record<string, unknown>;
  /** The secrets the resident sets (under 15: no signing password). */
  readonly pins?: Partial<Record<'signing' | 'auth' | 'juki' | 'text', string>>;
  /** The handover's record; null to stop before it (the procedure left open). */
  readonly handover?: Record<string, boolean> | null;
  /** Print the 後日交付 slip when the procedure is parked. */
  readonly printSlipWhenParked?: boolean;
}

export const DRIVING_LICENCE = {
  kinds: ['driving-licence'],
  guardianship: false,
  representative: null,
};
export const ADULT_PINS = { signing: 'RENSHU2026A', auth: '7395', juki: '2846', text: '5017' };

/** Finds the person's application as the clerk does (notice number and birth date). */
export async function findApplication(ctx: ScenarioContext, key: string) {
  const p = ctx.person(key);
  const found = await call<ResidentMatchDto>(ctx.core, 'lookup:by-notice', p);
  return found.applications[0]!;
}

/** The card of `key`'s application into the reader, as the trainee takes it from the stock. */
export async function insertCardOf(ctx: ScenarioContext, key: string): Promise<void> {
  await call(ctx.core, 'sim:insert-application-card', {
    noticeNumber: ctx.person(key).noticeNumber,
  });
}

/**
 * 交付 of `key`'s card with whatever card is in the reader: documents, card, face, card face,
 * PINs, handover. Answers the procedure as it stands at the end (parked when the authority is down).
 */
export async function walkIssuance(
  ctx: ScenarioContext,
  key: string,
  w: IssuanceWalk = {},
): Promise<ProcedureDto> {
  const { core } = ctx;
  const app = await findApplication(ctx, key);
  const started = await call<ProcedureDto>(core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  const procedureId = started.procedureId;
  await call(core, 'procedure:record-documents', {
    procedureId,
    ...(w.documents ?? DRIVING_LICENCE),
  });
  await call(core, 'procedure:check-card', { procedureId, reader: READER });
  await call(core, 'procedure:record-face', { procedureId, decision: 'match' });
  await answerCardFace(routerCall(core), procedureId, READER);
  await call(core, 'procedure:open-pin-entry', { procedureId, reader: READER });
  const entry = (v: string) => ({ value: v, confirmation: v });
  const pins = Object.fromEntries(
    Object.entries(w.pins ?? ADULT_PINS).map(([k, v]) => [k, entry(v)]),
  );
  await call(core, 'resident:submit-pins', pins, RESIDENT);
  const after = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
  if (after.step === 'parked') {
    if (w.printSlipWhenParked) await call(core, 'procedure:print-deferral-slip', { procedureId });
    return after;
  }
  if (w.handover === null) return after;
  return call<ProcedureDto>(core, 'procedure:complete', {
    procedureId,
    handover: w.handover ?? { collectedJukiCard: false, collectedNotificationCard: true },
  });
}
