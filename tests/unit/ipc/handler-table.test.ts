// The router's handler table from its parts: every channel answered once, no part replacing another's.
import { describe, expect, it } from 'vitest';
import { composeHandlers } from '../../../main/ipc/handlers/handler-table';
import type { Handlers } from '../../../main/ipc/router';
import { CHANNELS, type Channel } from '../../../preload/contract/channels';
import { ok } from '../../../preload/contract/result';

/** A part answering `channels`, each handler saying which part it is. */
function part(name: string, channels: readonly Channel[]): Partial<Handlers> {
  return Object.fromEntries(channels.map((c) => [c, async () => ok(name)])) as Partial<Handlers>;
}

const [first, ...rest] = CHANNELS as [Channel, ...Channel[]];

describe('composeHandlers', () => {
  it('puts the parts together, each channel to its own part’s handler', async () => {
    const table = composeHandlers(part('a', [first]), part('b', rest)) as Handlers;
    expect(Object.keys(table).sort()).toEqual([...CHANNELS].sort());
    const answer = (c: Channel) => (table[c] as (r: unknown) => Promise<unknown>)({});
    expect(await answer(first)).toEqual({ ok: true, value: 'a' });
    expect(await answer(rest[0]!)).toEqual({ ok: true, value: 'b' });
  });

  it('refuses a channel answered by two parts', () => {
    expect(() => composeHandlers(part('a', [first]), part('b', CHANNELS))).toThrow(
      `two handlers for ${first}`,
    );
  });

  it('refuses a table with a channel left unanswered', () => {
    expect(() => composeHandlers(part('b', rest))).toThrow(`no handler for ${first}`);
  });
});
