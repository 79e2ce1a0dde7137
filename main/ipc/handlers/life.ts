// life:* and the later procedures' own channels — the card's life after 交付: 一時停止 and its
// 解除, 初期化・再設定, 廃止, 再交付, 更新, routed to each procedure's workflow.
import type { Channel } from '../../../preload/contract/channels';
import type { createLifeQueries } from '../../workflows/lifecycle/queries';
import type { LifeRegistry } from '../../workflows/lifecycle/registry';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type LifeChannel =
  | Extract<Channel, `life:${string}`>
  | 'suspension:register'
  | 'revocation:set-reason'
  | 'revocation:record-destroyed'
  | 'reissue:set-reason'
  | 'reissue:record-fee';

export interface LifeHandlerDeps {
  readonly life: LifeRegistry;
  readonly lifeQueries: ReturnType<typeof createLifeQueries>;
}

export function lifeHandlers(deps: LifeHandlerDeps): HandlerPart<LifeChannel> {
  const { life, lifeQueries } = deps;
  return {
    'life:find-by-serial': ({ serial }) => refusals(() => lifeQueries.findBySerial(serial)),
    'life:search': ({ name, birthDate }) => refusals(() => lifeQueries.search(name, birthDate)),
    'life:history': ({ residentId }) => refusals(() => lifeQueries.history(residentId)),
    'life:list-open': () => refusals(() => life.listOpen()),
    'suspension:register': (r) => refusals(() => life.register(r)),
    'life:start': ({ kind, cardId }) => refusals(() => life.start(kind, cardId)),
    'life:get': ({ procedureId }) => refusals(() => life.get(procedureId)),
    'life:record-documents': ({ procedureId, kinds }) =>
      refusals(async () => (await life.step(procedureId, 'recordDocuments'))(procedureId, kinds)),
    'life:check-card': ({ procedureId, reader }) =>
      refusals(async () => (await life.step(procedureId, 'checkCard'))(procedureId, reader)),
    'life:read-photos': ({ procedureId, reader }) =>
      refusals(async () => (await life.step(procedureId, 'readPhotos'))(procedureId, reader)),
    'life:record-face': ({ procedureId, decision }) =>
      refusals(async () => (await life.step(procedureId, 'recordFace'))(procedureId, decision)),
    'life:override-face': ({ procedureId, approvalId }) =>
      refusals(async () => (await life.step(procedureId, 'overrideFace'))(procedureId, approvalId)),
    'life:choose': ({ procedureId, plan, scope }) =>
      refusals(async () => (await life.step(procedureId, 'choose'))(procedureId, plan, scope)),
    'life:open-pin-entry': ({ procedureId, reader }) =>
      refusals(async () => (await life.step(procedureId, 'openPinEntry'))(procedureId, reader)),
    'revocation:set-reason': ({ procedureId, reason, cardPresent }) =>
      refusals(async () =>
        (await life.step(procedureId, 'setRevocationReason'))(procedureId, reason, cardPresent),
      ),
    'reissue:set-reason': ({ procedureId, reason, express }) =>
      refusals(async () =>
        (await life.step(procedureId, 'setReissueReason'))(procedureId, reason, express),
      ),
    'life:approve': ({ procedureId, approvalId }) =>
      refusals(async () => (await life.step(procedureId, 'approve'))(procedureId, approvalId)),
    'reissue:record-fee': ({ procedureId, status, waiverReason }) =>
      refusals(async () =>
        (await life.step(procedureId, 'recordFee'))(procedureId, status, waiverReason),
      ),
    'revocation:record-destroyed': ({ procedureId, reader }) =>
      refusals(async () => (await life.step(procedureId, 'recordDestroyed'))(procedureId, reader)),
    'life:complete': ({ procedureId }) =>
      refusals(async () => (await life.step(procedureId, 'complete'))(procedureId)),
    'life:print-receipt': ({ procedureId }) =>
      refusals(
        async () => (await life.step(procedureId, 'printReceipt'))(procedureId),
        'receipt-failed',
      ),
    'life:cancel': ({ procedureId, reason }) => refusals(() => life.cancel(procedureId, reason)),
  };
}
