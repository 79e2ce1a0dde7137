// 日報: counts per procedure and outcome, fees, stock reconciliation for one day in Japan time;
// printable as PDF and exportable as CSV (UTF-8 with a BOM for Excel, readable by the operator only).
import { join } from 'node:path';
import type { FileWrittenDto } from '../../preload/contract/dto';
import type { DailyReportDto } from '../../preload/contract/lifecycle';
import { PROCEDURE_KINDS } from '../../preload/contract/procedure-kinds';
import type { AuditAnchor } from '../audit/audit-anchors';
import { anchorCsvRows } from '../audit/audit-anchors';
import type { Db, Queryable } from '../db/connection';
import { csvText } from '../documents/csv';
import {
  countCardEvents,
  countCardsInStock,
  countCardsReturned,
  countProceduresEnded,
  countProceduresOpenAtEnd,
  feeTotals,
  waiverReasonCounts,
} from '../db/repositories/reports';
import { countUncollectedDestroyed } from '../db/repositories/uncollected';
import { RULE_SETS, ruleSetOn, type RuleSet } from '../../preload/contract/rules/rule-sets';
import { WorkflowRefusal } from '../workflows/refusal';
import { DIGIT_RUN } from './digit-run';

export interface DailyReportDeps {
  db(): Db;
  now(): Date;
  /** Where the PDF and CSV are written (the mode's receipts folder). */
  outDir: string;
  municipality: { readonly name: string; readonly code: string };
  /** Practice prints carry the practice mark. */
  practice?: boolean;
  /** A font file for the PDF instead of the system's Japanese font. */
  fontPath?: string;
  /**
   * The audit chain's head when the report is made: printed on the PDF and in the CSV, so every
   * 日報 is also an anchor kept outside the database.
   */
  anchor?(): Promise<AuditAnchor>;
  /** The dated rule table (the app's own when absent); the report names the set of its day. */
  readonly ruleSets?: readonly RuleSet[];
}

const JST_MS = 9 * 3600_000;

/** The day's bounds in UTC ISO strings: [00:00 JST, next 00:00 JST). */
export function japanDayBounds(date: string): { start: string; end: string } {
  const start = new Date(`${date}T00:00:00Z`).getTime() - JST_MS;
  if (Number.isNaN(start) || new Date(start + JST_MS).toISOString().slice(0, 10) !== date)
    throw new WorkflowRefusal('validation', 'date');
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + 24 * 3600_000).toISOString(),
  };
}

export async function dailyReport(
  q: Queryable,
  date: string,
  now: Date,
  municipality: string,
  ruleSets: readonly RuleSet[] = RULE_SETS,
): Promise<DailyReportDto> {
  const window = japanDayBounds(date);
  const rules = ruleSetOn(date, ruleSets);
  if (date > new Date(now.getTime() + JST_MS).toISOString().slice(0, 10))
    throw new WorkflowRefusal('report-in-future');

  const procedures = [];
  for (const kind of PROCEDURE_KINDS) {
    procedures.push({
      kind,
      completed: await countProceduresEnded(q, kind, 'completed', window),
      cancelled: await countProceduresEnded(q, kind, 'cancelled', window),
      // Started this day and still open at its end.
      open: await countProceduresOpenAtEnd(q, kind, window),
    });
  }

  const fees = await feeTotals(q, window);
  const waivedReasons = await waiverReasonCounts(q, window);
  // Returned: a card handed back at the counter in a 廃止 (its card step, return-only included).
  const returned = await countCardsReturned(q, window);
  // In stock at the day's end: received by then, neither handed over nor terminated by then.
  const inStockAtEnd = await countCardsInStock(q, window.end);

  return {
    date,
    municipality,
    procedures,
    fees: { ...fees, waivedReasons },
    cards: {
      received: await countCardEvents(q, 'received', window),
      issued: await countCardEvents(q, 'issued', window),
      returned,
      destroyed: await countCardEvents(q, 'destroyed', window),
      uncollectedDestroyed: await countUncollectedDestroyed(q, window),
      inStockAtEnd,
    },
    ruleSet: { id: rules.id, label: rules.label },
    generatedAt: now.toISOString(),
  };
}

/**
 * The CSV text: one row per figure (section, item, outcome, value), with the BOM and CRLF; the
 * audit anchor's rows last when given.
 */
export function dailyReportCsv(r: DailyReportDto, anchor?: AuditAnchor): string {
  const rows: (string | number)[][] = [
    ['section', 'item', 'outcome', 'value'],
    ['report', 'date', '', r.date],
    ['report', 'municipality', '', r.municipality],
    ['report', 'generated_at', '', r.generatedAt],
    ['report', 'rule_set', '', r.ruleSet.id],
  ];
  for (const p of r.procedures) {
    rows.push(['procedures', p.kind, 'completed', p.completed]);
    rows.push(['procedures', p.kind, 'cancelled', p.cancelled]);
    rows.push(['procedures', p.kind, 'open', p.open]);
  }
  rows.push(['fees', 'paid', 'count', r.fees.paidCount]);
  rows.push(['fees', 'paid', 'yen', r.fees.paidYen]);
  rows.push(['fees', 'waived', 'count', r.fees.waivedCount]);
  for (const w of r.fees.waivedReasons) rows.push(['fees', 'waived-reason', w.reason, w.count]);
  for (const [k, v] of Object.entries(r.cards)) rows.push(['cards', k, '', v]);
  if (anchor) rows.push(...anchorCsvRows(anchor));
  const text = csvText(rows);
  if (DIGIT_RUN.test(text)) throw new WorkflowRefusal('report-failed', 'digits');
  return text;
}

export function createDailyReports(deps: DailyReportDeps) {
  const report = (date: string) =>
    dailyReport(deps.db(), date, deps.now(), deps.municipality.name, deps.ruleSets);
  return {
    report,
    async writePdf(date: string): Promise<FileWrittenDto> {
      const r = await report(date);
      const anchor = await deps.anchor?.();
      const { renderDailyReportPdf } = await import('./daily-pdf');
      const { writeBytesAtomic } = await import('../documents/pdf-file');
      const path = join(deps.outDir, `daily-report-${date}.pdf`);
      const bytes = await renderDailyReportPdf(r, {
        practice: deps.practice ?? false,
        ...(deps.fontPath ? { fontPath: deps.fontPath } : {}),
        ...(anchor ? { anchor } : {}),
      });
      return { path, ...(await writeBytesAtomic(path, bytes)) };
    },
    async writeCsv(date: string): Promise<FileWrittenDto> {
      const text = dailyReportCsv(await report(date), await deps.anchor?.());
      const { writeBytesAtomic } = await import('../documents/pdf-file');
      const path = join(deps.outDir, `daily-report-${date}.csv`);
      return { path, ...(await writeBytesAtomic(path, new TextEncoder().encode(text))) };
    },
  };
}
