// Errors of the card session layer, and their translation into the AppError codes of the IPC contract.
import type { AppError } from '../../preload/contract/errors';
import { err, ok } from '../../preload/contract/result';
import type { Result } from '../../preload/contract/result';
import { CardStatusError } from './apdu';
import { isKnownMyNumberAtr } from './atr-table';
import { swHex } from './status-words';
import { CardDataError } from './tlv';
import { CardAbsentError, CardMuteError, PcscUnavailableError, ReaderGoneError } from './transport';
import type { Bytes } from './transport';

/** Another operation holds this reader; APDUs of two operations are never interleaved. */
export class CardBusyError extends Error {
  override readonly name = 'CardBusyError';
  constructor(readonly reader: string) {
    super(`reader ${reader} is busy with another operation`);
  }
}

/** The card now in the reader is not the one the operation started with. */
export class CardChangedError extends Error {
  override readonly name = 'CardChangedError';
  constructor(readonly reader: string) {
    super(`a different card is now in reader ${reader}`);
  }
}

/** No card was in the reader when the operation started (as opposed to one pulled mid-way). */
export class NoCardError extends Error {
  override readonly name = 'NoCardError';
  constructor(readonly reader: string) {
    super(`no card in reader ${reader}`);
  }
}

/** The JPKI application is missing or its token label is not a My Number Card's. */
export class NotMyNumberCardError extends Error {
  override readonly name = 'NotMyNumberCardError';
  constructor(readonly reader: string) {
    super(`the card in reader ${reader} is not a My Number Card`);
  }
}

/** A terminated card answers 6985 to everything but SELECT (docs/card.md, The issuer profile of this product). */
export class CardTerminatedError extends Error {
  override readonly name = 'CardTerminatedError';
  constructor(readonly reader: string) {
    super(`the card in reader ${reader} is terminated`);
  }
}

/** A My Number Card (known ATR, or recognised in this session) that stopped answering. */
export class CardTamperedError extends Error {
  override readonly name = 'CardTamperedError';
  constructor(readonly reader: string) {
    super(`the My Number Card in reader ${reader} stopped answering`);
  }
}

/** What the session knew when an error happened, to tell a mute card from a tampered one. */
export interface CardErrorContext {
  readonly atr?: Bytes | null;
  /** The card had been recognised as a My Number Card (JPKI AID + token label) in this session. */
  readonly recognised?: boolean;
}

/**
 * Maps anything a card operation throws to an AppError. `detail` carries a status word or a
 * reader name only: error messages of this layer never hold secrets, but detail is built here
 * from known fields anyway so that no message text crosses IPC.
 */
export function cardErrorToAppError(e: unknown, context: CardErrorContext = {}): AppError {
  if (e instanceof NoCardError) return { code: 'no-card', detail: e.reader };
  if (e instanceof CardAbsentError) return { code: 'card-removed', detail: e.reader };
  if (e instanceof CardTamperedError) return { code: 'card-tampered', detail: e.reader };
  if (e instanceof CardMuteError) {
    // CardTimeoutError is a CardMuteError: a tampered card still gives its ATR, then goes silent.
    const known = context.recognised === true || (!!context.atr && isKnownMyNumberAtr(context.atr));
    return { code: known ? 'card-tampered' : 'card-mute', detail: e.reader };
  }
  if (e instanceof CardTerminatedError) return { code: 'card-terminated', detail: e.reader };
  if (e instanceof NotMyNumberCardError) return { code: 'not-my-number-card', detail: e.reader };
  if (e instanceof CardBusyError) return { code: 'card-busy', detail: e.reader };
  if (e instanceof CardChangedError) return { code: 'card-changed', detail: e.reader };
  if (e instanceof ReaderGoneError) return { code: 'reader-gone', detail: e.reader };
  if (e instanceof PcscUnavailableError) {
    return { code: e.reason === 'addon-missing' ? 'pcsc-addon-missing' : 'pcsc-unavailable' };
  }
  if (e instanceof CardStatusError) return { code: 'card-error', detail: swHex(e.sw) };
  // A file that does not have the layout docs/card.md gives is the card's fault, not ours.
  if (e instanceof CardDataError) return { code: 'card-error', detail: 'data' };
  return { code: 'internal' };
}

/** Converts low-level errors into what they mean for a My Number Card session. */
export function classifySessionError(
  e: unknown,
  reader: string,
  context: CardErrorContext,
): unknown {
  if (e instanceof CardMuteError && !(e instanceof CardTamperedError)) {
    const known = context.recognised === true || (!!context.atr && isKnownMyNumberAtr(context.atr));
    if (known) return new CardTamperedError(reader);
  }
  return e;
}

/** Runs card work and returns a Result, for the IPC boundary where errors are values. */
export async function cardResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    return err(cardErrorToAppError(e));
  }
}
