// Why a printed document could not be written; a channel that writes one answers its own failure
// code (receipt-failed, report-failed) for all of them, recognising them by this class.

export type DocumentErrorCode = 'font-not-found' | 'forbidden-content' | 'invalid-date';

/** A printed document could not be produced. The message never carries a field's value. */
export class DocumentError extends Error {
  override readonly name: string = 'DocumentError';
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** No Japanese font could be loaded: the machine needs one installed (README, printing). */
export class DocumentFontError extends DocumentError {
  override readonly name = 'DocumentFontError';
  constructor(readonly tried: readonly string[]) {
    super('font-not-found', `no Japanese font found (tried: ${tried.join(', ')})`);
  }
}
