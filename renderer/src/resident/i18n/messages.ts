// The resident window's words: one Messages object per language, typed so a missing text fails typecheck.
import type { CardWorkStage } from '../../../../preload/contract/issuance';
import type { PinRuleViolation } from '../../../../preload/contract/rules/pins';
import type { Sex } from '../../../../preload/contract/rules/sex';
import type { EntryMode, EntryStage, EntryTarget, Purpose } from '../pin-plan';

/** A word with its reading, shown as <ruby>base<rt>reading</rt></ruby> (furigana). */
export interface Ruby {
  readonly base: string;
  readonly reading: string;
}

/** A text: plain, or parts of which some carry furigana (Japanese). Never HTML. */
export type Text = string | readonly (string | Ruby)[];

/** The procedures after issuance: each says on the first screen why the card needs the values. */
export type LaterPurpose = Exclude<Purpose, 'issuance'>;

/** A 4-digit PIN or the signing password: the words differ (暗証番号 / パスワード). */
export type SecretWord = 'pin' | 'password';

export function ruby(base: string, reading: string): Ruby {
  return { base, reading };
}

/**
 * The languages a resident may choose, in the order of the buttons: やさしい日本語 (simple
 * Japanese with furigana on every kanji) beside Japanese, then the languages most asked for at
 * Japanese counters.
 */
export const RESIDENT_LOCALES = [
  'ja',
  'ja-easy',
  'en',
  'zh',
  'ko',
  'vi',
  'tl',
  'ne',
  'id',
  'es',
  'pt',
] as const;
export type ResidentLocale = (typeof RESIDENT_LOCALES)[number];

/** The BCP 47 tag for <html lang>: the right CJK glyphs and the right screen-reader voice. */
export const LOCALE_TAGS: Record<ResidentLocale, string> = {
  ja: 'ja',
  'ja-easy': 'ja',
  en: 'en',
  zh: 'zh-Hans',
  ko: 'ko',
  es: 'es',
  pt: 'pt-BR',
  vi: 'vi',
  tl: 'fil',
  ne: 'ne',
  id: 'id',
};

export interface Messages {
  /** The language's own name on its button (日本語, English, 中文…). */
  readonly languageName: string;
  readonly languageChoice: Text;
  readonly waiting: { readonly title: Text; readonly body: Text };
  /** The secret being entered, as its title. */
  readonly secret: Record<EntryTarget, Text>;
  /** What the secret is used for, under the title. */
  readonly purpose: Record<EntryTarget, Text>;
  readonly rule: { readonly pin: Text; readonly password: Text };
  readonly entry: {
    readonly first: Text;
    readonly confirm: Text;
    readonly again: Text;
    readonly resume: Text;
    readonly checking: Text;
    /** Screen readers: how many characters are typed (the characters themselves never). */
    readonly typed: (count: number) => string;
  };
  readonly keys: {
    readonly ok: Text;
    readonly erase: Text;
    readonly clear: Text;
    readonly pad: string;
  };
  readonly same: {
    readonly title: Text;
    readonly body: Text;
    readonly yes: Text;
    readonly no: Text;
  };
  readonly review: {
    readonly title: Text;
    readonly body: Text;
    readonly shared: Text;
    readonly submit: Text;
    readonly restart: Text;
  };
  readonly processing: Text;
  /** The progress bar while the card is written: its name, and the stage under it. */
  readonly progress: {
    readonly label: string;
    readonly stages: Record<CardWorkStage, Text>;
  };
  /** 「職員を呼ぶ」: the button on every screen, and what it says once pressed. */
  readonly callStaff: { readonly button: Text; readonly called: Text; readonly failed: Text };
  readonly done: { readonly title: Text; readonly body: Text };
  readonly failed: { readonly title: Text; readonly body: Text };
  /** Why main (or the quick local check) refused a value: said in the resident's language. */
  readonly violation: Record<PinRuleViolation, Text>;
  readonly error: {
    /** A check could not be made (the counter's session, the connection): the clerk helps. */
    readonly callClerk: Text;
  };
  /** Release, PIN reset, renewal: values in use, changed or set anew, and the card's answer. */
  readonly later: {
    /** The procedure, as the first screen's title. */
    readonly title: Record<LaterPurpose, Text>;
    /** Why the card needs the values now. */
    readonly why: Record<LaterPurpose, Text>;
    /** Above the list of the secrets and what the resident will do with each. */
    readonly listTitle: Text;
    readonly start: Text;
    /** What the resident will enter for a secret (the first screen's list). */
    readonly plan: Record<EntryMode, Text>;
    /** What becomes of a secret (the review's list): kept, changed, set anew. */
    readonly outcome: Record<EntryMode, Text>;
    /** The instruction on each screen of a value in use or a new value. */
    readonly current: Record<SecretWord, Text>;
    readonly newFirst: Record<SecretWord, Text>;
    readonly newConfirm: Record<SecretWord, Text>;
    /** A change's three screens, as a short progress line: the one in use, the new one, confirm. */
    readonly steps: Record<EntryStage, Text>;
    /** Tries left before the card locks the secret (2 or more). */
    readonly triesLeft: (count: number) => Text;
    /** One try left: the next wrong entry locks it. */
    readonly lastTry: Text;
    /** With the last try: better ask than guess. */
    readonly unsure: Text;
    readonly reviewBody: Text;
    readonly submit: Text;
    /** Main's answer: the value in use was wrong (pin-wrong) or cannot be used (pin-locked). */
    readonly wrong: Record<SecretWord, Text>;
    readonly locked: Record<SecretWord, Text>;
    readonly lockedHelp: Text;
    readonly askClerk: Text;
    /** The clerk has opened the entry again: the resident goes on. */
    readonly again: Text;
    readonly continue: Text;
  };
  /** 交付's card face: the chip's four facts, which the resident confirms before the PINs. */
  readonly cardFace: {
    readonly title: Text;
    readonly body: Text;
    /** The labels of the four facts; the facts themselves stay as printed. */
    readonly name: Text;
    readonly address: Text;
    readonly birthDate: Text;
    readonly sex: Text;
    /** The sex in this language, beside the card's own 男 / 女. */
    readonly sexes: Record<Sex, string>;
    readonly yes: Text;
    readonly no: Text;
    /** After はい: the clerk opens the PIN entry next. */
    readonly thanks: { readonly title: Text; readonly body: Text };
    /** After いいえ: the clerk takes over; nothing more happens on this window. */
    readonly wrong: { readonly title: Text; readonly body: Text };
  };
}
