// Who is at the counter: login, first-administrator setup, idle lock and role checks, all in main.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Access } from '../../preload/contract/channels';
import type { OperatorDto, SessionDto, SetupCodeState } from '../../preload/contract/dto';
import { isAcceptableOperatorPassword } from '../../preload/contract/rules/operator-password';
import { COUNTER_ROLES, type Role } from '../../preload/contract/rules/roles';
import { appendAudit, type AuditEntry } from '../audit/audit-log';
import type { Db } from '../db/connection';
import {
  countOperators,
  getOperator,
  resetOperatorPassword,
  type Operator,
} from '../db/repositories/operators';
import type { WindowRole } from '../ipc/window-role';
import { createLoginChecker, type AuthResult } from './login-check';
import { createOperator } from './operator-accounts';
import type { PasswordHasher } from './password-hash';

/** A refusal the router turns into an AppError code. */
export class AccessError extends Error {
  override readonly name = 'AccessError';
  constructor(
    readonly code:
      | 'not-logged-in'
      | 'session-locked'
      | 'forbidden-role'
      | 'setup-already-done'
      | 'setup-code-invalid'
      | 'setup-code-missing'
      | 'login-invalid'
      | 'login-locked'
      | 'login-disabled'
      | 'password-too-short'
      | 'password-change-required'
      | 'password-reused'
      | 'approval-paused',
    readonly detail?: string,
  ) {
    super(code);
  }
}

/**
 * Who may create the first administrator. Production: only someone who types the setup code IT
 * put in the machine configuration (so whoever opens the app first does not become administrator);
 * with no code configured, nobody. Practice mode seeds its operators and needs no code.
 */
export type FirstAdminSetup =
  { readonly needsCode: false } | { readonly needsCode: true; readonly code: string | null };

export interface OperatorSessionOptions {
  readonly db: Db;
  readonly hasher: PasswordHasher;
  readonly setup: FirstAdminSetup;
  readonly idleLockMinutes: number;
  readonly now?: () => Date;
  /** Called on login, logout, lock and unlock, with the new state. */
  readonly onChange: (session: SessionDto) => void;
  /** Runs while the operator is still the session's, just before an idle lock or a logout. */
  readonly beforeEnd?: (why: 'lock' | 'logout') => Promise<void>;
  /**
   * Takes the logout's audit row when the database refused it (a full disk), to write it later.
   * Without it the refusal is thrown, after the session has ended all the same.
   */
  readonly keepAudit?: (entry: AuditEntry, at: Date, error: unknown) => Promise<void>;
}

export interface OperatorSessions {
  status(): Promise<SessionDto>;
  /**
   * The logged-in, unlocked operator allowed by `access`; throws AccessError otherwise. A call from
   * the clerk's window restarts the idle timer; one from the resident's window does not, and works
   * while the clerk's screen is locked (the resident's PIN entry goes on to its end).
   */
  authorize(access: Access, from?: WindowRole): Promise<Operator | null>;
  setupAdmin(input: {
    loginId: string;
    displayName: string;
    password: string;
    setupCode?: string | undefined;
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
 * Why a login was refused, as the error the router answers, with how many tries are left (the same
 * for an unknown login id as for a known one).
 */
export function loginRefusal(result: Exclude<AuthResult, { ok: true }>): AccessError {
  if (result.reason === 'locked') return new AccessError('login-locked', result.lockedUntil);
  if (result.reason === 'disabled') return new AccessError('login-disabled');
  return new AccessError('login-invalid', String(result.triesLeft));
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

/** The setup code as typed or configured: full-width characters (an IME left on) and spaces aside. */
function setupCodeDigest(code: string): Buffer {
  return createHash('sha256').update(code.normalize('NFKC').trim(), 'utf8').digest();
}

function setupCodeState(setup: FirstAdminSetup): SetupCodeState {
  if (!setup.needsCode) return 'not-needed';
  return setup.code ? 'required' : 'not-configured';
}

export function createOperatorSessions(options: OperatorSessionOptions): OperatorSessions {
  const { db, hasher, setup } = options;
  const now = options.now ?? (() => new Date());
  const logins = createLoginChecker({ db: () => db, hasher, now });
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
      setupCode: setupCodeState(setup),
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
      const operatorId = operator.id;
      locked = true;
      // Locked first, so that no call passes while the resident's procedure is parked.
      await options.beforeEnd?.('lock');
      // The lock holds whatever the disk says; a refused row is kept like a logout's, never thrown
      // from the timer.
      const entry = { operatorId, action: 'operator.idle-locked' };
      const at = now();
      try {
        await db.transaction((tx) => appendAudit(tx, entry, () => at));
      } catch (e) {
        await options.keepAudit?.(entry, at, e).catch(() => undefined);
      }
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

  /** The first administrator's setup code, compared in constant time; a wrong one is audited. */
  async function checkSetupCode(typed: string | undefined): Promise<void> {
    if (!setup.needsCode) return;
    if (!setup.code) throw new AccessError('setup-code-missing');
    if (timingSafeEqual(setupCodeDigest(typed ?? ''), setupCodeDigest(setup.code))) return;
    await db.transaction((tx) =>
      appendAudit(tx, { operatorId: null, action: 'operator.setup-code-refused' }, now),
    );
    throw new AccessError('setup-code-invalid');
  }

  function refuseLogin(result: AuthResult): never {
    if (result.ok) throw new Error('unreachable');
    throw loginRefusal(result);
  }

  return {
    status,

    async authorize(access, from = 'clerk') {
      if (access === 'public') return operator;
      if (!operator) throw new AccessError('not-logged-in');
      // Activity is the moment the call arrived, not when its checks finished: a call that was
      // in flight across the idle limit must not make the session look fresh.
      const arrivedAt = now().getTime();
      // The idle timer may not have fired yet (a sleeping laptop): check the clock itself.
      if (!locked && now().getTime() - lastActivity >= idleMs) await checkIdle();
      // The lock hides the clerk's screen; the resident's PIN entry beside it goes on to its end,
      // and the procedure waits at its next clerk step until the operator unlocks.
      const passesLock = access === 'resident';
      if (locked && !passesLock) throw new AccessError('session-locked');
      // Roles and the disabled flag are read fresh: an administrator's change applies at once.
      const fresh = await getOperator(db, operator.id);
      // A logout (or another login) while the read was on its way: this call is not the session's.
      if (operator?.id !== fresh.id) throw new AccessError('not-logged-in');
      if (fresh.disabled) {
        operator = null;
        await changed();
        throw new AccessError('login-disabled');
      }
      operator = fresh;
      // A password an administrator set is known to two people: nothing works until it is changed.
      if (fresh.mustChangePassword) throw new AccessError('password-change-required');
      if (!roleAllowed(access, fresh.role)) throw new AccessError('forbidden-role');
      if (locked && !passesLock) throw new AccessError('session-locked');
      // Only the clerk's own window is the clerk's activity: the resident's calls (anyone at the
      // resident screen can make them) never keep the clerk's session open.
      if (from === 'clerk') {
        lastActivity = Math.max(lastActivity, arrivedAt);
        armTimer();
      }
      return fresh;
    },

    async setupAdmin(input) {
      if ((await countOperators(db)) > 0) throw new AccessError('setup-already-done');
      await checkSetupCode(input.setupCode);
      if (!isAcceptableOperatorPassword(input.password))
        throw new AccessError('password-too-short');
      const { loginId, displayName, password } = input;
      const id = await createOperator(
        db,
        hasher,
        { loginId, displayName, password, role: 'admin', createdBy: null },
        now,
      );
      startSession(await getOperator(db, id));
      return changed();
    },

    async login(loginId, password) {
      const result = await logins.check(loginId, password);
      if (!result.ok) refuseLogin(result);
      startSession(result.operator);
      return changed();
    },

    async logout() {
      let refused: unknown = null;
      if (operator) await options.beforeEnd?.('logout');
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
      const result = await logins.check(operator.loginId, password);
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
      const result = await logins.check(operator.loginId, currentPassword);
      if (!result.ok) {
        if (result.reason !== 'invalid') {
          operator = null;
          await changed();
        }
        refuseLogin(result);
      }
      const hash = await hasher.hash(newPassword);
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
