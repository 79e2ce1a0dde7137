// 本人確認書類: the identity documents a counter accepts and which sets of them suffice.

/** List A: one suffices (photo ID). */
export const DOCUMENTS_A = [
  'driving-licence', // 運転免許証
  'driving-history', // 運転経歴証明書
  'passport', // 旅券
  'residence-card', // 在留カード
  'special-permanent-resident', // 特別永住者証明書
  'disability-physical', // 身体障害者手帳
  'disability-mental', // 精神障害者保健福祉手帳
  'disability-intellectual', // 療育手帳
  'juki-card-photo', // 住民基本台帳カード（写真付き）
] as const;
/** List B: two different ones are needed. */
export const DOCUMENTS_B = [
  'health-insurance', // 健康保険の資格確認書・被保険者証
  'pension-book', // 年金手帳・基礎年金番号通知書
  'long-term-care', // 介護保険被保険者証
  'medical-recipient', // 医療受給者証
  'employee-id', // 社員証（写真付き）
  'student-id', // 学生証（写真付き）
  'bankbook', // 預金通帳・キャッシュカード
  'maternal-handbook', // 母子健康手帳
] as const;
export const DOCUMENT_KINDS = [...DOCUMENTS_A, ...DOCUMENTS_B] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isListA(kind: DocumentKind): boolean {
  return (DOCUMENTS_A as readonly string[]).includes(kind);
}

export function isListB(kind: DocumentKind): boolean {
  return (DOCUMENTS_B as readonly string[]).includes(kind);
}

/** True when `kinds` is one of list A, or two different of list B (or more). */
export function isValidDocumentSet(kinds: readonly DocumentKind[]): boolean {
  const unique = new Set(kinds);
  if (unique.size !== kinds.length) return false;
  const a = kinds.filter(isListA).length;
  const b = kinds.filter(isListB).length;
  return a >= 1 || b >= 2;
}

/** A photo ID of list A was shown: the face check is then optional for a PIN reset or renewal. */
export function hasListA(kinds: readonly DocumentKind[]): boolean {
  return kinds.some(isListA);
}
