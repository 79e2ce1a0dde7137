// resident:* — the resident window's one PIN entry, owned by whichever procedure opened it.
import { ok } from '../../../preload/contract/result';
import type { PinHub } from '../../workflows/steps/pin-hub';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ResidentChannel = 'resident:get-prompt' | 'resident:check-pin' | 'resident:submit-pins';

export function residentHandlers(deps: { readonly pinHub: PinHub }): HandlerPart<ResidentChannel> {
  const { pinHub } = deps;
  return {
    'resident:get-prompt': async () => ok(pinHub.prompt()),
    'resident:check-pin': ({ kind, value, confirmation }) =>
      refusals(() => pinHub.checkPin(kind, value, confirmation)),
    'resident:submit-pins': (r) => refusals(() => pinHub.submit(r)),
  };
}
