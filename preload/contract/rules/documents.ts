// 本人確認書類: the identity documents a counter accepts and which sets of them suffice, for the
// resident in person and for 代理人交付 (with its reasons and the 照会書's validity).

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

// ---- 代理人交付: the card handed to a representative ----

/** List B documents that carry the holder's photo (社員証・学生証 with a photo). */
export const PHOTO_DOCUMENTS_B = ['employee-id', 'student-id'] as const;

/** The document shows its holder's photo (every list A document, the photo ones of list B). */
export function hasPhoto(kind: DocumentKind): boolean {
  return isListA(kind) || (PHOTO_DOCUMENTS_B as readonly string[]).includes(kind);
}

/**
 * The resident's documents the representative brings: two of list A, one of A and one of B, or
 * three of list B with at least one photo (the face check compares the application photo with it).
 */
export function isValidAbsentResidentSet(kinds: readonly DocumentKind[]): boolean {
  if (new Set(kinds).size !== kinds.length) return false;
  const a = kinds.filter(isListA).length;
  const b = kinds.filter(isListB).length;
  return a >= 2 || (a >= 1 && b >= 1) || (b >= 3 && kinds.some(hasPhoto));
}

/** The representative's own documents: two of list A, or one of A and one of B. */
export function isValidRepresentativeSet(kinds: readonly DocumentKind[]): boolean {
  if (new Set(kinds).size !== kinds.length) return false;
  const a = kinds.filter(isListA).length;
  const b = kinds.filter(isListB).length;
  return a >= 2 || (a >= 1 && b >= 1);
}

/**
 * やむを得ない理由: why the resident cannot come. Being busy (仕事・多忙) is not one of them, so it is
 * not on the list.
 */
export const DELIVERY_REASONS = [
  'age-75', // 75歳以上
  'illness', // 病気
  'disability', // 身体の障害
  'pregnancy', // 妊娠中
  'hospital-stay', // 長期入院
  'care-facility', // 施設入所
  'long-term-care', // 要介護・要支援認定
  'preschool', // 未就学児
  'student', // 就学中（中学生・高校生・大学生等）
] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/** The age from which age alone is a reason (the birth date shows it; no other proof). */
export const DELIVERY_MIN_AGE = 75;

/** Who the representative is to the resident (法定代理人: the proof of it, not a 委任状). */
export const DELIVERY_RELATIONS = [
  'child',
  'spouse',
  'parent',
  'sibling',
  'grandchild',
  'other-relative',
  'care-staff',
  'legal-representative',
  'other',
] as const;
export type DeliveryRelation = (typeof DELIVERY_RELATIONS)[number];

/** What shows the representative may act: the resident's 委任状 or proof of legal representation. */
export const DELIVERY_AUTHORITIES = ['power-of-attorney', 'legal-proof'] as const;
export type DeliveryAuthority = (typeof DELIVERY_AUTHORITIES)[number];

/** A legal representative shows proof of it (戸籍謄本, 登記事項証明書); anyone else a 委任状. */
export function authorityFor(relation: DeliveryRelation): DeliveryAuthority {
  return relation === 'legal-representative' ? 'legal-proof' : 'power-of-attorney';
}

/**
 * Days the 照会書兼回答書 is valid from the day it is printed: a month for the post both ways and
 * the resident's answer; after that the request is made again.
 */
export const INQUIRY_VALID_DAYS = 30;

/** The last day (YYYY-MM-DD) the 照会書 printed on `sentOn` (YYYY-MM-DD) is accepted. */
export function inquiryValidUntil(sentOn: string): string {
  const d = new Date(`${sentOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + INQUIRY_VALID_DAYS);
  return d.toISOString().slice(0, 10);
}

/** The 照会書's number: 照会 + the office's running form (SK-YYYY-NNNNNN). */
export const INQUIRY_NUMBER_PATTERN = /^SK-\d{4}-\d{6}$/;

/**
 * Why the reason does not fit (null when it does): not on the list, or 75歳以上 for a resident
 * younger than that on `today`.
 */
export function deliveryReasonRefusal(
  reason: string,
  age: number,
): 'not-listed' | 'under-75' | null {
  if (!(DELIVERY_REASONS as readonly string[]).includes(reason)) return 'not-listed';
  if (reason === 'age-75' && age < DELIVERY_MIN_AGE) return 'under-75';
  return null;
}
