// Scenario under-fifteen: a 10-year-old's 交付 with her 未成年後見人 (not a parent); no signing
// password for a child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import { runScenario, scenarioCore, unmet, walkIssuance } from '../support/scenario-run';

const CHILD_PINS = { auth: '7395', juki: '2846', text: '5017' };
const documentsWith = (relation: 'parent' | 'guardian') => ({
  kinds: ['health-insurance', 'student-id'],
  guardianship: false,
  representative: { relation, kinds: ['driving-licence'] },
});

describe('scenario: 15歳未満の交付（未成年後見人の同行）', () => {
  let core: Core;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('the right way: the guardian recorded, three PINs, issued', async () => {
    const result = await runScenario(core, 'under-fifteen', (ctx) =>
      walkIssuance(ctx, 'A', { documents: documentsWith('guardian'), pins: CHILD_PINS }).then(
        () => undefined,
      ),
    );
    expect(unmet(result)).toEqual([]);
    expect(result.mistakes).toEqual([]);
  });

  it('the grandmother recorded as a parent: exactly that outcome is not met', async () => {
    const result = await runScenario(core, 'under-fifteen', (ctx) =>
      walkIssuance(ctx, 'A', { documents: documentsWith('parent'), pins: CHILD_PINS }).then(
        () => undefined,
      ),
    );
    expect(unmet(result)).toEqual(['guardian-recorded']);
  });
});
