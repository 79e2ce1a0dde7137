// The administrator's view of the audit trail: rows newest first, each with its operator's login id.
import type { AuditRowDto, PageDto } from '../../preload/contract/dto';
import type { Queryable } from '../db/connection';
import { searchAudit, type AuditFilter } from '../db/repositories/audit';
import { listOperators } from '../db/repositories/operators';

export async function searchAuditRows(
  db: Queryable,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<PageDto<AuditRowDto>> {
  const result = await searchAudit(db, filter, page, pageSize);
  const logins = new Map((await listOperators(db)).map((o) => [o.id, o.loginId]));
  const items: AuditRowDto[] = result.items.map((r) => ({
    seq: r.seq,
    at: r.at,
    operatorId: r.operatorId,
    operatorLoginId: r.operatorId === null ? null : (logins.get(r.operatorId) ?? null),
    action: r.action,
    residentId: r.residentId,
    cardId: r.cardId,
    details: r.details,
  }));
  return { ...result, items };
}
