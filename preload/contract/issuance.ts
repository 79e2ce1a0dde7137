// 交付 (issuance) shapes that cross IPC: the application found, the certificate phases, the resident
// window's prompt and answers. Plain JSON; never a PIN, a 個人番号 or a camera frame.
import type { PinKind } from './dto';
import type { Sex } from './rules/sex';
import type { PinRuleViolation } from './rules/pins';
import type { LookAlikeReason } from './rules/look-alikes';

/** 法定代理人: who accompanies a resident under 15 or under guardianship. */
export const REPRESENTATIVE_RELATIONS = ['parent', 'guardian'] as const;
export type RepresentativeRelation = (typeof REPRESENTATIVE_RELATIONS)[number];

export interface ResidentSummaryDto {
  readonly id: number;
  readonly kanjiName: string;
  readonly kanaName: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** Age today (the machine's date). */
  readonly age: number;
  readonly sex: Sex;
  readonly address: string;
}

export interface ApplicationSummaryDto {
  readonly id: number;
  /** The number on the 交付通知書. */
  readonly noticeNumber: string;
  readonly kind: 'new' | 'reissue';
  readonly status: 'pending' | 'ready' | 'issued' | 'cancelled';
  readonly resident: ResidentSummaryDto;
  /** The card prepared for this application, once it has arrived. */
  readonly card: {
    readonly serial: string;
    readonly state: 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';
    readonly expiry: string;
  } | null;
  /** Under 15 today: a legal representative must come and be checked too. */
  readonly under15: boolean;
  /** An issuance of this application left unfinished, to resume. */
  readonly openProcedureId: string | null;
  /**
   * Another office counter holds that issuance (its number): only a 責任者's takeover brings it
   * here, it is not resumed from this counter. Null when this counter holds it or none is open.
   */
  readonly openOtherCounter: number | null;
  /** A 代理人交付 of this application under way (its 照会書 in the post, or the second visit). */
  readonly openDeliveryId: string | null;
  /** Another office counter holds that 代理人交付 (its number), as openOtherCounter. */
  readonly deliveryOtherCounter: number | null;
}

export type CertificatePhase =
  'waiting' | 'setting-pins' | 'generating-keys' | 'issuing' | 'writing' | 'verifying' | 'done';

/** The two photos of the face check, as PNG data URLs (decoded in main; never stored). */
export interface FacePhotosDto {
  readonly chip: string;
  /**
   * The photos are practice drawings: a similarity score between them means nothing (練習用).
   * False in production and in the trainer's photo scenario (real test photos).
   */
  readonly drawings: boolean;
  readonly application: string | null;
  /**
   * The application photos of the residents this one can be taken for (the same name and birth
   * date, a household applying together), shown beside this resident's with a warning.
   */
  readonly others: readonly {
    readonly reason: LookAlikeReason;
    readonly kanjiName: string;
    readonly noticeNumber: string;
    readonly photo: string | null;
  }[];
}

/**
 * The four facts as the chip holds them (券面事項入力補助), for the resident to confirm on their
 * window before the PINs. Shown as printed; never stored.
 */
export interface CardFaceDto {
  /** Family and given name separated by U+3000, as on the card. */
  readonly name: string;
  readonly address: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex: Sex;
}

/** 券面確認 as the clerk window follows it. */
export interface CardFaceStatusDto {
  /** The facts are on the resident window now (or were, until the answer). */
  readonly shown: boolean;
  readonly facts: CardFaceDto | null;
  /** The resident's answer: confirmed (はい、正しいです) or wrong (いいえ、違うところがあります). */
  readonly answer: 'confirmed' | 'wrong' | null;
  /** When the resident answered (ISO), from the journal. */
  readonly answeredAt: string | null;
}

/** The resident's answer to the card face (resident:confirm-card-face). */
export const CARD_FACE_ANSWERS = ['confirmed', 'wrong'] as const;
export type CardFaceAnswer = (typeof CARD_FACE_ANSWERS)[number];

/** What the resident window shows. Nothing about any other resident, ever. */
export interface ResidentPromptDto {
  readonly procedureId: string;
  /** In order; the signing password is absent under 15. */
  readonly required: readonly PinKind[];
  /** A resumed entry (after a pulled card or 後日交付): the resident enters the values again. */
  readonly resume: boolean;
  /** Which procedure asks: the screen's title says what the values are for. */
  readonly purpose: 'issuance' | 'release' | 'pin-reset' | 'renewal';
  /**
   * How each required secret is entered (lifecycle.ts PinEntryMode): 'new' twice, 'current' once,
   * 'change' the current value then a new one twice. Issuance asks every secret as 'new'.
   */
  readonly modes: Readonly<Partial<Record<PinKind, 'new' | 'current' | 'change'>>>;
  /** The retries left on a secret entered as current or changed, to warn before the last one. */
  readonly triesLeft: Readonly<Partial<Record<PinKind, number>>>;
  /**
   * 券面確認: the chip's four facts to confirm before any secret is asked; null once confirmed
   * (and for the kinds without it). While it is set, the PIN channels are refused.
   */
  readonly cardFace: CardFaceDto | null;
}

/** What resident:confirm-card-face answers. */
export interface CardFaceAnsweredDto {
  readonly answer: CardFaceAnswer;
}

export interface PinCheckDto {
  readonly violation: PinRuleViolation | null;
}

export interface ResidentSubmitDto {
  /** The values are on the card and the certificates issued (or the clerk has a notice). */
  readonly done: boolean;
}

/**
 * The stages of the card work after the resident's 設定する, in order: the secrets set, the key
 * pairs generated, the certificates issued, written, read back, and a test signature with each key.
 */
export const CARD_WORK_STAGES = [
  'pins',
  'keys',
  'certificates',
  'write',
  'read-back',
  'test-sign',
] as const;
export type CardWorkStage = (typeof CARD_WORK_STAGES)[number];

/**
 * How far the card work has got, for the resident's progress bar: `step` of `steps` begun (1-based),
 * counted by main as the work goes (one step per key, per certificate read back and per test
 * signature), never estimated from time.
 */
export interface ResidentProgressDto {
  readonly stage: CardWorkStage;
  readonly step: number;
  readonly steps: number;
}

/** The resident pressed 「職員を呼ぶ」: when, for the clerk's notice. */
export interface StaffCallDto {
  /** ISO 8601 in UTC, as main's clock read it. */
  readonly at: string;
}
