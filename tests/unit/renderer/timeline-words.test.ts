// Every code the resident's timeline can hold has its words, in Japanese and English: no code reaches the clerk.
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_ACTIONS,
  PROCEDURE_OUTCOMES,
  REPORTERS,
  REPORT_METHODS,
  TIMELINE_EVENTS,
  type TimelineEntryDto,
  type TimelineEvent,
  type TimelineKind,
} from '../../../preload/contract/lifecycle';
import { PROCEDURE_KINDS } from '../../../preload/contract/procedure-kinds';
import {
  CRL_REASONS,
  REISSUE_REASONS,
  REVOCATION_REASONS,
} from '../../../preload/contract/rules/reasons';
import { createAppI18n, LOCALES } from '../../../renderer/src/i18n';
import { timelineWords } from '../../../renderer/src/workflows/find/use-timeline-words';

function wordsIn(locale: (typeof LOCALES)[number]) {
  const i18n = createAppI18n();
  i18n.global.locale.value = locale;
  const { t, te } = i18n.global;
  return {
    ...timelineWords({
      t: (key, params) => (params ? t(key, params) : t(key)),
      te: (key) => te(key),
    }),
    has: (key: string) => te(key),
  };
}

function entry(event: TimelineEvent, detail: string | null, kind: TimelineKind = 'card') {
  const e: TimelineEntryDto = {
    at: '2026-11-25T01:00:00.000Z',
    kind,
    event,
    cardSerial: null,
    procedureId: null,
    operator: null,
    detail,
  };
  return e;
}

/** Latin letters in a Japanese line are a code that slipped through (the CRL names are kept on purpose). */
const CRL_NAMES = new RegExp(`\\b(${[...CRL_REASONS, 'certificateHold'].join('|')})\\b`, 'g');
const codeIn = (text: string) => /[A-Za-z]/.test(text.replace(CRL_NAMES, ''));

/** Each event with every detail it can carry, as main writes it (main/lookups/history.ts). */
function everyEntry(): TimelineEntryDto[] {
  const out: TimelineEntryDto[] = [];
  for (const event of TIMELINE_EVENTS) {
    if (event.startsWith('application-')) out.push(entry(event, 'MD-2026-0001'));
    else if (event === 'certificate-issued')
      for (const kind of ['signing', 'auth']) out.push(entry(event, kind));
    else if (event.startsWith('certificate-'))
      for (const kind of ['signing', 'auth'])
        for (const reason of [...CRL_REASONS, 'certificateHold', null])
          out.push(entry(event, reason ? `${kind}:${reason}` : kind));
    else if (event.startsWith('procedure-'))
      for (const outcome of PROCEDURE_OUTCOMES) out.push(entry(event, outcome, 'procedure'));
    else if (event === 'suspension-registered')
      for (const who of REPORTERS)
        for (const how of REPORT_METHODS) out.push(entry(event, `${who}:${how}`));
    else if (event === 'card-revoked')
      for (const reason of REVOCATION_REASONS) out.push(entry(event, reason));
    else if (event === 'reissue-recorded')
      for (const reason of REISSUE_REASONS) {
        out.push(entry(event, reason));
        out.push(entry(event, `${reason}:express`));
      }
    else if (event === 'fee-paid') out.push(entry(event, '1000'));
    else if (event === 'fee-waived') out.push(entry(event, '災害による免除'));
    else out.push(entry(event, null));
  }
  return out;
}

const isFact = (e: TimelineEntryDto) =>
  e.event.startsWith('application-') || e.event === 'fee-waived';

describe('timeline words', () => {
  it('the list of events covers every procedure kind and approval', () => {
    for (const k of PROCEDURE_KINDS) expect(TIMELINE_EVENTS).toContain(`procedure-${k}`);
    for (const a of APPROVAL_ACTIONS) expect(TIMELINE_EVENTS).toContain(`approval-${a}`);
  });

  it.each(LOCALES)('every event and every detail code has its own words (%s)', (locale) => {
    const words = wordsIn(locale);
    const entries = everyEntry();
    expect(entries.length).toBeGreaterThan(TIMELINE_EVENTS.length);
    for (const e of entries) {
      // Its own label, not the fallback that names an unknown event by its kind.
      expect(words.has(`life.timeline.events.${e.event}`), e.event).toBe(true);
      const what = words.what(e);
      expect(what, e.event).not.toContain(e.event);
      expect(what, e.event).not.toMatch(/^life\./);
      const detail = words.detail(e);
      if (e.detail === null) expect(detail).toBeNull();
      else {
        expect(detail, `${e.event} ${e.detail}`).toBeTruthy();

        expect(detail).not.toMatch(/^life\.|certNames\./);
      }
      if (locale === 'ja') {
        expect(codeIn(what), what).toBe(false);
        // A notice number or the clerk's own words are facts, shown as they are; a code never is.
        if (!isFact(e)) expect(codeIn(detail ?? ''), `${e.event} ${e.detail}`).toBe(false);
      }
    }
  });

  it('reads compound details part by part, in Japanese', () => {
    const words = wordsIn('ja');
    expect(words.detail(entry('suspension-registered', 'callcentre:telephone'))).toBe(
      'コールセンター（24時間受付）・電話',
    );
    expect(words.detail(entry('certificate-revoked', 'auth:keyCompromise'))).toBe(
      '利用者証明用電子証明書・鍵の危殆化 keyCompromise',
    );
    expect(words.detail(entry('procedure-issuance', 'completed', 'procedure'))).toBe('完了');
    expect(words.detail(entry('fee-paid', '2000'))).toBe('2,000円');
    expect(words.detail(entry('reissue-recorded', 'lost:express'))).toBe('紛失・特急発行');
  });
});
