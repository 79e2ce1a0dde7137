// audit:* — the administrator reads, verifies and exports the audit trail.
import { ok } from '../../../preload/contract/result';
import { verifyAuditChain } from '../../audit/audit-log';
import { exportAuditCsv } from '../../audit/audit-export';
import { searchAuditRows } from '../../audit/audit-search';
import type { RecordAudit } from '../../audit/operator-audit';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import type { HandlerPart } from './handler-table';

export type AuditChannel = 'audit:search' | 'audit:verify' | 'audit:export-csv';

export interface AuditHandlerDeps {
  db(): Db;
  readonly audit: RecordAudit;
  /** The folder of exports. */
  readonly exportsDir: string;
  readonly now: Clock;
}

/** Rows per page of the audit screen. */
const SEARCH_PAGE_SIZE = 50;

export function auditHandlers(deps: AuditHandlerDeps): HandlerPart<AuditChannel> {
  return {
    'audit:search': async ({ filter, page }) =>
      ok(await searchAuditRows(deps.db(), filter, page, SEARCH_PAGE_SIZE)),
    'audit:verify': async () => {
      const result = await verifyAuditChain(deps.db());
      await deps.audit('audit.verified', { ok: result.ok });
      return ok({
        ok: result.ok,
        rows: result.rows,
        firstBrokenSeq: result.ok ? null : result.firstBrokenSeq,
      });
    },
    'audit:export-csv': async ({ filter }) => {
      const file = await exportAuditCsv(deps.db(), filter, {
        dir: deps.exportsDir,
        now: deps.now,
      });
      await deps.audit('audit.exported', { rows: file.rows });
      return ok(file);
    },
  };
}
