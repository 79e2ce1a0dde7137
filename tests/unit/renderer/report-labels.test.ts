// The 日報 says the same words on screen and on paper: both take them from the contract's labels.
import { describe, expect, it } from 'vitest';
import { PROCEDURE_KINDS } from '../../../preload/contract/procedure-kinds';
import { REISSUE_REASONS } from '../../../preload/contract/rules/reasons';
import {
  PROCEDURE_KIND_LABELS,
  REPORT_FEE_LABELS,
  REPORT_OUTCOME_LABELS,
  REPORT_STOCK_LABELS,
  waiverReasonLabel,
} from '../../../preload/contract/rules/report-labels';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';

describe('日報 labels', () => {
  it('the screen shows the labels the PDF prints', () => {
    for (const [messages, lang] of [
      [ja, 'ja'],
      [en, 'en'],
    ] as const) {
      expect(messages.reports.completed).toBe(REPORT_OUTCOME_LABELS.completed[lang]);
      expect(messages.reports.cancelled).toBe(REPORT_OUTCOME_LABELS.cancelled[lang]);
      expect(messages.reports.open).toBe(REPORT_OUTCOME_LABELS.open[lang]);
      expect(messages.reports.paid).toBe(REPORT_FEE_LABELS.paid[lang]);
      expect(messages.reports.waived).toBe(REPORT_FEE_LABELS.waived[lang]);
      for (const [k, label] of Object.entries(REPORT_STOCK_LABELS))
        expect(messages.reports.stock[k as keyof typeof REPORT_STOCK_LABELS]).toBe(label[lang]);
      for (const kind of PROCEDURE_KINDS)
        expect(messages.life.kinds[kind]).toBe(PROCEDURE_KIND_LABELS[kind][lang]);
    }
  });

  it('every waiver reason code has words; the clerk’s own text stays as typed', () => {
    for (const reason of [...REISSUE_REASONS, 'free-by-rule'])
      expect(waiverReasonLabel(reason).ja).not.toBe(reason);
    expect(waiverReasonLabel('災害救助法の適用')).toEqual({
      ja: '災害救助法の適用',
      en: '災害救助法の適用',
    });
  });
});
