// The one write queue of both Db implementations: writes one after another, held, refused, closed.
import { AsyncLocalStorage } from 'node:async_hooks';
import { DbClosedError, NestedTransactionError, type DbError } from './errors';

/**
 * Runs each write after every earlier one has settled, so a transaction never interleaves with
 * another across awaits. A write started inside a write of the same queue is refused (it would
 * wait for itself); once closing, new writes are refused and `close` runs after the queued ones.
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private refusal: DbError | null = null;
  private readonly inside = new AsyncLocalStorage<WriteQueue>();

  /** True once `close` was called: the owner refuses reads too when it wants to. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** `work` in its turn; `unavailable` (a read-only handle) refuses it before it queues. */
  run<T>(work: () => Promise<T>, unavailable?: DbError): Promise<T> {
    if (this.closing) return Promise.reject(new DbClosedError());
    if (this.inside.getStore() === this) return Promise.reject(new NestedTransactionError());
    if (unavailable) return Promise.reject(unavailable);
    // The refusal is read when the write's turn comes: a verdict that arrived while it waited counts.
    const result = this.tail.then(() => {
      if (this.refusal) throw this.refusal;
      return this.inside.run(this, work);
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /**
   * Holds every write queued from now on until `verdict` settles (reads go on). When it settles
   * with an error, that error refuses those writes and every later one (as `refuse`).
   */
  hold(verdict: Promise<DbError | null>): void {
    const settled = verdict.then(
      (reason) => {
        if (reason) this.refuse(reason);
      },
      () => undefined,
    );
    this.tail = this.tail.then(() => settled);
  }

  /** From now on every write fails with `reason` when its turn comes; the first reason stays. */
  refuse(reason: DbError): void {
    this.refusal ??= reason;
  }

  /** Refuses new writes and runs `finish` once the queued ones have settled (once, however often called). */
  close(finish: () => Promise<void>): Promise<void> {
    this.closing ??= this.tail.then(finish);
    return this.closing;
  }
}
