// The resident window's languages, each a full Messages object (a missing text fails typecheck).
import { en } from './en';
import { es } from './es';
import { ja } from './ja';
import { ko } from './ko';
import type { Messages, ResidentLocale } from './messages';
import { pt } from './pt';
import { zh } from './zh';

export const RESIDENT_MESSAGES: Record<ResidentLocale, Messages> = { ja, en, zh, ko, es, pt };

export { LOCALE_TAGS, RESIDENT_LOCALES, ruby } from './messages';
export type { LaterPurpose, Messages, ResidentLocale, Ruby, SecretWord, Text } from './messages';
