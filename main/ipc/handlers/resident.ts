// resident:* — the resident window's one entry (the card face to confirm, then the PINs), owned by
// whichever procedure opened it, and its 「職員を呼ぶ」 button.
import type { StaffCallDto } from '../../../preload/contract/issuance';
import { ok } from '../../../preload/contract/result';
import type { RecordAudit } from '../../audit/operator-audit';
import type { PinHub } from '../../workflows/steps/pin-hub';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ResidentChannel =
  | 'resident:get-prompt'
  | 'resident:check-pin'
  | 'resident:submit-pins'
  | 'resident:confirm-card-face'
  | 'resident:call-staff';

export function residentHandlers(deps: {
  readonly pinHub: PinHub;
  /** Audits under the counter operator beside whom the resident window works. */
  readonly audit: RecordAudit;
  /** Tells the clerk's window (its notice stays until the clerk dismisses it). */
  readonly staffCalled: (call: StaffCallDto) => void;
  readonly now: () => Date;
}): HandlerPart<ResidentChannel> {
  const { pinHub } = deps;
  return {
    'resident:get-prompt': async () => ok(pinHub.prompt()),
    'resident:check-pin': ({ kind, value, confirmation }) =>
      refusals(() => pinHub.checkPin(kind, value, confirmation)),
    'resident:submit-pins': (r) => refusals(() => pinHub.submit(r)),
    // The router has checked the sender (the resident page, main frame, trusted origin), the
    // empty request and that a counter operator is logged in; the press is audited before the
    // clerk is told, so every call the clerk saw is on record.
    'resident:call-staff': async () => {
      const call: StaffCallDto = { at: deps.now().toISOString() };
      await deps.audit('resident.staff-called', { entryOpen: pinHub.prompt() !== null });
      deps.staffCalled(call);
      return ok(call);
    },
    'resident:confirm-card-face': ({ procedureId, answer }) =>
      refusals(() => pinHub.confirmCardFace(procedureId, answer)),
  };
}
