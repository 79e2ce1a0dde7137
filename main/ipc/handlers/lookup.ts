// lookup:* — finding the resident at the counter (by the 交付通知書, a card, or name and birth date)
// with what can be started for them, and the resident's page.
import type { Channel } from '../../../preload/contract/channels';
import type { createLookups } from '../../lookups/history';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type LookupChannel = Extract<Channel, `lookup:${string}`>;

export function lookupHandlers(deps: {
  readonly lookups: ReturnType<typeof createLookups>;
}): HandlerPart<LookupChannel> {
  const { lookups } = deps;
  return {
    'lookup:by-notice': ({ noticeNumber, birthDate }) =>
      refusals(() => lookups.byNotice(noticeNumber, birthDate)),
    'lookup:by-serial': ({ serial }) => refusals(() => lookups.bySerial(serial)),
    'lookup:by-name': ({ name, birthDate }) => refusals(() => lookups.byName(name, birthDate)),
    'lookup:history': ({ residentId }) => refusals(() => lookups.history(residentId)),
  };
}
