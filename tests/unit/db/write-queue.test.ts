// The one write queue both database handles use: order, holds and refusals, nesting, closing.
import { describe, expect, it } from 'vitest';
import {
  DbClosedError,
  DbCorruptError,
  DbError,
  DbFullError,
  NestedTransactionError,
} from '../../../main/db/errors';
import { WriteQueue } from '../../../main/db/write-queue';

const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

/** A write that records its start and end around a pause, as a transaction awaits its statements. */
function write(order: string[], name: string) {
  return async () => {
    order.push(`begin ${name}`);
    await yieldTurn();
    order.push(`end ${name}`);
    return name;
  };
}

describe('the write queue', () => {
  it('runs writes one after another, a failed one not stopping the next', async () => {
    const q = new WriteQueue();
    const order: string[] = [];
    const failing = q.run(async () => {
      await write(order, 'a')();
      throw new Error('step failed');
    });
    const b = q.run(write(order, 'b'));
    await expect(failing).rejects.toThrow('step failed');
    expect(await b).toBe('b');
    expect(order).toEqual(['begin a', 'end a', 'begin b', 'end b']);
  });

  it('refuses a write queued inside a write, and one refused before it queues', async () => {
    const q = new WriteQueue();
    await expect(q.run(() => q.run(async () => 1))).rejects.toBeInstanceOf(NestedTransactionError);
    const readOnly = new DbError('db-opened-read-only', 'read-only');
    await expect(q.run(async () => 1, readOnly)).rejects.toBe(readOnly);
    expect(await q.run(async () => 2)).toBe(2);
  });

  it('a hold keeps writes queued after it until the verdict; a sound one lets them through in order', async () => {
    const q = new WriteQueue();
    let verdict!: (v: DbError | null) => void;
    q.hold(new Promise<DbError | null>((r) => (verdict = r)));
    const order: string[] = [];
    const writes = [q.run(write(order, 'a')), q.run(write(order, 'b'))];
    await yieldTurn();
    expect(order).toEqual([]);
    verdict(null);
    expect(await Promise.all(writes)).toEqual(['a', 'b']);
    expect(order).toEqual(['begin a', 'end a', 'begin b', 'end b']);
  });

  it('a damaged verdict refuses the held writes and every later one; the first reason stays', async () => {
    const q = new WriteQueue();
    let verdict!: (v: DbError | null) => void;
    q.hold(new Promise<DbError | null>((r) => (verdict = r)));
    let ran = false;
    const held = q.run(async () => (ran = true));
    const damaged = new DbCorruptError('/x', ['page 3']);
    verdict(damaged);
    await expect(held).rejects.toBe(damaged);
    q.refuse(new DbFullError());
    await expect(q.run(async () => (ran = true))).rejects.toBe(damaged);
    expect(ran).toBe(false);
  });

  it('close runs its work once after the queued writes, then refuses new ones', async () => {
    const q = new WriteQueue();
    const order: string[] = [];
    const queued = q.run(write(order, 'a'));
    let finished = 0;
    const closing = q.close(async () => {
      finished++;
      order.push('closed');
    });
    expect(q.closed).toBe(true);
    expect(q.close(async () => void finished++)).toBe(closing);
    await Promise.all([queued, closing]);
    expect(order).toEqual(['begin a', 'end a', 'closed']);
    expect(finished).toBe(1);
    await expect(q.run(async () => 1)).rejects.toBeInstanceOf(DbClosedError);
  });
});
