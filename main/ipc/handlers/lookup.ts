// lookup:* — finding the resident at the counter (by the 交付通知書, a card, or name and birth date)
// with what can be started for them, and the resident's page.
import type { Channel } from '../../../preload/contract/channels';
import type { createLookups } from '../../lookups/history';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type LookupChannel = Extract<Channel, `lookup:${string}`>;

export function lookupHandlers(deps: {
  readonly lookups: ReturnType<typeof createLookups>;
  /** Refuses a resident while another resident's procedure holds the counter. */
  readonly counterFor: (residentId: number, what: string) => Promise<void>;
}): HandlerPart<LookupChannel> {
  const { lookups, counterFor } = deps;
  /** Nothing of another resident is shown while one resident's procedure is open: park it first. */
  async function only<T>(what: string, found: T, residentIds: readonly number[]): Promise<T> {
    for (const id of new Set(residentIds)) await counterFor(id, what);
    return found;
  }
  return {
    'lookup:by-notice': ({ noticeNumber, birthDate }) =>
      refusals(async () => {
        const m = await lookups.byNotice(noticeNumber, birthDate);
        return only('lookup', m, [m.resident.id]);
      }),
    'lookup:by-serial': ({ serial }) =>
      refusals(async () => {
        const m = await lookups.bySerial(serial);
        return only('lookup', m, [m.resident.id]);
      }),
    'lookup:by-name': ({ name, birthDate }) =>
      refusals(async () => {
        const ms = await lookups.byName(name, birthDate);
        return only(
          'lookup',
          ms,
          ms.map((m) => m.resident.id),
        );
      }),
    'lookup:history': ({ residentId }) =>
      refusals(async () => {
        await counterFor(residentId, 'lookup');
        return lookups.history(residentId);
      }),
  };
}
