// admin:* — the administrator's tools: operator accounts and the database backup.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '../../../preload/contract/result';
import type { RecordAudit } from '../../audit/operator-audit';
import type { Clock } from '../../db/clock';
import { backupDatabase } from '../../db/backup';
import type { Db } from '../../db/connection';
import { fileStamp } from '../../documents/file-stamp';
import type { OperatorAdmin } from '../../operators/operator-admin';
import type { HandlerPart } from './handler-table';

export type AdminChannel =
  | 'admin:list-operators'
  | 'admin:create-operator'
  | 'admin:set-operator-disabled'
  | 'admin:reset-operator-password'
  | 'admin:backup-database';

export interface AdminHandlerDeps {
  readonly operators: OperatorAdmin;
  db(): Db;
  /** The administrator of the current call. */
  operatorId(): number;
  readonly audit: RecordAudit;
  /** The folder of backups: the configuration's, outside the data folder by default. */
  readonly backupsDir: string;
  readonly now: Clock;
}

export function adminHandlers(deps: AdminHandlerDeps): HandlerPart<AdminChannel> {
  const { operators, operatorId } = deps;
  return {
    'admin:list-operators': async () => ok(await operators.list()),
    'admin:create-operator': async (r) => ok(await operators.create(r, operatorId())),
    'admin:set-operator-disabled': async ({ operatorId: target, disabled }) =>
      ok(await operators.setDisabled(target, disabled, operatorId())),
    'admin:reset-operator-password': async ({ operatorId: target, password }) =>
      ok(await operators.resetPassword(target, password, operatorId())),
    'admin:backup-database': async () => {
      mkdirSync(deps.backupsDir, { recursive: true, mode: 0o700 });
      const dest = join(deps.backupsDir, `issuance-${fileStamp(deps.now())}.sqlite3`);
      const result = await backupDatabase(deps.db(), dest);
      await deps.audit('database.backup', { bytes: result.bytes });
      return ok({ path: result.path, bytes: result.bytes });
    },
  };
}
