// Scenario wrong-card-household: the family member's card lies in the reader; the trainee must
// swap it for the resident's own, issue it and record the notification card collected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import { raw } from '../support/router-calls';
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

/** The card in the reader is refused at the card step; the trainee takes A's own card instead. */
async function offerWrongCardFirst(ctx: ScenarioContext) {
  const app = await findApplication(ctx, 'A');
  const dto = await raw<{ procedureId: string }>(ctx.core, 'procedure:start', {
    kind: 'issuance',
    applicationId: app.id,
  });
  if (!dto.ok) throw new Error(dto.error.code);
  await raw(ctx.core, 'procedure:record-documents', {
    procedureId: dto.value.procedureId,
    kinds: ['driving-licence'],
    guardianship: false,
    representative: null,
  });
  const refused = await raw(ctx.core, 'procedure:check-card', {
    procedureId: dto.value.procedureId,
    reader: READER,
  });
  expect(refused.ok ? 'accepted' : refused.error.code).toBe('wrong-card');
  await insertCardOf(ctx, 'A');
}

describe('scenario: 同じ世帯のカードの取り違え', () => {
  let core: Core;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('the right way: every outcome met; the refused card is counted on the way', async () => {
    const result = await runScenario(core, 'wrong-card-household', async (ctx) => {
      await offerWrongCardFirst(ctx);
      await walkIssuance(ctx, 'A');
    });
    expect(unmet(result)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.mistakes.map((m) => m.kind)).toEqual(['refused-card']);
  });

  it('the notification card not recorded at the handover: exactly that outcome is not met', async () => {
    const result = await runScenario(core, 'wrong-card-household', async (ctx) => {
      await offerWrongCardFirst(ctx);
      await walkIssuance(ctx, 'A', {
        handover: { collectedJukiCard: false, collectedNotificationCard: false },
      });
    });
    expect(unmet(result)).toEqual(['notification-card-collected']);
    expect(result.passed).toBe(false);
  });
});
