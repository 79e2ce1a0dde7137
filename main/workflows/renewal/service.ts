// 電子証明書の更新 (renewal) in main: new keys and certificates on the same card, from 3 months before
// the certificates expire; or the signing certificate alone when the four facts changed. The old
// certificates are revoked: superseded, or affiliationChanged for the signing-only reissue.
import { certificateRenewalOpensOn, isRenewalOpen } from '../../../preload/contract/rules/validity';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import { WorkflowRefusal } from '../refusal';
import {
  createCardProcedureWorkflow,
  revokeOldCertificates,
  type CardProcedureDeps,
} from '../steps/card-procedure';
import { RENEWAL_RULES } from './state';

/**
 * Refuses a renewal before the window of the first certificate to expire (`notAfter`, an ISO
 * instant; null: nothing to go by) opens. The refusal's detail is the day it opens, Japan time.
 */
export function checkRenewalWindow(notAfter: string | null, now: Date): void {
  if (!notAfter || isRenewalOpen(new Date(notAfter), now)) return;
  throw new WorkflowRefusal('renewal-too-early', certificateRenewalOpensOn(new Date(notAfter)));
}

export function createRenewalWorkflow(deps: CardProcedureDeps) {
  return createCardProcedureWorkflow(deps, {
    kind: 'renewal',
    idPrefix: 'ren',
    rules: RENEWAL_RULES,
    // The reason for a signing-only renewal: the card's facts are not the record's any more.
    allowFactsChange: true,
    checkStart(card) {
      if (card.state === 'terminated') throw new WorkflowRefusal('card-revoked', 'reissue');
      if (card.state !== 'issued') throw new WorkflowRefusal('card-not-issued', card.state);
    },
    async checkChoice({ deps: d, state, card }, plan, scope) {
      if (scope === 'signing-only') {
        // The signing certificate carries the facts the card was issued with (the text
        // application's): renewed alone only when they are no longer the record's.
        if (!state.factsDiffer) throw new WorkflowRefusal('facts-unchanged');
        return;
      }
      const kinds = RENEWAL_RULES.certificateKinds(plan, scope, state.under15);
      const current = (await listCertificatesOfCard(d.db(), card.id)).filter(
        (c) => kinds.includes(c.kind) && c.status === 'issued',
      );
      // The database's certificates; for a card whose certificates it never recorded (seeded
      // practice cards), the authentication certificate read from the chip.
      const first = current.map((c) => c.notAfter).sort()[0] ?? state.chipCertificateExpiry;
      checkRenewalWindow(first, d.now());
    },
    async finish({ deps: d, state, card, newSerials }) {
      const revoked = await revokeOldCertificates(
        d,
        card.id,
        state.certificateKinds,
        newSerials,
        state.scope === 'signing-only' ? 'affiliationChanged' : 'superseded',
      );
      return { data: { revoked: revoked.count, scope: state.scope }, effects: revoked.inTx };
    },
    extraParts: (s) => ({ renewal: s.scope ? { scope: s.scope } : null }),
  });
}

export type RenewalWorkflow = ReturnType<typeof createRenewalWorkflow>;
