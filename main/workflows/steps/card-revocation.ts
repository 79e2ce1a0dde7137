// The 廃止 of a card as the effects of the step that records it (廃止, and 再交付 of a card not yet
// revoked): its certificates revoked with the reason's CRL reason (by the authority first), the
// revocations row with the approval, the card terminated.
import { CRL_REASON_OF, type CardRevocationReason } from '../../../preload/contract/rules/reasons';
import type { Tx } from '../../db/connection';
import { recordRevocation } from '../../db/repositories/card-events';
import { transitionCard } from '../../db/repositories/cards';
import type { ProcedureDeps } from '../procedure/spec';
import { revokeCertificates } from './certificate-status';

export async function revokeCard(
  deps: ProcedureDeps,
  r: {
    readonly cardId: number;
    readonly procedureId: string;
    readonly reason: CardRevocationReason;
    readonly approvalId: number;
  },
): Promise<{ count: number; effects: (tx: Tx) => Promise<void> }> {
  const certs = await revokeCertificates(deps, r.cardId, CRL_REASON_OF[r.reason]);
  const operatorId = deps.operatorId();
  return {
    count: certs.count,
    effects: async (tx) => {
      await certs.inTx(tx);
      await recordRevocation(
        tx,
        {
          cardId: r.cardId,
          reason: r.reason,
          operatorId,
          approvalId: r.approvalId,
          procedureId: r.procedureId,
        },
        deps.now,
      );
      await transitionCard(tx, r.cardId, 'terminated', deps.now);
    },
  };
}
