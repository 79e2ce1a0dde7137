// The administrator's calls: the operators (list, add, disable, reset a password) and the database backup.
import { defineStore } from 'pinia';
import type { RequestOf } from '../../../preload/contract/channels';
import { callCounter } from '../counter-call';

export const useAdminStore = defineStore('admin', () => {
  const listOperators = () => callCounter(() => window.counter.admin.listOperators({}));
  const createOperator = (request: RequestOf<'admin:create-operator'>) =>
    callCounter(() => window.counter.admin.createOperator(request));
  const setOperatorDisabled = (operatorId: number, disabled: boolean) =>
    callCounter(() => window.counter.admin.setOperatorDisabled({ operatorId, disabled }));
  /** The password goes to main only; the caller has emptied its field already. */
  const resetOperatorPassword = (operatorId: number, password: string) =>
    callCounter(() => window.counter.admin.resetOperatorPassword({ operatorId, password }));
  const backupDatabase = () => callCounter(() => window.counter.admin.backupDatabase({}));

  return {
    listOperators,
    createOperator,
    setOperatorDisabled,
    resetOperatorPassword,
    backupDatabase,
  };
});
