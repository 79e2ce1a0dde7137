// audit:* — the administrator reads, verifies and exports the audit trail, and sees its alarm.
import type { AuditStatusDto, AuditVerifyDto } from '../../../preload/contract/dto';
import { ok } from '../../../preload/contract/result';
import { exportAuditCsv } from '../../audit/audit-export';
import type { AuditGuard } from '../../audit/audit-guard';
import { searchAuditRows } from '../../audit/audit-search';
import type { AuditVerifyResult } from '../../audit/audit-verify';
import type { RecordAudit } from '../../audit/operator-audit';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import type { HandlerPart } from './handler-table';

export type AuditChannel =
  'audit:search' | 'audit:verify' | 'audit:export-csv' | 'audit:status' | 'audit:acknowledge-alarm';

export interface AuditHandlerDeps {
  db(): Db;
  /** The open database's audit guard. */
  guard(): Promise<AuditGuard>;
  readonly audit: RecordAudit;
  /** The operator of the current call. */
  operatorId(): number;
  /** Sends the check's progress to the administrator's window. */
  progress(checked: number, total: number): void;
  /** Production or practice: an unconfigured anchors folder matters in production only. */
  readonly production: boolean;
  /** The folder of exports. */
  readonly exportsDir: string;
  readonly now: Clock;
}

/** Rows per page of the audit screen. */
const SEARCH_PAGE_SIZE = 50;
/** Progress events per check, at most (a full check of two million rows would send thousands). */
const PROGRESS_STEPS = 100;

export function toVerifyDto(r: AuditVerifyResult): AuditVerifyDto {
  const seqs = r.problems.map((p) => p.firstBadSeq).filter((s): s is number => s !== null);
  return {
    ok: r.ok,
    scope: r.scope,
    rows: r.rows,
    from: r.from,
    firstBrokenSeq: seqs.length > 0 ? Math.min(...seqs) : null,
    problems: r.problems.map((p) => ({
      kind: p.kind,
      firstBadSeq: p.firstBadSeq,
      evidence: p.evidence,
      detail: p.detail ?? null,
    })),
    anchorsMatched: r.anchors.matched,
    ms: Math.round(r.ms),
  };
}

export function auditHandlers(deps: AuditHandlerDeps): HandlerPart<AuditChannel> {
  const status = async (): Promise<AuditStatusDto> => {
    const s = await (await deps.guard()).status();
    return {
      startup: s.startup,
      alarm: s.alarm
        ? {
            seq: s.alarm.seq,
            at: s.alarm.at,
            problems: s.alarm.problems.map((p) => ({ ...p, detail: p.detail ?? null })),
          }
        : null,
      anchors: { ...s.anchors, configured: s.anchors.file !== null },
      production: deps.production,
    };
  };
  return {
    'audit:search': async ({ filter, page }) =>
      ok(await searchAuditRows(deps.db(), filter, page, SEARCH_PAGE_SIZE)),
    'audit:verify': async ({ scope }) => {
      let sent = -1;
      const result = await (
        await deps.guard()
      ).verify(scope ?? 'recent', (checked, total) => {
        const step = total > 0 ? Math.floor((checked / total) * PROGRESS_STEPS) : PROGRESS_STEPS;
        if (step === sent) return;
        sent = step;
        deps.progress(checked, total);
      });
      await deps.audit('audit.verified', {
        ok: result.ok,
        scope: result.scope,
        from: result.from,
        rows: result.rows,
      });
      return ok(toVerifyDto(result));
    },
    'audit:export-csv': async ({ filter }) => {
      const guard = await deps.guard();
      const file = await exportAuditCsv(deps.db(), filter, {
        dir: deps.exportsDir,
        now: deps.now,
        anchor: () => guard.anchor('export'),
      });
      await deps.audit('audit.exported', { rows: file.rows });
      return ok(file);
    },
    'audit:status': async () => ok(await status()),
    'audit:acknowledge-alarm': async () => {
      await (await deps.guard()).acknowledge(deps.operatorId());
      return ok(await status());
    },
  };
}
