// The extra line under a refused login, unlock or approval: tries left, or until when it is locked (Japan time).
import { useI18n } from 'vue-i18n';
import type { AppError } from '../../../../preload/contract/errors';
import { useFormat } from '../../use-format';

export function useLoginErrorHint() {
  const { t } = useI18n();
  const format = useFormat();

  return (error: AppError | null): string | undefined => {
    if (!error?.detail) return undefined;
    if (error.code === 'login-invalid' && /^\d+$/.test(error.detail)) {
      return t('login.triesLeft', { n: Number(error.detail) });
    }
    if (error.code === 'login-locked') {
      return t('login.lockedUntil', { time: format.japanDateTime(error.detail) });
    }
    if (error.code === 'approval-paused') {
      return t('approval.pausedUntil', { time: format.japanDateTime(error.detail) });
    }
    return undefined;
  };
}
