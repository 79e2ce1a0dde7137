// Why a receipt or slip could not be written; the core answers 'receipt-failed' for all of them.

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
