// The resident window's words: one Messages object per language, typed so a missing text fails typecheck.
import type { PinRuleViolation } from '../../../../preload/contract/pin-rules';
import type { EntryTarget } from '../pin-plan';

/** A word with its reading, shown as <ruby>base<rt>reading</rt></ruby> (furigana). */
export interface Ruby {
  readonly base: string;
  readonly reading: string;
}

/** A text: plain, or parts of which some carry furigana (Japanese). Never HTML. */
export type Text = string | readonly (string | Ruby)[];

export function ruby(base: string, reading: string): Ruby {
  return { base, reading };
}

/** The languages a resident may choose, in the order of the buttons. */
export const RESIDENT_LOCALES = ['ja', 'en', 'zh', 'ko', 'es', 'pt'] as const;
export type ResidentLocale = (typeof RESIDENT_LOCALES)[number];

/** The BCP 47 tag for <html lang>: the right CJK glyphs and the right screen-reader voice. */
export const LOCALE_TAGS: Record<ResidentLocale, string> = {
  ja: 'ja',
  en: 'en',
  zh: 'zh-Hans',
  ko: 'ko',
  es: 'es',
  pt: 'pt-BR',
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
  readonly done: { readonly title: Text; readonly body: Text };
  readonly failed: { readonly title: Text; readonly body: Text };
  /** Why main (or the quick local check) refused a value: said in the resident's language. */
  readonly violation: Record<PinRuleViolation, Text>;
  readonly error: {
    /** A check could not be made (the counter's session, the connection): the clerk helps. */
    readonly callClerk: Text;
  };
}
