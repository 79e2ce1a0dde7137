// The scenario library: every file fits the format, and the loader refuses what zod cannot see.
import { describe, expect, it } from 'vitest';
import { SCENARIO_FILES, scenarioLibrary } from '../../../main/practice/scenarios/library';
import { parseScenario } from '../../../main/practice/scenarios/scenario-format';

const wrongCard = SCENARIO_FILES['wrong-card-household.json'] as Record<string, unknown>;

describe('scenario library', () => {
  it('loads every file, each named after its id, each outcome with its advice', () => {
    const all = scenarioLibrary();
    expect(all.map((s) => `${s.id}.json`)).toEqual(Object.keys(SCENARIO_FILES));
    for (const s of all) expect(s.outcomes.every((o) => o.advice.length > 0)).toBe(true);
  });

  it('refuses a file named otherwise, a key not in the cast, an outcome id twice', () => {
    expect(() => parseScenario(wrongCard, 'other.json')).toThrow(/named wrong-card-household/);
    expect(() => parseScenario({ ...wrongCard, brief: '{C} の交付' })).toThrow(
      /C is not in the cast/,
    );
    const outcomes = wrongCard.outcomes as unknown[];
    expect(() => parseScenario({ ...wrongCard, outcomes: [outcomes[0], outcomes[0]] })).toThrow(
      /outcome id twice/,
    );
  });

  it('refuses an unknown check kind', () => {
    const outcomes = [{ id: 'x', label: 'x', advice: 'x', check: { kind: 'screen-shows' } }];
    expect(() => parseScenario({ ...wrongCard, outcomes })).toThrow();
  });
});
