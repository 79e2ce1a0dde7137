// resident:* — the resident window's one entry (the card face to confirm, then the PINs), owned by
// whichever procedure opened it.
import { ok } from '../../../preload/contract/result';
import type { PinHub } from '../../workflows/steps/pin-hub';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ResidentChannel =
  | 'resident:get-prompt'
  | 'resident:check-pin'
  | 'resident:submit-pins'
  | 'resident:confirm-card-face';

export function residentHandlers(deps: { readonly pinHub: PinHub }): HandlerPart<ResidentChannel> {
  const { pinHub } = deps;
  return {
    'resident:get-prompt': async () => ok(pinHub.prompt()),
    'resident:check-pin': ({ kind, value, confirmation }) =>
      refusals(() => pinHub.checkPin(kind, value, confirmation)),
    'resident:submit-pins': (r) => refusals(() => pinHub.submit(r)),
    'resident:confirm-card-face': ({ procedureId, answer }) =>
      refusals(() => pinHub.confirmCardFace(procedureId, answer)),
  };
}
