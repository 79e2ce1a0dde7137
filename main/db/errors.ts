// Typed errors of the database layer, so the app can tell the clerk what to do next.

/** Base of every database error: `code` is stable and maps to an i18n message upstream. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The file is not a database or fails `PRAGMA integrity_check`. It is left untouched. */
export class DbCorruptError extends DbError {
  override readonly name = 'DbCorruptError';
  constructor(
    readonly path: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super('db-corrupt', `database file is damaged or not a database: ${path}`, options);
  }
}

/** Another process holds the database (the busy timeout ran out). */
export class DbLockedError extends DbError {
  override readonly name = 'DbLockedError';
  constructor(options?: { cause?: unknown }) {
    super('db-locked', 'database is locked by another process', options);
  }
}

/**
 * The office database (PostgreSQL) cannot be reached, or answered as a standby: the transaction
 * was rolled back whole, so the clerk may go on once it answers again.
 */
export class DbUnavailableError extends DbError {
  override readonly name = 'DbUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super('db-unavailable', 'the office database cannot be reached: nothing was recorded', options);
  }
}

/** SQLITE_FULL: the disk (or the page limit) is full; the transaction was rolled back. */
export class DbFullError extends DbError {
  override readonly name = 'DbFullError';
  constructor(options?: { cause?: unknown }) {
    super('db-full', 'disk is full: nothing was recorded', options);
  }
}

/**
 * The file was written by a newer version of the app; it is refused and never touched. The app
 * versions (the one that last opened the file, this one) are named when known, for IT.
 */
export class DbTooNewError extends DbError {
  override readonly name = 'DbTooNewError';
  constructor(
    readonly found: number,
    readonly supported: number,
    readonly versions: { readonly database: string | null; readonly app: string } | null = null,
  ) {
    super(
      'db-too-new',
      `database schema version ${found} is newer than supported ${supported}` +
        (versions
          ? ` (database last opened by ${versions.database ?? '?'}, this app ${versions.app})`
          : ''),
    );
  }
}

export class DbNotFoundError extends DbError {
  override readonly name = 'DbNotFoundError';
  constructor(readonly path: string) {
    super('db-not-found', `database file does not exist: ${path}`);
  }
}

export class DbClosedError extends DbError {
  override readonly name = 'DbClosedError';
  constructor() {
    super('db-closed', 'database is closed');
  }
}

/** A transaction was started from inside another one: it would wait on itself forever. */
export class NestedTransactionError extends DbError {
  override readonly name = 'NestedTransactionError';
  constructor() {
    super('db-nested-transaction', 'transaction started inside a transaction');
  }
}

/** A transaction handle was used after its transaction had ended. */
export class TransactionEndedError extends DbError {
  override readonly name = 'TransactionEndedError';
  constructor() {
    super('db-transaction-ended', 'transaction handle used after the transaction ended');
  }
}

/** A row the caller named does not exist. */
export class RecordNotFoundError extends DbError {
  override readonly name = 'RecordNotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string | number,
  ) {
    super('record-not-found', `${entity} not found: ${String(key)}`);
  }
}

/** A state change the life cycle of docs/procedures.md does not allow. */
export class InvalidTransitionError extends DbError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super('invalid-transition', `${entity}: ${from} -> ${to} is not allowed`);
  }
}

/** docs/procedures.md: nobody approves their own request. */
export class SelfApprovalError extends DbError {
  override readonly name = 'SelfApprovalError';
  constructor() {
    super('self-approval', 'an operator cannot approve their own request');
  }
}

/** Only an enabled 責任者 (supervisor) may approve. */
export class ApproverNotAllowedError extends DbError {
  override readonly name = 'ApproverNotAllowedError';
  constructor() {
    super('approver-not-allowed', 'approver must be an enabled supervisor');
  }
}

/** A uniqueness rule was hit (same login id, same 交付通知書 number, same card serial, ...). */
export class DuplicateRecordError extends DbError {
  override readonly name = 'DuplicateRecordError';
  constructor(
    readonly entity: string,
    options?: { cause?: unknown },
  ) {
    super('duplicate-record', `${entity} already exists`, options);
  }
}

/** The database belongs to the other mode (practice vs production). */
export class DbModeMismatchError extends DbError {
  override readonly name = 'DbModeMismatchError';
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super('db-mode-mismatch', `database is for ${found} mode, not ${expected}`);
  }
}

/**
 * The database cannot be written because its folder or the file itself is read-only (a read-only
 * share, a file marked read-only, a disk mounted read-only). Nothing was written.
 */
export class DbReadOnlyError extends DbError {
  override readonly name = 'DbReadOnlyError';
  constructor(
    readonly what: 'folder' | 'file',
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(
      what === 'folder' ? 'data-folder-read-only' : 'db-read-only',
      what === 'folder'
        ? `data folder is read-only: ${path}`
        : `database file is read-only: ${path}`,
      options,
    );
  }
}

/**
 * A row names a row of another table that does not exist (a FOREIGN KEY constraint): the
 * transaction was rolled back whole.
 */
export class DbReferenceError extends DbError {
  override readonly name = 'DbReferenceError';
  constructor(options?: { cause?: unknown }) {
    super(
      'db-reference-missing',
      'FOREIGN KEY constraint failed: a referenced record does not exist',
      options,
    );
  }
}

/**
 * The data key could not be unwrapped (a key from another machine or user, a damaged key file, the
 * OS key store refusing) or wrapped (the OS key store is unavailable). The database is untouched.
 */
export class DataKeyError extends DbError {
  override readonly name = 'DataKeyError';
  constructor(
    readonly reason: 'wrong-key' | 'unavailable',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'wrong-key' ? 'data-key-wrong' : 'data-key-unavailable',
      reason === 'wrong-key'
        ? 'the data key does not open this database'
        : 'the data key could not be protected on this machine',
      options,
    );
  }
}
