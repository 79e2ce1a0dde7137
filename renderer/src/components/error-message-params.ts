// The figures some error messages state, from the rules main enforces (never typed into a message),
// and the names a refusal's detail carries.
import type { AppError, ErrorCode } from '../../../preload/contract/errors';
import {
  APPROVAL_PAUSE_MINUTES,
  LOCK_MINUTES,
  MAX_APPROVAL_FAILURES,
  MAX_FAILED_ATTEMPTS,
  OPERATOR_PASSWORD_MIN_LENGTH,
} from '../../../preload/contract/rules/operator-password';

export const ERROR_MESSAGE_PARAMS: Partial<Record<ErrorCode, Record<string, number>>> = {
  'password-too-short': { min: OPERATOR_PASSWORD_MIN_LENGTH },
  'login-locked': { tries: MAX_FAILED_ATTEMPTS, minutes: LOCK_MINUTES },
  'approval-paused': { tries: MAX_APPROVAL_FAILURES, minutes: APPROVAL_PAUSE_MINUTES },
};

/** Messages that name something the refusal's detail carries (the other office counter's number). */
export const ERROR_DETAIL_PARAMS: Partial<Record<ErrorCode, string>> = {
  'other-counter-open': 'counter',
};

/** Every figure and name the message of `error` states. */
export function errorMessageParams(error: AppError): Record<string, number | string> {
  const fromDetail = ERROR_DETAIL_PARAMS[error.code];
  return {
    ...(ERROR_MESSAGE_PARAMS[error.code] ?? {}),
    ...(fromDetail && error.detail !== undefined ? { [fromDetail]: error.detail } : {}),
  };
}
