// approval:approve — a supervisor confirms a step at the clerk's side with their own login.
import { ok } from '../../../preload/contract/result';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import { approveWithLogin } from '../../operators/approver-login';
import type { PasswordHasher } from '../../operators/password-hash';
import type { HandlerPart } from './handler-table';

export interface ApprovalHandlerDeps {
  db(): Db;
  readonly hasher: PasswordHasher;
  operatorId(): number;
  readonly now: Clock;
}

export function approvalHandlers(deps: ApprovalHandlerDeps): HandlerPart<'approval:approve'> {
  return {
    'approval:approve': async (r) => {
      const { hasher, now } = deps;
      const request = { ...r, requesterId: deps.operatorId() };
      return ok(await approveWithLogin({ db: deps.db(), hasher, now }, request));
    },
  };
}
