// auth:* — the operator's session: first administrator, login, lock, password change.
import { ok } from '../../../preload/contract/result';
import type { OperatorSessions } from '../../operators/operator-session';
import type { HandlerPart } from './handler-table';

export type AuthChannel =
  | 'auth:get-session'
  | 'auth:setup-admin'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:unlock'
  | 'auth:report-activity'
  | 'auth:change-password';

export function authHandlers(deps: { sessions(): OperatorSessions }): HandlerPart<AuthChannel> {
  const { sessions } = deps;
  return {
    'auth:get-session': async () => ok(await sessions().status()),
    'auth:setup-admin': async (r) => ok(await sessions().setupAdmin(r)),
    'auth:login': async ({ loginId, password }) => ok(await sessions().login(loginId, password)),
    'auth:logout': async () => ok(await sessions().logout()),
    'auth:unlock': async ({ password }) => ok(await sessions().unlock(password)),
    'auth:report-activity': async () => ok(await sessions().activity()),
    'auth:change-password': async ({ currentPassword, newPassword }) =>
      ok(await sessions().changePassword(currentPassword, newPassword)),
  };
}
