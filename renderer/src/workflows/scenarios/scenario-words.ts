// The words of a scenario's score on screen: the verdict and the time taken, in the clerk's language.
import { useI18n } from 'vue-i18n';

export function useScenarioWords() {
  const { t } = useI18n();
  const verdict = (passed: boolean) => t(passed ? 'scenarios.passed' : 'scenarios.failed');
  const duration = (seconds: number) => {
    const m = Math.floor(seconds / 60);
    return m > 0
      ? t('scenarios.minutes', { m, s: seconds % 60 })
      : t('scenarios.seconds', { s: seconds });
  };
  return { verdict, duration };
}
