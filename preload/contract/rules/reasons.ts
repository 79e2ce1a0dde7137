// Why a card is revoked (廃止) or reissued (再交付), the CRL reason each revocation writes, and the
// words for all of them, in Japanese and English: the printed documents and the screens use these.

/** Words of a code in the two languages of the counter: Japanese (and the documents), English. */
export interface Label {
  readonly ja: string;
  readonly en: string;
}

/** One language of a label table, for a message set or a document. */
export function labelsIn<K extends string>(
  language: keyof Label,
  table: Readonly<Record<K, Label>>,
): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Label>(table).map(([code, label]) => [code, label[language]]),
  ) as Record<K, string>;
}

// ---- 廃止 ----

/** The reasons a card is revoked (廃止). */
export const REVOCATION_REASONS = [
  'lost',
  'stolen',
  'returned',
  'expired',
  'moved-abroad',
  'death',
  'record-deleted',
  'number-changed',
  'damaged',
  'found-after-reissue',
] as const;
export type CardRevocationReason = (typeof REVOCATION_REASONS)[number];

export const REVOCATION_REASON_LABELS: Readonly<Record<CardRevocationReason, Label>> = {
  lost: { ja: '紛失（発見されず）', en: 'Lost (not found)' },
  stolen: { ja: '盗難', en: 'Stolen' },
  returned: { ja: '返納', en: 'Returned' },
  expired: { ja: '有効期限切れ', en: 'Expired' },
  'moved-abroad': { ja: '国外転出', en: 'Moved abroad' },
  death: { ja: '死亡', en: 'Death' },
  'record-deleted': { ja: '住民票消除', en: 'Residence record deleted' },
  'number-changed': { ja: '個人番号の変更', en: 'My Number changed' },
  damaged: { ja: '破損', en: 'Damaged' },
  'found-after-reissue': { ja: '再交付後に発見', en: 'Found after a reissue' },
};

/**
 * RFC 5280 CRLReason names the authority writes on its CRL for a revocation. certificateHold is
 * not among them: a hold is not a revocation (the authority's hold() writes it).
 */
export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
] as const;
export type CrlReason = (typeof CRL_REASONS)[number];

/**
 * Each revocation reason's CRL reason. A card out of the holder's hands (lost, stolen) may have
 * been used by someone else: keyCompromise. A card replaced by another: superseded. A holder who
 * no longer holds a card at all: cessationOfOperation. A record deleted by the office:
 * privilegeWithdrawn.
 */
export const CRL_REASON_OF: Readonly<Record<CardRevocationReason, CrlReason>> = {
  lost: 'keyCompromise',
  stolen: 'keyCompromise',
  returned: 'cessationOfOperation',
  expired: 'cessationOfOperation',
  'moved-abroad': 'cessationOfOperation',
  death: 'cessationOfOperation',
  'record-deleted': 'privilegeWithdrawn',
  'number-changed': 'superseded',
  damaged: 'superseded',
  'found-after-reissue': 'superseded',
};

/** A CRL reason's words followed by its RFC name, which the clerk may meet in other systems. */
export const CRL_REASON_LABELS: Readonly<Record<CrlReason | 'certificateHold', Label>> = {
  unspecified: { ja: '理由の指定なし unspecified', en: 'No reason given unspecified' },
  keyCompromise: { ja: '鍵の危殆化 keyCompromise', en: 'Key compromise keyCompromise' },
  affiliationChanged: {
    ja: '登録内容の変更 affiliationChanged',
    en: 'Registered facts changed affiliationChanged',
  },
  superseded: {
    ja: '新しい証明書への切替 superseded',
    en: 'Replaced by a new certificate superseded',
  },
  cessationOfOperation: {
    ja: '利用の終了 cessationOfOperation',
    en: 'No longer used cessationOfOperation',
  },
  privilegeWithdrawn: {
    ja: '資格の取消し privilegeWithdrawn',
    en: 'Entitlement withdrawn privilegeWithdrawn',
  },
  certificateHold: { ja: '一時保留 certificateHold', en: 'On hold certificateHold' },
};

// ---- 再交付 ----

/** The reasons a card is reissued (再交付). */
export const REISSUE_REASONS = [
  'lost',
  'damaged',
  'own-wish',
  'missed-renewal',
  'expiry',
  'full-notes',
  'theft',
  'disaster',
  'office-error',
  'number-changed',
] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

export const REISSUE_REASON_LABELS: Readonly<Record<ReissueReason, Label>> = {
  lost: { ja: '紛失', en: 'Lost' },
  damaged: { ja: '破損・汚損', en: 'Damaged or soiled' },
  'own-wish': { ja: '本人の希望', en: 'Resident’s wish' },
  'missed-renewal': { ja: '継続利用の手続きをしなかった', en: 'Continued-use procedure missed' },
  expiry: { ja: '有効期限（3か月以内を含む）', en: 'Expiry (including within 3 months)' },
  'full-notes': { ja: '追記欄の余白がない', en: 'No space left for notes' },
  theft: { ja: '盗難', en: 'Theft' },
  disaster: { ja: '災害', en: 'Disaster' },
  'office-error': { ja: '市区町村の事務の誤り', en: 'Error of the office' },
  'number-changed': { ja: '個人番号の変更', en: 'My Number changed' },
};

/** The revocation a reissue records for the old card when it is not terminated yet. */
export const REVOCATION_OF_REISSUE: Readonly<Record<ReissueReason, CardRevocationReason>> = {
  lost: 'lost',
  damaged: 'damaged',
  'own-wish': 'returned',
  'missed-renewal': 'expired',
  expiry: 'expired',
  'full-notes': 'returned',
  theft: 'stolen',
  disaster: 'lost',
  'office-error': 'returned',
  'number-changed': 'number-changed',
};
