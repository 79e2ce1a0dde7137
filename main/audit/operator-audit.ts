// An audit row for the operator of the current call, written in a transaction of its own.
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { appendAudit } from './audit-log';

export type AuditDetails = Record<string, string | number | boolean>;

/** Records `action` under the current operator; throws when nobody is logged in. */
export type RecordAudit = (action: string, details?: AuditDetails) => Promise<void>;

export interface OperatorAuditDeps {
  db(): Db;
  /** The operator of the current call (the router has checked the channel's access). */
  operatorId(): number;
  readonly now: Clock;
}

export function createOperatorAudit(deps: OperatorAuditDeps): RecordAudit {
  return async (action, details = {}) => {
    const operator = deps.operatorId();
    await deps
      .db()
      .transaction((tx) => appendAudit(tx, { operatorId: operator, action, details }, deps.now));
  };
}
