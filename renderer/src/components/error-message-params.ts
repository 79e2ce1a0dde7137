// The figures some error messages state, from the rules main enforces (never typed into a message).
import type { ErrorCode } from '../../../preload/contract/errors';
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
