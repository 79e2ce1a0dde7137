// The scenarios' pieces that need no database: mistakes read from audit rows, the CSV, the
// trainee report's rows and points, and every scenario:* channel refused outside practice mode.
import { describe, expect, it } from 'vitest';
import { scenarioHandlers } from '../../../main/ipc/handlers/scenarios';
import type { ScenarioProgress } from '../../../main/practice/scenarios/progress';
import type { ScenarioRunner } from '../../../main/practice/scenarios/runner';
import type { Scenario } from '../../../main/practice/scenarios/scenario-format';
import { expectedCancellations, mistakesIn } from '../../../main/practice/scenarios/score';
import {
  durationText,
  scenarioResultsCsv,
  traineeReportData,
} from '../../../main/practice/scenarios/trainee-report';
import type { ScenarioResultDto } from '../../../preload/contract/scenarios';

const row = (seq: number, action: string) => ({
  seq,
  at: '2026-11-25T01:00:00.000Z',
  action,
  residentId: 1,
  cardId: null,
  details: '{}',
});

describe('scenario scoring and reports', () => {
  it('counts refused cards, wrong PINs and cancellations; nothing else is a mistake', () => {
    const rows = [
      row(1, 'issuance.wrong-card-refused'),
      row(2, 'release.wrong-current'),
      row(3, 'issuance.card'),
      row(4, 'reissue.cancelled'),
      row(5, 'issuance.other-resident-refused'),
      row(6, 'practice.card-inserted'),
    ];
    expect(mistakesIn(rows).map((m) => m.kind)).toEqual([
      'refused-card',
      'wrong-pin',
      'cancelled',
      'refused-card',
    ]);
  });

  it('a cancellation an outcome expects is no mistake; one more of the same procedure is', () => {
    const scenario = {
      outcomes: [
        {
          id: 'a-cancelled',
          label: 'x',
          advice: 'x',
          check: { kind: 'procedure', of: 'A', procedure: 'issuance', status: 'cancelled' },
        },
      ],
    } as unknown as Scenario;
    const cast = [{ key: 'A', residentId: 1 }] as unknown as Parameters<
      typeof expectedCancellations
    >[1];
    const procedures = [
      { id: 'p1', kind: 'issuance', status: 'cancelled' as const, residentId: 1 },
      { id: 'p2', kind: 'issuance', status: 'cancelled' as const, residentId: 1 },
      { id: 'p3', kind: 'release', status: 'cancelled' as const, residentId: 1 },
    ];
    const cancelled = (seq: number, kind: string, procedure: string) => ({
      ...row(seq, `${kind}.cancelled`),
      details: JSON.stringify({ procedure }),
    });
    const rows = [
      cancelled(1, 'issuance', 'p1'),
      cancelled(2, 'issuance', 'p2'),
      cancelled(3, 'release', 'p3'),
    ];
    const expected = expectedCancellations(scenario, cast, procedures, rows);
    expect([...expected]).toEqual([2]);
    expect(mistakesIn(rows, expected).map((m) => m.action)).toEqual([
      'issuance.cancelled',
      'release.cancelled',
    ]);
  });

  it('the report keeps the latest run of each scenario and the advice of what it missed', () => {
    const result = (met: boolean, runId: number): ScenarioResultDto => ({
      runId,
      scenarioId: 'authority-down',
      title: 'x',
      traineeId: 9,
      startedAt: '2026-11-25T01:00:00.000Z',
      finishedAt: '2026-11-25T01:03:12.000Z',
      seconds: 192,
      outcomes: [{ id: 'slip-printed', label: 'slip', met, why: 'w', advice: 'print the slip' }],
      met: met ? 1 : 0,
      total: 1,
      mistakes: [],
      passed: met,
    });
    const data = traineeReportData({
      trainee: { loginId: 't', displayName: 'T' },
      assigned: ['under-fifteen'],
      results: [result(true, 1), result(false, 2)],
      municipality: 'm',
      generatedAt: '2026-11-25T02:00:00.000Z',
    });
    expect(data.rows.map((r) => [r.scenarioId, r.attempts, r.latest?.runId ?? null])).toEqual([
      ['under-fifteen', 0, null],
      ['authority-down', 2, 2],
    ]);
    expect(data.points).toEqual(['print the slip']);
    expect(durationText(192)).toBe('3分12秒');
    expect(durationText(7)).toBe('7秒');
  });

  it('the CSV has a line per run and one per assigned scenario not run, formulas defused', () => {
    const { rows, text } = scenarioResultsCsv({
      scenarios: [
        { id: 'a', title: 'A', procedures: ['issuance'], outcomes: 2 },
        { id: 'b', title: 'B', procedures: ['issuance'], outcomes: 1 },
      ],
      trainees: [
        {
          operatorId: 9,
          loginId: 't1',
          displayName: '=cmd',
          assigned: ['a', 'b'],
          runs: [
            {
              runId: 1,
              scenarioId: 'a',
              finishedAt: '2026-11-25T01:00:00.000Z',
              met: 1,
              total: 2,
              mistakes: 3,
              seconds: 60,
              passed: false,
            },
          ],
        },
      ],
    });
    expect(rows).toBe(2);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe(
      `"t1","'=cmd","a","A","2026-11-25T01:00:00.000Z","1","2","要練習","3","60"`,
    );
    expect(lines[2]).toBe(`"t1","'=cmd","b","B","","","","未実施","",""`);
  });

  it('every scenario:* channel answers not-practice-mode in production, touching nothing', async () => {
    const untouched = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('called outside practice mode');
        },
      },
    );
    const handlers = scenarioHandlers({
      practice: false,
      runner: untouched as ScenarioRunner,
      progress: untouched as ScenarioProgress,
    });
    for (const [channel, handle] of Object.entries(handlers)) {
      const answer = await (handle as (p: unknown) => Promise<unknown>)({ runId: 1, traineeId: 1 });
      expect(answer, channel).toEqual({ ok: false, error: { code: 'not-practice-mode' } });
    }
  });
});
