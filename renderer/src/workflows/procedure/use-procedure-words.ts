// A procedure's own words: its name (返納・廃棄の記録 is the 廃止 that only records a return) and its
// steps' names (交付 and 代理人交付 say 暗証番号の設定 and お渡し where the card's procedures say
// 暗証番号の入力).
import { useI18n } from 'vue-i18n';
import type { AppError } from '../../../../preload/contract/errors';
import type { ProcedureKind, ProcedureStep } from '../../../../preload/contract/procedure';
import { useFormat } from '../../use-format';

/** The key of a procedure's words: its kind, or 'return' for the return-only 廃止. */
export function kindKey(kind: ProcedureKind, returnOnly: boolean): ProcedureKind | 'return' {
  return kind === 'revocation' && returnOnly ? 'return' : kind;
}

export function useProcedureWords() {
  const { t } = useI18n();

  const kind = (k: ProcedureKind, returnOnly = false) => t(`life.kinds.${kindKey(k, returnOnly)}`);
  const step = (k: ProcedureKind, s: ProcedureStep) =>
    t(k === 'issuance' || k === 'representative' ? `issuance.steps.${s}` : `life.steps.${s}`);

  return { kind, step };
}

/** The procedure a refusal names, in one line: whose, which, since when (null when it names none). */
export function useOpenProcedureFacts() {
  const { t } = useI18n();
  const format = useFormat();
  const words = useProcedureWords();
  return (open: AppError['openProcedure'] | null | undefined): string | null =>
    open
      ? t('oneResident.openFacts', {
          name: open.residentName,
          kind: words.kind(open.kind),
          time: format.japanDateTime(open.startedAt),
        })
      : null;
}
