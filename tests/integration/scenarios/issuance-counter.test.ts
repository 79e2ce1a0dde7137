// The 交付 scenarios of the library on one core: a face that does not match, a household's photos
// swapped, two residents of one name on one day, a representative short of documents, a 交付 left
// open by the previous session, the family member's card in the reader, a child with her
// 未成年後見人, the authority down. Each is run once the right way and once with one deliberate
// mistake; the residents are the runs' own, and each run sets the faults it needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import { call, raw } from '../support/router-calls';
import {
  findApplication,
  insertCardOf,
  READER,
  runScenario,
  scenarioCore,
  unmet,
  walkIssuance,
  type ScenarioContext,
} from '../support/scenario-run';
import { issuanceStoppedAtFace } from '../support/scenario-walks';

const SON = { name: '練習　健一', relation: 'child' } as const;

/** The representative's first visit: the request (with `kinds` shown), then the 照会書 printed. */
async function representativeRequest(ctx: ScenarioContext, tries: readonly string[][]) {
  const app = await findApplication(ctx, 'A');
  const started = await call<{ procedureId: string }>(ctx.core, 'procedure:start', {
    kind: 'representative',
    applicationId: app.id,
  });
  const { procedureId } = started;
  for (const kinds of tries) {
    const r = await raw(ctx.core, 'procedure:record-request', {
      procedureId,
      reason: 'age-75',
      representative: { ...SON, kinds },
    });
    if (r.ok) break;
    expect(r.error.code).toBe('documents-invalid');
  }
  await call(ctx.core, 'procedure:print-inquiry', { procedureId });
}

/**
 * The previous resident's 交付 found open at the counter, parked (or, the mistake, cancelled after
 * 六花's search was refused); then 六花's card issued.
 */
async function afterThePreviousSession(ctx: ScenarioContext, deal: 'hold' | 'cancel') {
  const open = await call<readonly ProcedureDto[]>(ctx.core, 'procedure:list-open');
  const previous = open.find((p) => p.application?.noticeNumber === ctx.person('B').noticeNumber);
  expect(previous).toMatchObject({ kind: 'issuance', held: false });
  const { procedureId } = previous!;
  if (deal === 'hold') {
    await call(ctx.core, 'procedure:hold', { procedureId, reason: 'clerk' });
  } else {
    // 六花 looked up first: refused while 五郎's holds the counter; then 五郎's is cancelled.
    const blocked = await raw(ctx.core, 'lookup:by-notice', ctx.person('A'));
    expect(blocked.ok ? 'found' : blocked.error.code).toBe('other-resident-open');
    await call(ctx.core, 'procedure:cancel', { procedureId, reason: '書類を忘れたため' });
  }
  await insertCardOf(ctx, 'A');
  await walkIssuance(ctx, 'A');
}

const LICENCE_AND_INSURANCE = ['driving-licence', 'health-insurance'];

/** The card in the reader is refused at the card step; the trainee takes A's own card instead. */
async function offerWrongCardFirst(ctx: ScenarioContext) {
  const app = await findApplication(ctx, 'A');
  const { procedureId } = await call<{ procedureId: string }>(ctx.core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  await call(ctx.core, 'procedure:record-documents', {
    procedureId,
    kinds: ['driving-licence'],
    guardianship: false,
    representative: null,
  });
  const refused = await raw(ctx.core, 'procedure:check-card', { procedureId, reader: READER });
  expect(refused.ok ? 'accepted' : refused.error.code).toBe('wrong-card');
  await insertCardOf(ctx, 'A');
}

/** A 10-year-old's PINs: no signing password for a child. */
const CHILD_PINS = { auth: '7395', juki: '2846', text: '5017' };
/** The child's documents, with the adult who came with her recorded as `relation`. */
const childDocumentsWith = (relation: 'parent' | 'guardian') => ({
  kinds: ['health-insurance', 'student-id'],
  guardianship: false,
  representative: { relation, kinds: ['driving-licence'] },
});

describe('scenarios: 交付 at the counter', () => {
  let core: Core;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('face-mismatch: 不一致 recorded and the 交付 cancelled', async () => {
    const result = await runScenario(core, 'face-mismatch', async (ctx) => {
      await issuanceStoppedAtFace(ctx, 'A', { decision: 'mismatch', cancel: true });
    });
    expect(unmet(result)).toEqual([]);
    // The cancellation is what the scenario asks for: no mistake on the way.
    expect(result.mistakes).toEqual([]);
  });

  it('face-mismatch: cancelled without recording 不一致', async () => {
    const result = await runScenario(core, 'face-mismatch', async (ctx) => {
      await issuanceStoppedAtFace(ctx, 'A', { decision: null, cancel: true });
    });
    expect(unmet(result)).toEqual(['mismatch-recorded']);
  });

  it('household-photos-swapped: both 交付 stopped at the face check', async () => {
    const result = await runScenario(core, 'household-photos-swapped', async (ctx) => {
      await issuanceStoppedAtFace(ctx, 'A', { decision: 'mismatch', cancel: true });
      await issuanceStoppedAtFace(ctx, 'B', { decision: 'mismatch', cancel: true });
    });
    expect(unmet(result)).toEqual([]);
    expect(result.mistakes).toEqual([]);
  });

  it('household-photos-swapped: the wife’s 交付 cancelled twice, the first one a mistake', async () => {
    const result = await runScenario(core, 'household-photos-swapped', async (ctx) => {
      await issuanceStoppedAtFace(ctx, 'A', { decision: 'mismatch', cancel: true });
      await issuanceStoppedAtFace(ctx, 'B', { decision: null, cancel: true });
      await issuanceStoppedAtFace(ctx, 'B', { decision: 'mismatch', cancel: true });
    });
    expect(unmet(result)).toEqual([]);
    expect(result.mistakes.map((m) => m.action)).toEqual(['issuance.cancelled']);
  });

  it('household-photos-swapped: only the husband’s stopped', async () => {
    const result = await runScenario(core, 'household-photos-swapped', async (ctx) => {
      await issuanceStoppedAtFace(ctx, 'A', { decision: 'mismatch', cancel: true });
    });
    expect(unmet(result)).toEqual(['b-cancelled']);
  });

  it('same-name-same-day: each 優子 gets her own card', async () => {
    const result = await runScenario(core, 'same-name-same-day', async (ctx) => {
      await insertCardOf(ctx, 'A');
      await walkIssuance(ctx, 'A');
      await insertCardOf(ctx, 'B');
      await walkIssuance(ctx, 'B');
    });
    expect(unmet(result)).toEqual([]);
  });

  it('same-name-same-day: the other 優子’s card offered first', async () => {
    const result = await runScenario(core, 'same-name-same-day', async (ctx) => {
      await insertCardOf(ctx, 'B');
      const app = await findApplication(ctx, 'A');
      const { procedureId } = await call<{ procedureId: string }>(core, 'procedure:start', {
        kind: 'issuance',
        applicationId: app.id,
      });
      await call(core, 'procedure:record-documents', {
        procedureId,
        kinds: ['driving-licence'],
        guardianship: false,
        representative: null,
      });
      const refused = await raw(core, 'procedure:check-card', { procedureId, reader: READER });
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('wrong-card');
      await insertCardOf(ctx, 'A');
      await walkIssuance(ctx, 'A');
      await insertCardOf(ctx, 'B');
      await walkIssuance(ctx, 'B');
    });
    expect(unmet(result)).toEqual(['no-wrong-card']);
  });

  it('representative-documents: the second document asked for before the request', async () => {
    const result = await runScenario(core, 'representative-documents', async (ctx) => {
      await representativeRequest(ctx, [LICENCE_AND_INSURANCE]);
    });
    expect(unmet(result)).toEqual([]);
  });

  it('representative-documents: the licence alone tried first', async () => {
    const result = await runScenario(core, 'representative-documents', async (ctx) => {
      await representativeRequest(ctx, [['driving-licence'], LICENCE_AND_INSURANCE]);
    });
    expect(unmet(result)).toEqual(['documents-checked-first']);
  });

  it('previous-session-open: the previous resident’s 交付 parked, the next one served', async () => {
    const result = await runScenario(core, 'previous-session-open', (ctx) =>
      afterThePreviousSession(ctx, 'hold'),
    );
    expect(unmet(result)).toEqual([]);
    expect(result.mistakes).toEqual([]);
  });

  it('previous-session-open: the previous resident’s 交付 cancelled', async () => {
    const result = await runScenario(core, 'previous-session-open', (ctx) =>
      afterThePreviousSession(ctx, 'cancel'),
    );
    expect(unmet(result)).toEqual(['b-kept']);
    expect(result.mistakes.map((m) => m.kind)).toEqual(['refused-card', 'cancelled']);
  });

  it('wrong-card-household: every outcome met; the refused card is counted on the way', async () => {
    const result = await runScenario(core, 'wrong-card-household', async (ctx) => {
      await offerWrongCardFirst(ctx);
      await walkIssuance(ctx, 'A');
    });
    expect(unmet(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.mistakes.map((m) => m.kind)).toEqual(['refused-card']);
  });

  it('wrong-card-household: the notification card not recorded at the handover', async () => {
    const result = await runScenario(core, 'wrong-card-household', async (ctx) => {
      await offerWrongCardFirst(ctx);
      await walkIssuance(ctx, 'A', {
        handover: { collectedJukiCard: false, collectedNotificationCard: false },
      });
    });
    expect(unmet(result)).toEqual(['notification-card-collected']);
    expect(result.passed).toBe(false);
  });

  it('under-fifteen: the guardian recorded, three PINs, issued', async () => {
    const result = await runScenario(core, 'under-fifteen', async (ctx) => {
      await walkIssuance(ctx, 'A', { documents: childDocumentsWith('guardian'), pins: CHILD_PINS });
    });
    expect(unmet(result)).toEqual([]);
    expect(result.mistakes).toEqual([]);
  });

  it('under-fifteen: the grandmother recorded as a parent', async () => {
    const result = await runScenario(core, 'under-fifteen', async (ctx) => {
      await walkIssuance(ctx, 'A', { documents: childDocumentsWith('parent'), pins: CHILD_PINS });
    });
    expect(unmet(result)).toEqual(['guardian-recorded']);
  });

  it('authority-down: 後日交付, the slip printed, the card kept', async () => {
    const result = await runScenario(core, 'authority-down', async (ctx) => {
      const parked = await walkIssuance(ctx, 'A', { printSlipWhenParked: true });
      expect(parked.step).toBe('parked');
    });
    expect(unmet(result)).toEqual([]);
  });

  it('authority-down: no slip printed', async () => {
    const result = await runScenario(core, 'authority-down', async (ctx) => {
      await walkIssuance(ctx, 'A', { printSlipWhenParked: false });
    });
    expect(unmet(result)).toEqual(['slip-printed']);
  });
});
