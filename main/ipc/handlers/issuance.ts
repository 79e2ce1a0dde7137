// issuance:* — 交付: the counter hands a new card over, step by step.
import type { IssuanceWorkflow } from '../../workflows/issuance/service';
import type { HandlerPart } from './handler-table';
import type { Channel } from '../../../preload/contract/channels';
import { refusals } from './refusals';

export type IssuanceChannel = Extract<Channel, `issuance:${string}`>;

export function issuanceHandlers(deps: {
  readonly issuance: IssuanceWorkflow;
}): HandlerPart<IssuanceChannel> {
  const { issuance } = deps;
  return {
    'issuance:find-by-notice': ({ noticeNumber, birthDate }) =>
      refusals(() => issuance.findByNotice(noticeNumber, birthDate)),
    'issuance:search': ({ name, birthDate }) => refusals(() => issuance.search(name, birthDate)),
    'issuance:list-open': () => refusals(() => issuance.listOpen()),
    'issuance:start': ({ applicationId }) => refusals(() => issuance.start(applicationId)),
    'issuance:get': ({ procedureId }) => refusals(() => issuance.get(procedureId)),
    'issuance:record-documents': ({ procedureId, ...r }) =>
      refusals(() => issuance.recordDocuments(procedureId, r)),
    'issuance:check-card': ({ procedureId, reader }) =>
      refusals(() => issuance.checkCard(procedureId, reader)),
    'issuance:read-photos': ({ procedureId, reader }) =>
      refusals(() => issuance.readPhotos(procedureId, reader)),
    'issuance:record-face': ({ procedureId, decision }) =>
      refusals(() => issuance.recordFace(procedureId, decision)),
    'issuance:override-face': ({ procedureId, approvalId }) =>
      refusals(() => issuance.overrideFace(procedureId, approvalId)),
    'issuance:open-pin-entry': ({ procedureId, reader }) =>
      refusals(() => issuance.openPinEntry(procedureId, reader)),
    'issuance:complete': ({ procedureId, ...r }) =>
      refusals(() => issuance.complete(procedureId, r)),
    'issuance:print-receipt': ({ procedureId }) =>
      refusals(() => issuance.printReceipt(procedureId), 'receipt-failed'),
    'issuance:print-deferral-slip': ({ procedureId }) =>
      refusals(() => issuance.printDeferralSlip(procedureId), 'receipt-failed'),
    'issuance:cancel': ({ procedureId, reason }) =>
      refusals(() => issuance.cancel(procedureId, reason)),
  };
}
