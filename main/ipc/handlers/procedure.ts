// procedure:* — every counter procedure through the one engine: start, the shared steps, the kinds'
// own steps, complete, print, cancel. The engine refuses a step the procedure's kind does not have.
import type { Channel } from '../../../preload/contract/channels';
import type { DeliveryReason } from '../../../preload/contract/rules/documents';
import type { ProcedureEngine } from '../../workflows/procedure/engine';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type ProcedureChannel = Extract<Channel, `procedure:${string}`>;

export function procedureHandlers(deps: {
  readonly procedures: ProcedureEngine;
}): HandlerPart<ProcedureChannel> {
  const { procedures: p } = deps;
  return {
    'procedure:start': ({ kind, ...request }) => refusals(() => p.start(kind, request)),
    'procedure:get': ({ procedureId }) => refusals(() => p.get(procedureId)),
    'procedure:list-open': () => refusals(() => p.listOpen()),
    'procedure:record-documents': ({
      procedureId,
      kinds,
      guardianship,
      representative,
      authority,
    }) =>
      refusals(() =>
        p.act(procedureId, 'recordDocuments', {
          kinds,
          guardianship: guardianship ?? false,
          representative: representative ?? null,
          ...(authority === undefined ? {} : { authority }),
        }),
      ),
    'procedure:record-request': ({ procedureId, reason, representative }) =>
      refusals(() =>
        // The reason is checked against the list by main's rule (delivery-reason-invalid).
        p.act(procedureId, 'recordRequest', {
          reason: reason as DeliveryReason,
          representative,
        }),
      ),
    'procedure:print-inquiry': ({ procedureId }) =>
      refusals(() => p.act(procedureId, 'printInquiry', {}), 'receipt-failed'),
    'procedure:record-reply': ({ procedureId, inquiryNumber, answered, pinSheetSealed }) =>
      refusals(() =>
        p.act(procedureId, 'recordReply', { inquiryNumber, answered, pinSheetSealed }),
      ),
    'procedure:check-card': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'checkCard', { reader })),
    'procedure:read-photos': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'readPhotos', { reader })),
    'procedure:record-face': ({ procedureId, decision, approvalId, scores, secondLook }) =>
      refusals(() =>
        p.act(procedureId, 'recordFace', {
          decision,
          ...(approvalId === undefined ? {} : { approvalId }),
          scores: scores ?? null,
          secondLook: secondLook ?? false,
        }),
      ),
    'procedure:override-face': ({ procedureId, approvalId }) =>
      refusals(() => p.act(procedureId, 'overrideFace', { approvalId })),
    'procedure:choose': ({ procedureId, plan, scope }) =>
      refusals(() => p.act(procedureId, 'choose', { plan, scope: scope ?? null })),
    'procedure:show-card-face': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'showCardFace', { reader })),
    'procedure:open-pin-entry': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'openPinEntry', { reader })),
    'procedure:set-revocation-reason': ({ procedureId, reason, cardPresent }) =>
      refusals(() => p.act(procedureId, 'setRevocationReason', { reason, cardPresent })),
    'procedure:set-reissue-reason': ({
      procedureId,
      reason,
      express,
      expressRequest,
      withCertificates,
    }) =>
      refusals(() =>
        p.act(procedureId, 'setReissueReason', {
          reason,
          express,
          expressRequest: expressRequest ?? null,
          withCertificates: withCertificates ?? true,
        }),
      ),
    'procedure:defer-certificates': ({ procedureId }) =>
      refusals(() => p.act(procedureId, 'deferCertificates', {})),
    'procedure:approve': ({ procedureId, approvalId }) =>
      refusals(() => p.act(procedureId, 'approve', { approvalId })),
    'procedure:record-fee': ({ procedureId, status, waiverReason }) =>
      refusals(() =>
        p.act(procedureId, 'recordFee', { status, waiverReason: waiverReason ?? null }),
      ),
    'procedure:record-destroyed': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'recordDestroyed', { reader: reader ?? null })),
    'procedure:complete': ({ procedureId, handover }) =>
      refusals(() => p.act(procedureId, 'complete', { handover: handover ?? null })),
    'procedure:print-receipt': ({ procedureId }) =>
      refusals(() => p.act(procedureId, 'printReceipt', {}), 'receipt-failed'),
    'procedure:print-deferral-slip': ({ procedureId }) =>
      refusals(() => p.act(procedureId, 'printDeferralSlip', {}), 'receipt-failed'),
    'procedure:write-card-facts': ({ procedureId, reader, changed, reissueSigning }) =>
      refusals(() => p.act(procedureId, 'writeCardFacts', { reader, changed, reissueSigning })),
    'procedure:switch-card-kind': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'switchCardKind', { reader })),
    'procedure:issue-face-auth': ({ procedureId, reader }) =>
      refusals(() => p.act(procedureId, 'issueFaceAuth', { reader })),
    'procedure:print-card-note': ({ procedureId }) =>
      refusals(() => p.act(procedureId, 'printCardNote', {}), 'receipt-failed'),
    'procedure:reprint': (request) => refusals(() => p.reprint(request), 'receipt-failed'),
    'procedure:cancel': ({ procedureId, reason }) => refusals(() => p.cancel(procedureId, reason)),
    'procedure:hold': ({ procedureId, reason }) => refusals(() => p.hold(procedureId, reason)),
    'procedure:keep': ({ procedureId }) => refusals(() => p.keep(procedureId)),
    'procedure:take-over': ({ procedureId, approvalId }) =>
      refusals(() => p.takeOver(procedureId, approvalId)),
  };
}
