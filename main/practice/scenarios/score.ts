// Scoring a run from what the app recorded: each outcome met or not and why, and the mistakes on
// the way (refused cards, wrong PINs, cancelled procedures the scenario does not ask for) from the
// trainee's audit rows.
import type {
  MistakeDto,
  MistakeKind,
  OutcomeResultDto,
} from '../../../preload/contract/scenarios';
import type { Queryable } from '../../db/connection';
import { getApplication } from '../../db/repositories/applications';
import { findCardOfApplication } from '../../db/repositories/cards';
import {
  auditRowsAfter,
  journalRowsOf,
  proceduresByIds,
  type RunAuditRow,
  type RunProcedureRow,
} from '../../db/repositories/scenarios';
import type { Scenario, ScenarioCheck } from './scenario-format';
import type { CastEntry } from './setup';

const CARD_STATE_JA: Record<string, string> = {
  received: '入庫済み',
  prepared: '交付前準備済み',
  issued: '交付済み',
  suspended: '一時停止中',
  terminated: '廃止',
};
const APPLICATION_STATUS_JA: Record<string, string> = {
  pending: 'カード未着',
  ready: '交付待ち',
  issued: '交付済み',
};
const PROCEDURE_STATUS_JA: Record<string, string> = {
  open: '途中（保留を含む）',
  completed: '完了',
  cancelled: '中止',
};

/** The audit actions (after the procedure's prefix) that are mistakes on the way. */
const MISTAKE_OF: Readonly<Record<string, MistakeKind>> = {
  'wrong-card-refused': 'refused-card',
  'other-resident-refused': 'refused-card',
  'wrong-current': 'wrong-pin',
  cancelled: 'cancelled',
};

/**
 * The mistakes in the trainee's audit rows; the rows whose `seq` is in `expected` are what the
 * scenario asks for (a cancellation its outcomes expect) and are none.
 */
export function mistakesIn(
  rows: readonly RunAuditRow[],
  expected: ReadonlySet<number> = new Set(),
): MistakeDto[] {
  const out: MistakeDto[] = [];
  for (const r of rows) {
    if (expected.has(r.seq)) continue;
    const suffix = r.action.slice(r.action.indexOf('.') + 1);
    const kind = MISTAKE_OF[suffix];
    if (kind) out.push({ kind, action: r.action, at: r.at });
  }
  return out;
}

/** The procedure an audit row names, if any. */
function procedureOf(row: RunAuditRow): string | undefined {
  const procedure = (JSON.parse(row.details) as { procedure?: unknown }).procedure;
  return typeof procedure === 'string' ? procedure : undefined;
}

/** The procedures the trainee worked in the run: those its audit rows name. */
function procedureIdsIn(rows: readonly RunAuditRow[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    const procedure = procedureOf(r);
    if (procedure) ids.add(procedure);
  }
  return [...ids];
}

/**
 * The cancellations the scenario asks for: for each outcome that expects a procedure of a kind on
 * a person to end cancelled, the last cancellation of such a procedure (the audit row's seq). A
 * cancellation beyond that one (the same procedure started again and cancelled again) still counts.
 */
export function expectedCancellations(
  scenario: Scenario,
  cast: readonly CastEntry[],
  procedures: readonly RunProcedureRow[],
  rows: readonly RunAuditRow[],
): Set<number> {
  const seqs = new Set<number>();
  for (const { check } of scenario.outcomes) {
    if (check.kind !== 'procedure' || check.status !== 'cancelled') continue;
    const person = cast.find((c) => c.key === check.of);
    if (!person) continue;
    const ids = new Set(
      procedures
        .filter(
          (p) =>
            p.residentId === person.residentId &&
            p.kind === check.procedure &&
            p.status === 'cancelled',
        )
        .map((p) => p.id),
    );
    const last = rows
      .filter((r) => r.action === `${check.procedure}.cancelled` && ids.has(procedureOf(r) ?? ''))
      .at(-1);
    if (last) seqs.add(last.seq);
  }
  return seqs;
}

/** `want` is in `data`: objects by the fields `want` names (recursively), anything else equal. */
function holds(data: unknown, want: unknown): boolean {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
    const d = data as Record<string, unknown>;
    return Object.entries(want).every(([k, v]) => holds(d[k], v));
  }
  return JSON.stringify(data) === JSON.stringify(want);
}

const MISTAKE_JA: Record<MistakeKind, string> = {
  'refused-card': '違うカードで拒否された',
  'wrong-pin': '暗証番号の誤り',
  cancelled: '手続の中止',
};

async function judge(
  q: Queryable,
  check: ScenarioCheck,
  person: CastEntry | undefined,
  procedures: readonly RunProcedureRow[],
  mistakes: readonly MistakeDto[],
  rows: readonly RunAuditRow[],
): Promise<{ met: boolean; why: string }> {
  if (check.kind === 'mistakes') {
    const n = mistakes.filter((m) => m.kind === check.mistake).length;
    return {
      met: n <= check.atMost,
      why: `記録上の「${MISTAKE_JA[check.mistake]}」: ${n}回（${check.atMost}回まで可）`,
    };
  }
  if (check.kind === 'audit') {
    const found = rows.some(
      (r) => r.action === check.action && (!person || r.residentId === person.residentId),
    );
    return {
      met: found === check.present,
      why: found ? '操作の記録（監査ログ）にあります' : '操作の記録（監査ログ）にありません',
    };
  }
  if (!person) return { met: false, why: '対象の住民が見つかりません' };
  switch (check.kind) {
    case 'card-state': {
      const card = await findCardOfApplication(q, person.applicationId);
      const state = card?.state ?? 'none';
      return {
        met: state === check.state,
        why: `カードの状態: ${CARD_STATE_JA[state] ?? 'カードなし'}（期待: ${CARD_STATE_JA[check.state]}）`,
      };
    }
    case 'application-status': {
      const app = await getApplication(q, person.applicationId);
      return {
        met: app.status === check.status,
        why: `申請の状態: ${APPLICATION_STATUS_JA[app.status]}（期待: ${APPLICATION_STATUS_JA[check.status]}）`,
      };
    }
    case 'procedure': {
      const mine = procedures.filter(
        (p) => p.residentId === person.residentId && p.kind === check.procedure,
      );
      const met = mine.some((p) => p.status === check.status);
      const seen = mine.map((p) => PROCEDURE_STATUS_JA[p.status]).join('、') || 'なし';
      return {
        met,
        why: `この練習での手続: ${seen}（期待: ${PROCEDURE_STATUS_JA[check.status]}）`,
      };
    }
    case 'journal': {
      let found = false;
      for (const p of procedures) {
        if (p.residentId !== person.residentId || p.kind !== check.procedure) continue;
        for (const row of await journalRowsOf(q, p.id)) {
          if (row.step !== check.step) continue;
          if (!check.data || holds(JSON.parse(row.data), check.data)) found = true;
        }
      }
      return {
        met: found === check.present,
        why: found ? '手続の記録にあります' : '手続の記録にありません',
      };
    }
  }
}

export interface RunScore {
  readonly outcomes: OutcomeResultDto[];
  readonly mistakes: MistakeDto[];
}

/** Scores `scenario` for the run that started after audit row `auditFrom`. */
export async function scoreRun(
  q: Queryable,
  scenario: Scenario,
  run: { traineeId: number; auditFrom: number; cast: readonly CastEntry[] },
): Promise<RunScore> {
  const rows = await auditRowsAfter(q, run.auditFrom, run.traineeId);
  const procedures = await proceduresByIds(q, procedureIdsIn(rows));
  const mistakes = mistakesIn(rows, expectedCancellations(scenario, run.cast, procedures, rows));
  const outcomes: OutcomeResultDto[] = [];
  for (const o of scenario.outcomes) {
    const of = 'of' in o.check ? o.check.of : undefined;
    const person = of === undefined ? undefined : run.cast.find((c) => c.key === of);
    const { met, why } = await judge(q, o.check, person, procedures, mistakes, rows);
    outcomes.push({ id: o.id, label: o.label, met, why, advice: o.advice });
  }
  return { outcomes, mistakes };
}
