// The trainer's side of the scenarios through the router: a trainee's account, assignments, the
// overview, the trainee report (PDF) and the CSV; the practice reset keeping the results or not.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type {
  MyScenarioDto,
  ScenarioOverviewDto,
  TraineeDto,
} from '../../../preload/contract/scenarios';
import { pdfPages, pdfText } from '../../unit/documents/pdf-text';
import { call, raw } from '../support/router-calls';
import { runScenario, scenarioCore, unmet, walkIssuance } from '../support/scenario-run';

const TRAINEE = {
  loginId: 'kenshusei01',
  displayName: '研修生\u3000一号',
  password: 'kenshusei01-2026',
};

async function asTrainer(core: Core) {
  await call(core, 'auth:login', { loginId: 'kenshu', password: 'kenshu-2026' });
}

describe('scenarios: the trainer’s trainees, their results, the report and the CSV', () => {
  let core: Core;
  let trainee: TraineeDto;
  beforeAll(async () => {
    core = await scenarioCore();
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('a trainer creates a trainee and assigns two scenarios; a clerk may do neither', async () => {
    await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    const refused = await raw(core, 'scenario:create-trainee', TRAINEE);
    expect(refused.ok ? 'accepted' : refused.error.code).toBe('forbidden-role');
    await call(core, 'auth:logout');
    await asTrainer(core);
    trainee = await call<TraineeDto>(core, 'scenario:create-trainee', TRAINEE);
    const overview = await call<ScenarioOverviewDto>(core, 'scenario:assign', {
      traineeId: trainee.operatorId,
      scenarioIds: ['authority-down', 'under-fifteen'],
    });
    expect(overview.trainees).toEqual([
      expect.objectContaining({
        loginId: TRAINEE.loginId,
        assigned: ['authority-down', 'under-fifteen'],
        runs: [],
      }),
    ]);
    await call(core, 'auth:logout');
  });

  it('the trainee sees the two scenarios, runs one with a mistake, and sees the result', async () => {
    const result = await runScenario(
      core,
      'authority-down',
      async (ctx) => {
        const mine = await call<MyScenarioDto[]>(ctx.core, 'scenario:mine');
        expect(mine.map((s) => [s.id, s.last])).toEqual([
          ['authority-down', null],
          ['under-fifteen', null],
        ]);
        await walkIssuance(ctx, 'A', { printSlipWhenParked: false });
      },
      TRAINEE.loginId,
    );
    expect(unmet(result)).toEqual(['slip-printed']);
    await call(core, 'auth:login', { loginId: TRAINEE.loginId, password: TRAINEE.password });
    const mine = await call<MyScenarioDto[]>(core, 'scenario:mine');
    expect(mine[0]!.last).toMatchObject({ met: 2, total: 3, passed: false });
    expect(await call(core, 'scenario:result', { runId: result.runId })).toEqual(result);
    await call(core, 'auth:logout');
  });

  it('the trainee report names the scenario, the score and the point to practise; the CSV each run', async () => {
    await asTrainer(core);
    const pdf = await call<FileWrittenDto>(core, 'scenario:trainee-report', {
      traineeId: trainee.operatorId,
    });
    expect(await pdfPages(pdf.path)).toBe(1);
    const text = await pdfText(pdf.path);
    expect(text).toContain('練習シナリオ成績表');
    expect(text).toContain('研修生一号（kenshusei01）');
    expect(text).toContain('合格0/2シナリオ');
    expect(text).toContain('要練習（達成2/3）');
    expect(text).toContain('未達：後日交付のお知らせを印刷して渡している');
    expect(text).toMatch(/【15歳未満の交付（未成年後見人の同行）】(シナリオ1)?未実施/);
    expect(text).toContain('練習用・無効');
    const csv = await call<FileWrittenDto>(core, 'scenario:export-csv');
    expect(csv.rows).toBe(2);
    const lines = readFileSync(csv.path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toMatch(
      /^"kenshusei01","研修生\u3000一号","authority-down",.*"2","3","要練習"/,
    );
    expect(lines[2]).toMatch(/"under-fifteen",.*"未実施"/);
  });

  it('the practice reset keeps the trainee, the assignments and the results; clearing drops them', async () => {
    await call(core, 'practice:reset', {});
    await asTrainer(core);
    const kept = await call<ScenarioOverviewDto>(core, 'scenario:overview');
    expect(kept.trainees).toEqual([
      expect.objectContaining({
        loginId: TRAINEE.loginId,
        assigned: ['authority-down', 'under-fifteen'],
        runs: [expect.objectContaining({ scenarioId: 'authority-down', met: 2, total: 3 })],
      }),
    ]);
    // The trainee logs in on the fresh data with the same password.
    await call(core, 'auth:logout');
    await call(core, 'auth:login', { loginId: TRAINEE.loginId, password: TRAINEE.password });
    await call(core, 'auth:logout');
    await asTrainer(core);
    await call(core, 'practice:reset', { clearResults: true });
    await asTrainer(core);
    expect((await call<ScenarioOverviewDto>(core, 'scenario:overview')).trainees).toEqual([]);
  });
});
