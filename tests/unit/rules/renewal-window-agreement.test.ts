// Card health, the renewal procedure, the resident's history and the card's offered actions agree
// on the renewal window, day by day over two years (month ends and a leap day included): whatever
// card health offers, renewal accepts, and the history and the card's buttons say the same, from
// the same first day.
import { describe, expect, it } from 'vitest';
import { nextActions } from '../../../main/card/card-health';
import type { Card } from '../../../main/db/repositories/cards';
import type { Certificate } from '../../../main/db/repositories/certificates';
import { nextActionsOf } from '../../../main/lookups/history';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { checkRenewalWindow } from '../../../main/workflows/kinds/renewal';
import type { PinStatusDto } from '../../../preload/contract/dto';
import { cardActions } from '../../../preload/contract/rules/card-actions';
import { certificateValidity } from '../../../preload/contract/rules/validity';

const DAY_MS = 24 * 60 * 60 * 1000;

const okPins: PinStatusDto[] = [
  { kind: 'signing', state: 'ok', triesLeft: 5, maxTries: 5 },
  { kind: 'auth', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'juki', state: 'ok', triesLeft: 3, maxTries: 3 },
  { kind: 'text', state: 'ok', triesLeft: 3, maxTries: 3 },
];

/** Every calendar day from `first` to `last`, both included, as YYYY-MM-DD. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The rule in words, worked out here by hand: same day 3 months before, or that month's last. */
function expectedOpening(lastDay: string): string {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  const month = m > 3 ? m - 3 : m + 9;
  const year = m > 3 ? y : y - 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const day = Math.min(d, lengths[month - 1]!);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Card health offers the renewal: the auth certificate 'expiring', the next action listed. */
function healthOffers(notBefore: Date, notAfter: Date, now: Date): boolean {
  const authValidity = certificateValidity(notBefore, notAfter, now);
  const actions = nextActions({
    pins: okPins,
    presence: { signing: true, auth: true },
    authValidity,
    cardExpiry: '2040-01-01',
    chipState: 'active',
    now,
  });
  return authValidity === 'expiring' && actions.includes('renew-certificates');
}

/** The renewal procedure accepts: its check does not refuse renewal-too-early. */
function renewalAccepts(notAfter: Date, now: Date): boolean {
  try {
    checkRenewalWindow(notAfter.toISOString(), now);
    return true;
  } catch (e) {
    if (e instanceof WorkflowRefusal && e.code === 'renewal-too-early') return false;
    throw e;
  }
}

/** The resident's history lists the renewal for the issued card holding this certificate. */
function historyOffers(notAfter: Date, now: Date): boolean {
  const card = { state: 'issued', destroyedAt: null } as unknown as Card;
  const cert = { kind: 'auth', status: 'issued', notAfter: notAfter.toISOString() } as Certificate;
  return nextActionsOf(card, [cert], false, now).includes('renew-certificates');
}

/** The card's actions (what the screens offer and the start checks) offer the renewal. */
function cardOffers(notAfter: Date, now: Date): boolean {
  const actions = cardActions(
    {
      state: 'issued',
      destroyed: false,
      reissueRecorded: false,
      certificates: [{ status: 'issued', notAfter: notAfter.toISOString() }],
    },
    now,
  );
  return actions.some((a) => a.action === 'renewal' && a.refusal === null);
}

describe('the renewal window, as card health, renewal and the history see it', () => {
  it('opens on the same Japan day for certificates expiring on every day of 2027 and 2028', () => {
    const disagreements: string[] = [];
    let checks = 0;
    let offered = 0;
    for (const lastDay of days('2027-01-01', '2028-12-31')) {
      const opening = expectedOpening(lastDay);
      // The authority's last second of the day; the first one; a time between.
      for (const end of ['23:59:59', '00:00:00', '09:00:00']) {
        const notAfter = new Date(`${lastDay}T${end}+09:00`);
        const notBefore = new Date(notAfter.getTime() - 5 * 365 * DAY_MS);
        for (const offset of [-2, -1, 0, 1]) {
          const day = addDays(opening, offset);
          for (const at of ['00:00:00', '12:00:00', '23:59:59']) {
            const now = new Date(`${day}T${at}+09:00`);
            const expected = day >= opening;
            const health = healthOffers(notBefore, notAfter, now);
            const renewal = renewalAccepts(notAfter, now);
            const history = historyOffers(notAfter, now);
            const card = cardOffers(notAfter, now);
            checks += 1;
            if (health) offered += 1;
            if (
              health !== expected ||
              renewal !== expected ||
              history !== expected ||
              card !== expected
            )
              disagreements.push(
                `expiry ${lastDay}T${end} at ${day}T${at}: expected ${expected}, health ${health}, renewal ${renewal}, history ${history}, card ${card}`,
              );
          }
        }
      }
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(checks).toBe(731 * 3 * 4 * 3);
    expect(offered).toBe(checks / 2);
  });

  it('covers the month ends and the leap day in its range', () => {
    expect(expectedOpening('2028-05-31')).toBe('2028-02-29');
    expect(expectedOpening('2027-05-31')).toBe('2027-02-28');
    expect(expectedOpening('2027-01-15')).toBe('2026-10-15');
    expect(days('2027-01-01', '2028-12-31')).toContain('2028-02-29');
  });

  it('renewal refused too early names the opening day, in Japan time', () => {
    const notAfter = new Date('2028-05-31T23:59:59+09:00');
    const now = new Date('2028-02-28T23:59:59+09:00');
    let refusal: unknown;
    try {
      checkRenewalWindow(notAfter.toISOString(), now);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(WorkflowRefusal);
    expect(refusal).toMatchObject({ code: 'renewal-too-early', detail: '2028-02-29' });
  });
});
