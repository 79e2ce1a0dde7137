// The fee of a reissue (再交付手数料): which reasons are charged, the amounts with and without
// certificates, 特急発行 in place of the standard fee, and the words of each line, for the screens
// and the fee receipt alike. The amounts come from the rule set in force (rule-sets.ts).
import type { FeeDto } from '../lifecycle';
import type { Label, ReissueReason } from './reasons';
import { RULE_SET_2024_12, type RuleSet } from './rule-sets';

/** Reasons the resident pays for under a rule set; the others are free by rule. */
export function isChargedReissue(
  reason: ReissueReason,
  rules: RuleSet = RULE_SET_2024_12,
): boolean {
  return rules.fees.chargedReissueReasons.includes(reason);
}

export interface ReissueFeeQuestion {
  readonly reason: ReissueReason;
  readonly express: boolean;
  /** The resident wants the certificates on the new card (the usual case). */
  readonly withCertificates: boolean;
}

/**
 * The fee of a reissue under `rules`. Express replaces the standard fee; it is only for a charged
 * reason (who may ask for it is express.ts's rule, checked before).
 */
export function reissueFee(q: ReissueFeeQuestion, rules: RuleSet = RULE_SET_2024_12): FeeDto {
  const f = rules.fees;
  if (!isChargedReissue(q.reason, rules)) {
    if (q.express) throw new Error('express not allowed');
    return { amountYen: 0, lines: [], freeByRule: true };
  }
  if (q.express) {
    const yen = q.withCertificates ? f.expressWithCertificatesYen : f.expressWithoutCertificatesYen;
    return { amountYen: yen, lines: [{ item: 'express', yen }], freeByRule: false };
  }
  const lines: FeeDto['lines'][number][] = [{ item: 'card', yen: f.reissueCardYen }];
  if (q.withCertificates) lines.push({ item: 'certificates', yen: f.reissueCertificatesYen });
  return { amountYen: lines.reduce((sum, l) => sum + l.yen, 0), lines, freeByRule: false };
}

export const FEE_LINE_LABELS: Readonly<Record<FeeDto['lines'][number]['item'], Label>> = {
  card: { ja: 'カード再交付', en: 'Card reissue' },
  certificates: { ja: '電子証明書再発行', en: 'Certificate reissue' },
  express: { ja: '特急発行', en: 'Express issue' },
};
