// The resident page's timeline in plain words: main sends codes (event, detail); this finds their words.
import { useI18n } from 'vue-i18n';
import type { TimelineEntryDto } from '../../../../preload/contract/lifecycle';

/** The two lookups the words need, from vue-i18n (or a test's instance of it). */
export interface Translator {
  t(key: string, params?: Record<string, unknown>): string;
  te(key: string): boolean;
}

export function useTimelineWords() {
  const { t, te } = useI18n();
  return timelineWords({
    t: (key, params) => (params ? t(key, params) : t(key)),
    te: (key) => te(key),
  });
}

/** The words of the timeline's codes, from the one message set each code has its label in. */
export function timelineWords({ t, te }: Translator) {
  /** A code's words from one message set; a code this build does not know is named by its kind. */
  function word(set: string, code: string | undefined): string | null {
    if (!code) return null;
    return te(`${set}.${code}`) ? t(`${set}.${code}`) : null;
  }

  /** A reason, kind or amount code in words (the card's certificate table uses it too). */
  function code(d: string | null): string | null {
    if (!d) return null;
    return word('life.revocationReasons', d) ?? word('life.crlReasons', d) ?? null;
  }

  /** The event in words; one this build does not know is named by its kind, never by its code. */
  function what(entry: TimelineEntryDto): string {
    return (
      word('life.timeline.events', entry.event) ??
      t('life.timeline.unknown', { kind: t(`life.timeline.kinds.${entry.kind}`) })
    );
  }

  /** The entry's detail in words, read as its event defines it (see TimelineEntryDto.detail). */
  function detail(entry: TimelineEntryDto): string | null {
    const d = entry.detail;
    if (!d) return null;
    const [first, second] = d.split(':');
    const words = (...parts: (string | null)[]) =>
      parts.filter((p): p is string => !!p).join('・') || null;
    switch (entry.event) {
      case 'application-new':
      case 'application-reissue':
      case 'application-ready':
      case 'application-issued':
      case 'application-cancelled':
        return t('life.timeline.notice', { number: d });
      case 'certificate-issued':
      case 'certificate-on-hold':
      case 'certificate-revoked':
      case 'certificate-expired':
        return words(word('certNames', first), word('life.crlReasons', second));
      case 'suspension-registered':
        return words(
          word('life.suspension.reporters', first),
          word('life.suspension.methods', second),
        );
      case 'card-revoked':
        return word('life.revocationReasons', d);
      case 'reissue-recorded':
        return words(
          word('life.reissueReasons', first),
          second === 'express' ? t('life.timeline.express') : null,
        );
      case 'fee-paid':
        return /^\d+$/.test(d) ? t('life.yen', { yen: Number(d).toLocaleString('ja-JP') }) : null;
      case 'fee-waived':
        // The clerk's own words for the waiver, as typed.
        return t('life.timeline.waived', { reason: d });
      default:
        // procedure-*: how it stands.
        return word('life.timeline.outcomes', d);
    }
  }

  return { what, detail, code };
}
