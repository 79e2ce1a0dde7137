// The router's handler table in parts: each domain's module answers its own channels.
import { CHANNELS, type Channel } from '../../../preload/contract/channels';
import type { Handlers } from '../router';

/** The handlers of some channels. */
export type HandlerPart<C extends Channel> = Pick<Handlers, C>;

/** The intersection of a union: the table all the parts make together. */
type AllOf<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void
  ? I
  : never;

/**
 * One table from the parts. The type says which channels the parts answer (assigning it to
 * Handlers fails to compile when one is missing); a channel answered twice or not at all throws,
 * so that no part silently replaces another's handler.
 */
export function composeHandlers<P extends Partial<Handlers>[]>(...parts: P): AllOf<P[number]> {
  const table: Partial<Record<Channel, unknown>> = {};
  for (const part of parts) {
    for (const channel of Object.keys(part) as Channel[]) {
      if (channel in table) throw new Error(`two handlers for ${channel}`);
      table[channel] = part[channel];
    }
  }
  const missing = CHANNELS.filter((c) => !(c in table));
  if (missing.length > 0) throw new Error(`no handler for ${missing.join(', ')}`);
  return table as AllOf<P[number]>;
}
