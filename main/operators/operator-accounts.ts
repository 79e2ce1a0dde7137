// A new operator account: the password hashed at the hasher's cost, then the row and its audit row in one transaction.
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { insertOperator, type OperatorRole } from '../db/repositories/operators';
import { appendAudit } from '../audit/audit-log';
import type { PasswordHasher } from './password-hash';

export interface NewOperatorAccount {
  readonly loginId: string;
  readonly displayName: string;
  readonly role: OperatorRole;
  readonly password: string;
  /** Who creates the account (an administrator); null for the first administrator. */
  readonly createdBy: number | null;
  /** True when someone else chose the password: the operator must change it at first login. */
  readonly mustChangePassword?: boolean;
}

/** Hashes outside the write queue (scrypt takes a while), then inserts in one transaction. */
export async function createOperator(
  db: Db,
  hasher: PasswordHasher,
  o: NewOperatorAccount,
  clock?: Clock,
): Promise<number> {
  const passwordHash = await hasher.hash(o.password);
  return db.transaction(async (tx) => {
    const id = await insertOperator(tx, { ...o, passwordHash }, clock);
    await appendAudit(
      tx,
      {
        operatorId: o.createdBy ?? id,
        action: 'operator.created',
        details: { operator: id, role: o.role },
      },
      clock,
    );
    return id;
  });
}
