// What the scenario library as a whole must offer trainers: enough scenarios, every counter
// procedure practised, set-ups that name only seed residents and card presets that exist, and a
// procedure left open only for someone of the cast.
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../../main/card/sim/presets';
import { SCENARIO_FILES, scenarioLibrary } from '../../../main/practice/scenarios/library';
import { parseScenario } from '../../../main/practice/scenarios/scenario-format';
import { practiceSeed } from '../../../main/practice/seed';
import type { ProcedureKind } from '../../../preload/contract/procedure-kinds';

/** The procedures a trainee must be able to practise in a scenario (the 顔認証 switch is not one yet). */
const PRACTISED: readonly ProcedureKind[] = [
  'issuance',
  'representative',
  'suspension',
  'release',
  'revocation',
  'reissue',
  'pin-reset',
  'renewal',
  'card-change',
];

describe('scenario library coverage', () => {
  it('has at least twelve scenarios and practises every counter procedure', () => {
    const all = scenarioLibrary();
    expect(all.length).toBeGreaterThanOrEqual(12);
    const covered = new Set(all.flatMap((s) => s.procedures));
    expect(PRACTISED.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('names only seed notices whose card is in the state asked for, and presets that exist', () => {
    const cards = new Map(
      practiceSeed().residents.flatMap((r) =>
        r.applications.map((a) => [a.noticeNumber, a.card?.state ?? 'none'] as const),
      ),
    );
    const wrong: string[] = [];
    for (const s of scenarioLibrary()) {
      for (const c of s.setup.cast) {
        if (!('seedNotice' in c)) continue;
        const state = cards.get(c.seedNotice);
        if (state === undefined || (c.cardState !== undefined && state !== c.cardState))
          wrong.push(`${s.id}: ${c.seedNotice} is ${state ?? 'not in the seed'}`);
      }
      const reader = s.setup.reader;
      if (
        reader &&
        'preset' in reader &&
        !(PRESET_IDS as readonly string[]).includes(reader.preset)
      )
        wrong.push(`${s.id}: no preset ${reader.preset}`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves a procedure open only for a cast member', () => {
    const raw = SCENARIO_FILES['previous-session-open.json'] as { setup: object };
    expect(parseScenario(raw).setup.leftOpen).toBe('B');
    expect(() => parseScenario({ ...raw, setup: { ...raw.setup, leftOpen: 'C' } })).toThrow(
      /C is not in the cast/,
    );
  });
});
