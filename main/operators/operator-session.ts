// Who is at the counter: login, first-administrator setup, idle lock and role checks, all in main.
import type { Access } from '../../preload/contract/channels';
import type { OperatorDto, SessionDto } from '../../preload/contract/dto';
import { isAcceptableOperatorPassword } from '../../preload/contract/rules/operator-password';
import { COUNTER_ROLES, type Role } from '../../preload/contract/rules/roles';
import { appendAudit, type AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/connection';
import {
  authenticateOperator,
  countOperators,
  createOperator,
  getOperator,
  hashPassword,
  resetOperatorPassword,
  type AuthResult,
  type Operator,
} from '../db/repositories/operators';

/** A refusal the router turns into an AppError code. */
export class AccessError extends Error {
  override readonly name = 'AccessError';
  constructor(
    readonly code:
      | 'not-logged-in'
      | 'session-locked'
      | 'forbidden-role'
      | 'setup-already-done'
      | 'login-invalid'
      | 'login-locked'
      | 'login-disabled'
      | 'password-too-short'
      | 'password-change-required'
      | 'password-reused',
    readonly detail?: string,
  ) {
    super(code);
  }
}

export interface OperatorSessionOptions {
  readonly db: Db;
  readonly idleLockMinutes: number;
  readonly now?: () => Date;
  /** Called on login, logout, lock and unlock, with the new state. */
  readonly onChange: (session: SessionDto) => void;
  /**
   * Takes the logout's audit row when the database refused it (a full disk), to write it later.
   * Without it the refusal is thrown, after the session has ended all the same.
   */
  readonly keepAudit?: (entry: AuditEntry, at: Date, error: unknown) => Promise<void>;
}

export interface OperatorSessions {
  status(): Promise<SessionDto>;
  /** The logged-in, unlocked operator allowed by `access`; throws AccessError otherwise. */
  authorize(access: Access): Promise<Operator | null>;
  setupAdmin(input: {
    loginId: string;
    displayName: string;
    password: string;
  }): Promise<SessionDto>;
  login(loginId: string, password: string): Promise<SessionDto>;
  logout(): Promise<SessionDto>;
  unlock(password: string): Promise<SessionDto>;
  /**
   * The operator replaces their password (required after an administrator reset it): the current
   * one is checked like a login, so wrong tries count towards the lockout.
   */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionDto>;
  /** The clerk did something: the idle timer starts again. */
  activity(): Promise<SessionDto>;
  /** The operator id of the current session (for audit rows), or null. */
  currentOperatorId(): number | null;
  /** Re-reads the operator (role or disabled may have changed) and refreshes the idle timer. */
  dispose(): void;
}

/**
 * Why a login was refused, as the error the router answers. The login screen says how many tries
 * are left; the approval dialog (`triesLeft: false`) does not.
 */
export function loginRefusal(
  result: Exclude<AuthResult, { ok: true }>,
  options: { readonly triesLeft: boolean } = { triesLeft: true },
): AccessError {
  if (result.reason === 'locked') return new AccessError('login-locked', result.lockedUntil);
  if (result.reason === 'disabled') return new AccessError('login-disabled');
  return new AccessError(
    'login-invalid',
    options.triesLeft ? result.triesLeft?.toString() : undefined,
  );
}

export function toOperatorDto(o: Operator): OperatorDto {
  return {
    id: o.id,
    loginId: o.loginId,
    displayName: o.displayName,
    role: o.role,
    disabled: o.disabled,
    mustChangePassword: o.mustChangePassword,
    lockedUntil: o.lockedUntil,
  };
}

/** Whether `role` may use a channel of `access` (public is handled before a session is needed). */
export function roleAllowed(access: Exclude<Access, 'public'>, role: Role): boolean {
  if (access === 'operator') return true;
  // The resident window works only beside a counter operator's session: its PIN entry belongs to
  // a counter procedure.
  if (access === 'resident') return COUNTER_ROLES.includes(role);
  return access.includes(role);
}

export function createOperatorSessions(options: OperatorSessionOptions): OperatorSessions {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const idleMs = options.idleLockMinutes * 60_000;
  let operator: Operator | null = null;
  let locked = false;
  let lastActivity = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** After dispose (the core closing) no timer is armed again, whatever call was still in flight. */
  let disposed = false;

  async function status(): Promise<SessionDto> {
    const needsSetup = operator === null && (await countOperators(db)) === 0;
    return {
      needsSetup,
      operator: operator ? toOperatorDto(operator) : null,
      locked,
      idleLockMinutes: options.idleLockMinutes,
    };
  }

  async function changed(): Promise<SessionDto> {
    const s = await status();
    options.onChange(s);
    return s;
  }

  function armTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!operator || locked || disposed) return;
    const due = lastActivity + idleMs - now().getTime();
    timer = setTimeout(() => void checkIdle(), Math.max(due, 0));
    timer.unref?.();
  }

  async function checkIdle(): Promise<void> {
    if (!operator || locked || disposed) return;
    if (now().getTime() - lastActivity >= idleMs) {
      locked = true;
      await db.transaction((tx) =>
        appendAudit(tx, { operatorId: operator!.id, action: 'operator.idle-locked' }, now),
      );
      await changed();
    } else {
      armTimer();
    }
  }

  function startSession(o: Operator): void {
    operator = o;
    locked = false;
    lastActivity = now().getTime();
    armTimer();
  }

  function refuseLogin(result: AuthResult): never {
    if (result.ok) throw new Error('unreachable');
    throw loginRefusal(result);
  }

  return {
    status,

    async authorize(access) {
      if (access === 'public') return operator;
      if (!operator) throw new AccessError('not-logged-in');
      // Activity is the moment the call arrived, not when its checks finished: a call that was
      // in flight across the idle limit must not make the session look fresh.
      const arrivedAt = now().getTime();
      // The idle timer may not have fired yet (a sleeping laptop): check the clock itself.
      if (!locked && now().getTime() - lastActivity >= idleMs) await checkIdle();
      if (locked) throw new AccessError('session-locked');
      // Roles and the disabled flag are read fresh: an administrator's change applies at once.
      const fresh = await getOperator(db, operator.id);
      if (fresh.disabled) {
        operator = null;
        await changed();
        throw new AccessError('login-disabled');
      }
      operator = fresh;
      // A password an administrator set is known to two people: nothing works until it is changed.
      if (fresh.mustChangePassword) throw new AccessError('password-change-required');
      if (!roleAllowed(access, fresh.role)) throw new AccessError('forbidden-role');
      if (locked) throw new AccessError('session-locked');
      // Every call let through counts, the resident window's too: a resident entering PINs keeps
      // the counter session open, the clerk at their side.
      lastActivity = Math.max(lastActivity, arrivedAt);
      armTimer();
      return fresh;
    },

    async setupAdmin(input) {
      if ((await countOperators(db)) > 0) throw new AccessError('setup-already-done');
      if (!isAcceptableOperatorPassword(input.password))
        throw new AccessError('password-too-short');
      const id = await createOperator(db, { ...input, role: 'admin', createdBy: null });
      startSession(await getOperator(db, id));
      return changed();
    },

    async login(loginId, password) {
      const result = await authenticateOperator(db, loginId, password, now);
      if (!result.ok) refuseLogin(result);
      startSession(result.operator);
      return changed();
    },

    async logout() {
      let refused: unknown = null;
      if (operator) {
        const entry = { operatorId: operator.id, action: 'operator.logout' };
        const at = now();
        try {
          await db.transaction((tx) => appendAudit(tx, entry, () => at));
        } catch (e) {
          if (options.keepAudit) await options.keepAudit(entry, at, e);
          else refused = e;
        }
      }
      // Whatever became of its audit row: a full disk never keeps a clerk logged in.
      operator = null;
      locked = false;
      armTimer();
      const session = await changed();
      if (refused !== null) throw refused;
      return session;
    },

    async unlock(password) {
      if (!operator) throw new AccessError('not-logged-in');
      // The same counted check as a login: 5 wrong passwords lock the account, then log out.
      const result = await authenticateOperator(db, operator.loginId, password, now);
      if (!result.ok) {
        if (result.reason !== 'invalid') {
          operator = null;
          locked = false;
          await changed();
        }
        refuseLogin(result);
      }
      startSession(result.operator);
      return changed();
    },

    async changePassword(currentPassword, newPassword) {
      if (!operator) throw new AccessError('not-logged-in');
      if (locked) throw new AccessError('session-locked');
      if (!isAcceptableOperatorPassword(newPassword)) throw new AccessError('password-too-short');
      if (newPassword === currentPassword) throw new AccessError('password-reused');
      const result = await authenticateOperator(db, operator.loginId, currentPassword, now);
      if (!result.ok) {
        if (result.reason !== 'invalid') {
          operator = null;
          await changed();
        }
        refuseLogin(result);
      }
      const hash = await hashPassword(newPassword);
      const id = result.operator.id;
      await db.transaction(async (tx) => {
        await resetOperatorPassword(tx, id, hash, { mustChange: false }, now);
        await appendAudit(tx, { operatorId: id, action: 'operator.password-changed' }, now);
      });
      startSession(await getOperator(db, id));
      return changed();
    },

    async activity() {
      if (operator && !locked) {
        lastActivity = now().getTime();
        armTimer();
      }
      return status();
    },

    currentOperatorId: () => operator?.id ?? null,

    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
