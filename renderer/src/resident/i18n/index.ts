// The resident window's languages, each a full Messages object (a missing text fails typecheck).
import { en } from './en';
import { es } from './es';
import { id } from './id';
import { ja } from './ja';
import { jaEasy } from './ja-easy';
import { ko } from './ko';
import type { Messages, ResidentLocale } from './messages';
import { ne } from './ne';
import { pt } from './pt';
import { tl } from './tl';
import { vi } from './vi';
import { zh } from './zh';

export const RESIDENT_MESSAGES: Record<ResidentLocale, Messages> = {
  ja,
  'ja-easy': jaEasy,
  en,
  zh,
  ko,
  vi,
  tl,
  ne,
  id,
  es,
  pt,
};

export { LOCALE_TAGS, RESIDENT_LOCALES, ruby } from './messages';
export type { LaterPurpose, Messages, ResidentLocale, Ruby, SecretWord, Text } from './messages';
