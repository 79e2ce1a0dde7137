// The words of the 日報, for its screen and its PDF alike: procedure kinds, outcomes, fees, card stock.
import type { ProcedureKind } from '../procedure-kinds';
import { REISSUE_REASON_LABELS, type Label, type ReissueReason } from './reasons';

/** The procedures by name, as the 日報 (screen and PDF), the history and the screens say them. */
export const PROCEDURE_KIND_LABELS: Readonly<Record<ProcedureKind, Label>> = {
  issuance: { ja: '交付', en: 'Issuance' },
  suspension: { ja: '一時停止の登録', en: 'Register a suspension' },
  release: { ja: '一時停止の解除', en: 'Release a suspension' },
  'pin-reset': { ja: '暗証番号の初期化・再設定', en: 'PIN reset or change' },
  revocation: { ja: '廃止', en: 'Revocation' },
  reissue: { ja: '再交付', en: 'Reissue' },
  renewal: { ja: '電子証明書の更新', en: 'Certificate renewal' },
  representative: { ja: '代理人交付', en: 'Issuance to a representative' },
  'card-change': { ja: '券面記載事項の変更', en: 'Change of the card facts' },
  'card-kind': { ja: '顔認証カードの切替', en: 'Face-authentication card switch' },
};

/** How the day's procedures stand: the three columns of the 日報. */
export const REPORT_OUTCOME_LABELS = {
  completed: { ja: '完了', en: 'Completed' },
  cancelled: { ja: '中止', en: 'Cancelled' },
  open: { ja: '未完了', en: 'Unfinished' },
} satisfies Record<string, Label>;

/** The fees: received at the counter, or waived. */
export const REPORT_FEE_LABELS = {
  paid: { ja: '受領', en: 'Paid' },
  waived: { ja: '免除', en: 'Waived' },
} satisfies Record<string, Label>;

/** The card stock's lines (在庫照合). */
export const REPORT_STOCK_LABELS = {
  received: { ja: '入庫', en: 'Received' },
  issued: { ja: '交付', en: 'Issued' },
  returned: { ja: '返納', en: 'Returned' },
  destroyed: { ja: '廃棄（穴あけ）', en: 'Destroyed (punched)' },
  uncollectedDestroyed: {
    ja: 'うち受け取られなかったカードの廃棄',
    en: 'Of which uncollected cards destroyed',
  },
  inStockAtEnd: { ja: '当日終了時の在庫', en: 'In stock at day end' },
} satisfies Record<string, Label>;

const FREE_BY_RULE: Label = { ja: '規定により無料', en: 'Free by rule' };

/** A waiver's reason in words: a reissue reason's label, the rule's, or the clerk's own text. */
export function waiverReasonLabel(reason: string): Label {
  if (reason === 'free-by-rule') return FREE_BY_RULE;
  const code = Object.keys(REISSUE_REASON_LABELS).find((k) => k === reason) as
    ReissueReason | undefined;
  return code ? REISSUE_REASON_LABELS[code] : { ja: reason, en: reason };
}

/** The line that names the dated rule set the day's fees were charged under. */
export const REPORT_RULE_SET_LABEL: Label = { ja: '適用した規則', en: 'Rules in force' };
