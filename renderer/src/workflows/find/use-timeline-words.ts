// The resident page's timeline in plain words: main sends codes (event, detail); this finds their words.
import { useI18n } from 'vue-i18n';
import type { TimelineEntryDto } from '../../../../preload/contract/lifecycle';

/** Where a detail code may have words, tried in order (a reason, a certificate kind, a CRL reason). */
const DETAIL_SETS = [
  'life.revocationReasons',
  'life.reissueReasons',
  'certNames',
  'life.crlReasons',
];

export function useTimelineWords() {
  const { t, te } = useI18n();

  /** A reason, kind or amount code in words; an unknown one as it came. */
  function code(d: string | null): string | null {
    if (!d) return null;
    const set = DETAIL_SETS.find((s) => te(`${s}.${d}`));
    if (set) return t(`${set}.${d}`);
    // An amount is sent as digits: say it in yen.
    return /^\d+$/.test(d) ? t('life.yen', { yen: Number(d).toLocaleString('ja-JP') }) : d;
  }

  /** The event in words; a code this build does not know is named with its kind, never hidden. */
  function what(entry: TimelineEntryDto): string {
    const key = `life.timeline.events.${entry.event}`;
    if (te(key)) return t(key);
    return t('life.timeline.unknown', {
      kind: t(`life.timeline.kinds.${entry.kind}`),
      event: entry.event,
    });
  }

  const detail = (entry: TimelineEntryDto) => code(entry.detail);

  return { what, detail, code };
}
