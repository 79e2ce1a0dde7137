// Scenario authority-down: the authority refuses certificates; the trainee parks the 交付 as
// 後日交付 and prints the slip, without cancelling the procedure or handing the card over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import { runScenario, scenarioCore, unmet, walkIssuance } from '../support/scenario-run';

describe('scenario: 認証局が止まっている日の交付（後日交付）', () => {
  let core: Core;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('the right way: parked, the slip printed, the card kept', async () => {
    const result = await runScenario(core, 'authority-down', async (ctx) => {
      const parked = await walkIssuance(ctx, 'A', { printSlipWhenParked: true });
      expect(parked.step).toBe('parked');
    });
    expect(unmet(result)).toEqual([]);
  });

  it('no slip printed: exactly that outcome is not met', async () => {
    const result = await runScenario(core, 'authority-down', async (ctx) => {
      await walkIssuance(ctx, 'A', { printSlipWhenParked: false });
    });
    expect(unmet(result)).toEqual(['slip-printed']);
  });
});
