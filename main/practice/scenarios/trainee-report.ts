// A trainee's report on paper (the counter's A4 form, marked as practice) and the trainer's CSV of
// every result: each scenario's latest score, the mistakes on the way, and the points to practise.
import type { ScenarioOverviewDto, ScenarioResultDto } from '../../../preload/contract/scenarios';
import { csvText, type CsvValue } from '../../documents/csv';
import { openJapaneseFont } from '../../documents/fonts';
import { Form, PAGE } from '../../documents/form-layout';
import { japaneseEraDateTime } from '../../documents/japanese-date';
import { scenarioLibrary } from './library';

export interface TraineeReportRow {
  readonly scenarioId: string;
  readonly title: string;
  /** Scored runs of it, the latest last. */
  readonly attempts: number;
  readonly latest: ScenarioResultDto | null;
}

export interface TraineeReportData {
  readonly trainee: { readonly loginId: string; readonly displayName: string };
  readonly municipality: string;
  readonly generatedAt: string;
  readonly rows: readonly TraineeReportRow[];
  /** The advice of every outcome the latest runs did not meet, each once. */
  readonly points: readonly string[];
}

/** The scenarios assigned or run, in the library's order, each with its latest result. */
export function traineeReportData(input: {
  trainee: TraineeReportData['trainee'];
  assigned: readonly string[];
  results: readonly ScenarioResultDto[];
  municipality: string;
  generatedAt: string;
}): TraineeReportData {
  const rows: TraineeReportRow[] = [];
  for (const s of scenarioLibrary()) {
    const mine = input.results.filter((r) => r.scenarioId === s.id);
    if (mine.length === 0 && !input.assigned.includes(s.id)) continue;
    rows.push({
      scenarioId: s.id,
      title: s.title,
      attempts: mine.length,
      latest: mine.at(-1) ?? null,
    });
  }
  const points = [
    ...new Set(
      rows.flatMap((r) => r.latest?.outcomes.filter((o) => !o.met).map((o) => o.advice) ?? []),
    ),
  ];
  return { ...input, rows, points };
}

/** 3分12秒 */
export function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}分${seconds % 60}秒` : `${seconds}秒`;
}

function rowLines(r: TraineeReportRow): string[] {
  const l = r.latest;
  if (!l) return [`【${r.title}】`, '未実施'];
  const head = `${l.passed ? '合格' : '要練習'}（達成 ${l.met}/${l.total}）\u3000所要 ${durationText(l.seconds)}\u3000途中の誤り ${l.mistakes.length}件\u3000実施 ${r.attempts}回`;
  const missed = l.outcomes.filter((o) => !o.met).map((o) => `未達：${o.label}`);
  return [`【${r.title}】`, head, ...missed];
}

/** The most rows one A4 page holds; the rest are in the CSV. */
const MAX_ROWS = 12;

export async function renderTraineeReportPdf(
  d: TraineeReportData,
  options: { fontPath?: string } = {},
): Promise<Uint8Array> {
  const font = await openJapaneseFont(options.fontPath);
  const form = Form.open(font, `練習シナリオ成績表 ${d.trainee.loginId}`, d.municipality);
  const left = PAGE.margin;
  form.practiceMark('成績表');
  form.text(d.municipality, left, 62, { size: 10, align: 'right' });
  form.text('練習シナリオ成績表', left, 90, { size: 18, align: 'center', bold: true });
  form.text(`研修生\u3000${d.trainee.displayName}（${d.trainee.loginId}）`, left, 122, {
    size: 11,
  });
  const passed = d.rows.filter((r) => r.latest?.passed).length;
  form.text(`合格 ${passed} / ${d.rows.length} シナリオ（各シナリオの最新の結果）`, left, 140, {
    size: 10,
  });
  const shown = d.rows.slice(0, MAX_ROWS);
  let y = form.table(
    160,
    // The titles are long: each is the first line of its cell, the label only numbers the rows.
    shown.map((r, i) => ({ label: `シナリオ ${i + 1}`, lines: rowLines(r), size: 9 })),
    80,
  );
  if (d.rows.length > shown.length)
    form.text(`ほか ${d.rows.length - shown.length} シナリオは CSV を見てください。`, left, y + 6, {
      size: 8.5,
    });
  form.text('練習するとよい点', left, y + 22, { size: 11.5, bold: true });
  y += 42;
  if (d.points.length === 0)
    form.text('最新の結果では、すべての項目を達成しています。', left, y, { size: 9.5 });
  for (const p of d.points) {
    y = form.text(`・${p}`, left, y, { size: 9.5 }) + 3;
    if (y > PAGE.height - 70) break;
  }
  form.text(`作成日時\u3000${japaneseEraDateTime(d.generatedAt)}`, left, PAGE.height - 52, {
    size: 9,
  });
  form.text(
    'この成績表は練習データから作成したもので、個人番号（マイナンバー）や暗証番号は記載していません。',
    left,
    PAGE.height - 38,
    { size: 8 },
  );
  return form.finish();
}

const CSV_HEADER = [
  'ログインID',
  '氏名',
  'シナリオID',
  'シナリオ名',
  '終了日時',
  '達成',
  '項目数',
  '合否',
  '途中の誤り',
  '所要秒',
];

/** One line per scored run; an assigned scenario not run yet is one line 未実施. */
export function scenarioResultsCsv(o: ScenarioOverviewDto): { rows: number; text: string } {
  const title = new Map(o.scenarios.map((s) => [s.id, s.title]));
  const rows: CsvValue[][] = [];
  for (const t of o.trainees) {
    for (const r of t.runs) {
      rows.push([
        t.loginId,
        t.displayName,
        r.scenarioId,
        title.get(r.scenarioId) ?? r.scenarioId,
        r.finishedAt,
        r.met,
        r.total,
        r.passed ? '合格' : '要練習',
        r.mistakes,
        r.seconds,
      ]);
    }
    for (const id of t.assigned.filter((a) => !t.runs.some((r) => r.scenarioId === a))) {
      rows.push([
        t.loginId,
        t.displayName,
        id,
        title.get(id) ?? id,
        null,
        null,
        null,
        '未実施',
        null,
        null,
      ]);
    }
  }
  return { rows: rows.length, text: csvText([CSV_HEADER, ...rows]) };
}
