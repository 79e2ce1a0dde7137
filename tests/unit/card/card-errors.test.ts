// Error translation: every card failure becomes an AppError code, with no secret in its detail.
import { describe, expect, it } from 'vitest';
import { CardStatusError, CardTimeoutError, fromHex } from '../../../main/card/apdu';
import {
  CardBusyError,
  CardChangedError,
  CardTerminatedError,
  NoCardError,
  NotMyNumberCardError,
  cardErrorToAppError,
  cardResult,
} from '../../../main/card/card-errors';
import { CardDataError } from '../../../main/card/tlv';
import {
  CardAbsentError,
  CardMuteError,
  PcscUnavailableError,
  ReaderGoneError,
} from '../../../main/card/transport';

describe('card errors -> AppError', () => {
  it('maps each failure to its code', () => {
    const cases: [unknown, string][] = [
      [new NoCardError('R'), 'no-card'],
      [new CardAbsentError('R'), 'card-removed'],
      [new CardMuteError('R'), 'card-mute'],
      [new CardTimeoutError('R', 100), 'card-mute'],
      [new CardTerminatedError('R'), 'card-terminated'],
      [new NotMyNumberCardError('R'), 'not-my-number-card'],
      [new CardBusyError('R'), 'card-busy'],
      [new CardChangedError('R'), 'card-changed'],
      [new ReaderGoneError('R'), 'reader-gone'],
      [new PcscUnavailableError('service-not-running'), 'pcsc-unavailable'],
      [new PcscUnavailableError('addon-missing'), 'pcsc-addon-missing'],
      [new CardDataError('x'), 'card-error'],
      [new TypeError('boom'), 'internal'],
      ['a string', 'internal'],
    ];
    for (const [e, code] of cases) expect(cardErrorToAppError(e).code, String(e)).toBe(code);
  });

  it('a status word travels as hex detail', () => {
    expect(cardErrorToAppError(new CardStatusError(0x6a86, 0xb0))).toEqual({
      code: 'card-error',
      detail: '6A86',
    });
  });

  it('silence from a known My Number Card ATR, or a recognised card, is tampering', () => {
    const atr = fromHex('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00');
    expect(cardErrorToAppError(new CardTimeoutError('R', 100), { atr }).code).toBe('card-tampered');
    expect(cardErrorToAppError(new CardMuteError('R'), { recognised: true }).code).toBe(
      'card-tampered',
    );
    expect(cardErrorToAppError(new CardMuteError('R'), { atr: fromHex('3B00') }).code).toBe(
      'card-mute',
    );
  });

  it('an internal error never forwards its message', () => {
    expect(cardErrorToAppError(new Error('PIN 1234 was wrong'))).toEqual({ code: 'internal' });
  });
});

describe('card errors: Result at the boundary', () => {
  it('cardResult turns success into ok and a throw into its AppError', async () => {
    expect(await cardResult(async () => 42)).toEqual({ ok: true, value: 42 });
    expect(
      await cardResult(async () => {
        throw new CardBusyError('R');
      }),
    ).toEqual({ ok: false, error: { code: 'card-busy', detail: 'R' } });
  });
});
