// The administrator's work on operator accounts: list, create, disable or enable, reset a password.
import type { OperatorDto } from '../../preload/contract/dto';
import type { Role } from '../../preload/contract/rules/roles';
import { isAcceptableOperatorPassword } from '../../preload/contract/rules/operator-password';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import {
  getOperator,
  listOperators,
  resetOperatorPassword,
  setOperatorDisabled,
} from '../db/repositories/operators';
import { createOperator } from './operator-accounts';
import { AccessError, toOperatorDto } from './operator-session';
import type { PasswordHasher } from './password-hash';

export interface OperatorAdminDeps {
  db(): Db;
  readonly hasher: PasswordHasher;
  readonly now: Clock;
}

export interface NewOperator {
  readonly loginId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export interface OperatorAdmin {
  list(): Promise<OperatorDto[]>;
  /** The administrator chose this first password: the new operator replaces it at first login. */
  create(operator: NewOperator, adminId: number): Promise<OperatorDto>;
  setDisabled(target: number, disabled: boolean, adminId: number): Promise<OperatorDto>;
  /** A password the administrator chose: the operator must replace it at the next login. */
  resetPassword(target: number, password: string, adminId: number): Promise<OperatorDto>;
}

export function createOperatorAdmin(deps: OperatorAdminDeps): OperatorAdmin {
  const { hasher, now } = deps;
  const dto = async (id: number) => toOperatorDto(await getOperator(deps.db(), id));

  return {
    async list() {
      return (await listOperators(deps.db())).map(toOperatorDto);
    },

    async create(operator, adminId) {
      if (!isAcceptableOperatorPassword(operator.password))
        throw new AccessError('password-too-short');
      const id = await createOperator(
        deps.db(),
        hasher,
        { ...operator, createdBy: adminId, mustChangePassword: true },
        now,
      );
      return dto(id);
    },

    async setDisabled(target, disabled, adminId) {
      // An administrator cannot lock themselves out of the machine.
      if (target === adminId && disabled) throw new AccessError('forbidden-role');
      await deps.db().transaction(async (tx) => {
        await setOperatorDisabled(tx, target, disabled);
        await appendAudit(
          tx,
          {
            operatorId: adminId,
            action: disabled ? 'operator.disabled' : 'operator.enabled',
            details: { operator: target },
          },
          now,
        );
      });
      return dto(target);
    },

    async resetPassword(target, password, adminId) {
      if (!isAcceptableOperatorPassword(password)) throw new AccessError('password-too-short');
      const hash = await hasher.hash(password);
      await deps.db().transaction(async (tx) => {
        await resetOperatorPassword(tx, target, hash, { mustChange: true }, now);
        await appendAudit(
          tx,
          { operatorId: adminId, action: 'operator.password-reset', details: { operator: target } },
          now,
        );
      });
      return dto(target);
    },
  };
}
