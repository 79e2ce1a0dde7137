// Turns PC/SC error codes (as pcsc-mini names them) into the transport errors of transport.ts.
import { CardAbsentError, CardMuteError, PcscUnavailableError, ReaderGoneError } from './transport';

/** What a PC/SC failure means for the caller; 'unclear' needs a look at the card's state. */
export type PcscFailure =
  'card-absent' | 'card-mute' | 'reader-gone' | 'service' | 'unclear' | 'other';

const BY_CODE: Readonly<Record<string, PcscFailure>> = {
  RemovedCard: 'card-absent',
  NoSmartCard: 'card-absent',
  UnresponsiveCard: 'card-mute',
  UnpoweredCard: 'card-mute',
  UnsupportedCard: 'card-mute',
  Timeout: 'card-mute',
  UnknownReader: 'reader-gone',
  ReaderUnavailable: 'reader-gone',
  NoReadersAvailable: 'reader-gone',
  NoService: 'service',
  ServiceStopped: 'service',
  // The driver lost the card in the middle of an exchange (vpcd closes its socket, a contactless
  // card leaves the field): the same codes also come from a reader fault, so look before naming it.
  CommError: 'unclear',
  NotTransacted: 'unclear',
};

/** The pcsc-mini error code of a rejection (`Err.code`), or undefined for anything else. */
export function pcscCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function classifyPcscError(e: unknown): PcscFailure {
  const code = pcscCode(e);
  return (code && BY_CODE[code]) || 'other';
}

/** A PC/SC failure that has no meaning of its own for the card layer (sharing violation, …). */
export class PcscError extends Error {
  override readonly name = 'PcscError';
  constructor(
    readonly code: string,
    readonly operation: string,
  ) {
    super(`PC/SC ${code} during ${operation}`);
  }
}

/** Maps a failure to the error the card layer understands; `unclear` must be resolved first. */
export function toTransportError(
  e: unknown,
  reader: string,
  operation: string,
  failure = classifyPcscError(e),
): Error {
  switch (failure) {
    case 'card-absent':
      return new CardAbsentError(reader);
    case 'card-mute':
      return new CardMuteError(reader);
    case 'reader-gone':
      return new ReaderGoneError(reader);
    case 'service':
      return new PcscUnavailableError('service-not-running');
    case 'unclear':
    case 'other':
      return new PcscError(pcscCode(e) ?? (e instanceof Error ? e.message : String(e)), operation);
  }
}
