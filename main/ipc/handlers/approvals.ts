// approval:approve — a supervisor confirms a step at the clerk's side with their own login.
import { ok } from '../../../preload/contract/result';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import { approveWithLogin } from '../../operators/approver-login';
import type { HandlerPart } from './handler-table';

export interface ApprovalHandlerDeps {
  db(): Db;
  operatorId(): number;
  readonly now: Clock;
}

export function approvalHandlers(deps: ApprovalHandlerDeps): HandlerPart<'approval:approve'> {
  return {
    'approval:approve': async (r) => {
      const db = deps.db();
      return ok(await approveWithLogin(db, { ...r, requesterId: deps.operatorId() }, deps.now));
    },
  };
}
