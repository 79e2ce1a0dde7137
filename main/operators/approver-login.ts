// A supervisor approves at the clerk's side: their password checked on the spot, the approval recorded
// and audited under the clerk who asked; wrong passwords pause that clerk's approvals, never the
// supervisor's own login.
import type { ApprovalDto } from '../../preload/contract/dto';
import {
  APPROVAL_PAUSE_MINUTES,
  MAX_APPROVAL_FAILURES,
} from '../../preload/contract/rules/operator-password';
import { appendAudit } from '../audit/audit-log';
import type { Details } from '../audit/details-guard';
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { getApprovalTries, setApprovalTries } from '../db/repositories/approvals';
import { findOperatorLogin } from '../db/repositories/operators';
import { recordApproval } from './approvals';
import { matchPassword, storeNewHash, type PasswordMatch } from './login-check';
import { AccessError } from './operator-session';
import type { PasswordHasher } from './password-hash';

/*
 * Wrong approver passwords in a row at one clerk's requests (MAX_APPROVAL_FAILURES, a shared rule)
 * pause that clerk's approvals for APPROVAL_PAUSE_MINUTES. The count belongs to the clerk who asks, whichever approver ID was typed: the
 * supervisor's own login count and lock are never touched from the approval dialog, so a clerk
 * typing wrong passwords on purpose stops only their own approvals, not the supervisor's day.
 */

export interface ApprovalRequest {
  /** The operator asking for the approval (the clerk at the counter). */
  readonly requesterId: number;
  readonly action: string;
  readonly procedureId?: string;
  readonly reason: string;
  readonly approverLoginId: string;
  readonly approverPassword: string;
}

export interface ApproverLoginDeps {
  readonly db: Db;
  readonly hasher: PasswordHasher;
  readonly now: Clock;
}

function pausedAt(pausedUntil: string | null, at: Date): pausedUntil is string {
  return pausedUntil !== null && pausedUntil > at.toISOString();
}

/**
 * One wrong try counted for the clerk: refused as a login is (an unknown approver ID the same as a
 * wrong password), or, at the limit, the clerk's approvals paused. Audited either way.
 */
async function countFailure(
  deps: ApproverLoginDeps,
  request: ApprovalRequest,
  approverId: number | null,
  at: Date,
): Promise<AccessError> {
  const { requesterId } = request;
  return deps.db.transaction(async (tx) => {
    const tries = await getApprovalTries(tx, requesterId);
    // Another try paused the approvals while scrypt ran.
    if (pausedAt(tries.pausedUntil, at))
      return new AccessError('approval-paused', tries.pausedUntil);
    const failed = tries.failedAttempts + 1;
    // The typed ID is recorded only when it is an operator's (it may be a password typed in the
    // wrong field).
    const approver: Details = approverId === null ? {} : { approver: approverId };
    if (failed >= MAX_APPROVAL_FAILURES) {
      const until = new Date(at.getTime() + APPROVAL_PAUSE_MINUTES * 60_000).toISOString();
      await setApprovalTries(tx, requesterId, { failedAttempts: 0, pausedUntil: until });
      await appendAudit(
        tx,
        {
          operatorId: requesterId,
          action: 'approval.paused',
          details: { kind: request.action, attempt: failed, until, ...approver },
        },
        deps.now,
      );
      return new AccessError('approval-paused', until);
    }
    await setApprovalTries(tx, requesterId, { failedAttempts: failed, pausedUntil: null });
    await appendAudit(
      tx,
      {
        operatorId: requesterId,
        action: 'approval.refused',
        details: { kind: request.action, attempt: failed, ...approver },
      },
      deps.now,
    );
    return new AccessError('login-invalid');
  });
}

export async function approveWithLogin(
  deps: ApproverLoginDeps,
  request: ApprovalRequest,
): Promise<ApprovalDto> {
  const { db, hasher, now } = deps;
  const at = now();
  const tries = await getApprovalTries(db, request.requesterId);
  if (pausedAt(tries.pausedUntil, at)) throw new AccessError('approval-paused', tries.pausedUntil);

  // The approver's lock and disabled flag are not looked at here: an unknown ID, a wrong password,
  // a locked or a disabled account all take the same work and get the same answer until the
  // password matches (then recordApproval refuses who may not approve).
  const approver = await findOperatorLogin(db, request.approverLoginId);
  let match: PasswordMatch = { ok: false, newHash: null };
  if (approver)
    match = await matchPassword(hasher, approver.passwordHash, request.approverPassword);
  else await hasher.spend(request.approverPassword);
  if (!approver || !match.ok) throw await countFailure(deps, request, approver?.id ?? null, at);

  const approvalId = await db.transaction(async (tx) => {
    const id = await recordApproval(
      tx,
      {
        procedureId: request.procedureId ?? null,
        action: request.action,
        requesterId: request.requesterId,
        approverId: approver.id,
        reason: request.reason,
      },
      now,
    );
    await setApprovalTries(tx, request.requesterId, { failedAttempts: 0, pausedUntil: null });
    await storeNewHash(tx, approver.id, approver.passwordHash, match, now);
    await appendAudit(
      tx,
      {
        operatorId: request.requesterId,
        action: 'approval.recorded',
        details: { approval: id, approver: approver.id, kind: request.action },
      },
      now,
    );
    return id;
  });
  return { approvalId, approverDisplayName: approver.displayName };
}
