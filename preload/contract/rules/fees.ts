// The fee of a reissue (再交付手数料): which reasons are charged, which may be express, the amounts
// and the words of each line, for the screens and the fee receipt alike.
import type { FeeDto } from '../lifecycle';
import type { Label, ReissueReason } from './reasons';

/** Reasons the resident pays for: ¥800 for the card and ¥200 for the certificates. */
export const CHARGED_REISSUE_REASONS: readonly ReissueReason[] = [
  'lost',
  'damaged',
  'own-wish',
  'missed-renewal',
];
/** Only a lost card may be issued express (特急発行). */
export const EXPRESS_REISSUE_REASONS: readonly ReissueReason[] = ['lost'];

/** The fee of a reissue. Express replaces the standard fee by ¥2,000. */
export function reissueFee(reason: ReissueReason, express: boolean): FeeDto {
  if (express && !EXPRESS_REISSUE_REASONS.includes(reason)) throw new Error('express not allowed');
  if (!CHARGED_REISSUE_REASONS.includes(reason))
    return { amountYen: 0, lines: [], freeByRule: true };
  if (express)
    return { amountYen: 2000, lines: [{ item: 'express', yen: 2000 }], freeByRule: false };
  return {
    amountYen: 1000,
    lines: [
      { item: 'card', yen: 800 },
      { item: 'certificates', yen: 200 },
    ],
    freeByRule: false,
  };
}

export const FEE_LINE_LABELS: Readonly<Record<FeeDto['lines'][number]['item'], Label>> = {
  card: { ja: 'カード再交付', en: 'Card reissue' },
  certificates: { ja: '電子証明書再発行', en: 'Certificate reissue' },
  express: { ja: '特急発行', en: 'Express issue' },
};
