// 廃止 (revocation): reason (and whether the card is here) -> a supervisor's approval -> with the card:
// the card checked and its chip set to terminated, then certificates revoked, the revocations row,
// the card terminated -> 穴あけ recorded -> completed. Without the card everything is recorded at the
// approval. A card already terminated and not yet destroyed gets the return-only path (返納): the
// card checked, 穴あけ recorded.
import { CRL_REASON_OF, type CardRevocationReason } from '../../../preload/contract/rules/reasons';
import type { ProcedureStep } from '../../../preload/contract/procedure';
import { readChipState, selectCommon } from '../../card/apps/common';
import { CardTerminatedError } from '../../card/card-errors';
import { findRevocationOfCard, recordRevocationDestroyed } from '../../db/repositories/card-events';
import { getCard, recordCardDestroyed } from '../../db/repositories/cards';
import type { ProcedureSpec } from '../procedure/spec';
import { headerOf, stepGuard } from '../procedure/steps';
import { refuse, WrongCardRefusal } from '../refusal';
import { procedureApproval } from '../steps/approval';
import { cardRefusal } from '../steps/card-match';
import { revokeCard } from '../steps/card-revocation';
import { cardForRecord } from './card-start';

export interface RevocationState {
  readonly step: Extract<
    ProcedureStep,
    'reason' | 'approval' | 'card' | 'destroy' | 'completed' | 'cancelled'
  >;
  readonly returnOnly: boolean;
  readonly reason: CardRevocationReason | null;
  readonly cardPresent: boolean;
  readonly approvalId: number | null;
  readonly matchedSerial: string | null;
}

const OPEN_STEPS: readonly RevocationState['step'][] = ['reason', 'approval', 'card', 'destroy'];

export function revocationTransition(
  s: RevocationState,
  row: { readonly step: string; readonly data: Readonly<Record<string, unknown>> },
): RevocationState {
  const at = stepGuard(s.step, OPEN_STEPS);
  const d = row.data;
  switch (row.step) {
    case 'start':
      return d.returnOnly === true
        ? { ...s, step: 'card', returnOnly: true, cardPresent: true }
        : { ...s, step: 'reason' };
    case 'reason':
      at('reason', 'approval');
      if (s.returnOnly) refuse('step-not-allowed', s.step);
      return {
        ...s,
        step: 'approval',
        reason: d.reason as CardRevocationReason,
        cardPresent: d.cardPresent === true,
      };
    case 'approval': {
      at('approval');
      const approvalId = Number(d.approval);
      // The card is not here: the revocation was recorded with the approval.
      if (d.revoked === true) return { ...s, step: 'completed', approvalId };
      return { ...s, step: s.cardPresent ? 'card' : 'destroy', approvalId };
    }
    case 'card':
      at('card');
      return { ...s, step: 'destroy', matchedSerial: String(d.serial) };
    case 'destroy':
      at('destroy');
      return { ...s, step: 'completed' };
    case 'cancelled':
      // Once revoked, nothing is undone: only the 穴あけ may be left unrecorded.
      if (s.step === 'destroy') refuse('step-not-allowed', 'destroy');
      return { ...s, step: 'cancelled' };
    default:
      return s;
  }
}

export const revocationSpec: ProcedureSpec<RevocationState, { readonly cardId: number }> = {
  kind: 'revocation',
  idPrefix: 'rev',
  initial: () => ({
    step: 'reason',
    returnOnly: false,
    reason: null,
    cardPresent: false,
    approvalId: null,
    matchedSerial: null,
  }),
  transition: revocationTransition,
  reopen: (s) => s,

  async start(deps, { cardId }) {
    const card = await cardForRecord(deps, 'revocation', cardId);
    let returnOnly = false;
    if (card.state === 'terminated') {
      // Revoked once only: what remains is recording the card's return and its 穴あけ.
      if (card.destroyedAt !== null) refuse('card-revoked');
      returnOnly = true;
    }
    return {
      open: { residentId: card.residentId, cardId: card.id, step: 'start', data: { returnOnly } },
    };
  },

  checkCancel(s) {
    if (s.step === 'destroy') refuse('step-not-allowed', 'destroy');
  },

  header(s) {
    const steps: ProcedureStep[] = s.returnOnly
      ? ['card', 'destroy']
      : // Before the reason is chosen the card may still come: its steps show until known absent.
        s.reason !== null && !s.cardPresent
        ? ['reason', 'approval']
        : ['reason', 'approval', 'card', 'destroy'];
    return headerOf(steps, s.step);
  },

  // Once revoked, nothing is undone: only the 穴あけ may be left to record.
  allowed: (s) => (OPEN_STEPS.includes(s.step) && s.step !== 'destroy' ? ['cancel'] : []),

  async view(deps, l) {
    const s = l.state;
    const row = await findRevocationOfCard(deps.db(), l.cardId);
    // The reason of a return-only procedure is the one the card was revoked with.
    const reason = s.returnOnly ? (row?.reason ?? null) : s.reason;
    return {
      approvalId: s.approvalId,
      parts: {
        // The card step asks for the card itself (never read before in this procedure).
        needsCard: s.step === 'card',
        matchedSerial: s.matchedSerial,
        revocation: reason
          ? {
              reason,
              crlReason: CRL_REASON_OF[reason],
              cardPresent: s.cardPresent,
              returnOnly: s.returnOnly,
              destroyedAt: row?.destroyedAt ?? null,
            }
          : null,
      },
    };
  },

  actions: {
    async setRevocationReason(ctx, { reason, cardPresent }) {
      await ctx.commit('reason', { reason, cardPresent });
    },

    async approve(ctx, { approvalId }) {
      const s = ctx.state;
      ctx.preview('approval', { approval: approvalId });
      const deps = ctx.deps;
      await procedureApproval(
        deps.db(),
        approvalId,
        ctx.live.procedure,
        'revocation',
        deps.operatorId(),
      );
      if (s.cardPresent) {
        await ctx.commit('approval', { approval: approvalId });
        return;
      }
      // The card is not here: the revocation is recorded now and the procedure ends.
      const r = await revokeCard(deps, {
        cardId: ctx.live.cardId,
        procedureId: ctx.live.procedure.id,
        reason: s.reason!,
        approvalId,
      });
      await ctx.commit(
        'approval',
        { approval: approvalId, revoked: true, certificates: r.count },
        { effects: r.effects, end: 'completed' },
      );
    },

    async checkCard(ctx, { reader }) {
      const s = ctx.state;
      ctx.preview('card', { serial: '' });
      const deps = ctx.deps;
      const card = await getCard(deps.db(), ctx.live.cardId);
      let chip: 'terminated' | 'terminated-before' = 'terminated';
      try {
        await deps.cards.withCard(reader, async (session) => {
          if (session.serial !== card.serial) throw new WrongCardRefusal(session.serial);
          await selectCommon(session);
          if ((await readChipState(session)) === 'terminated') return;
          const issuer = await (await deps.authority()).openIssuerSession(session);
          await issuer.setCardState('terminated');
        });
      } catch (e) {
        // A terminated chip answers nothing but SELECT, its serial included: the card in the
        // clerk's hand is checked by its printed serial, and its chip needs nothing more.
        if (!(e instanceof CardTerminatedError)) throw cardRefusal(e);
        chip = 'terminated-before';
      }
      if (s.returnOnly) {
        await ctx.commit('card', { serial: card.serial, chip });
        return;
      }
      const r = await revokeCard(deps, {
        cardId: card.id,
        procedureId: ctx.live.procedure.id,
        reason: s.reason!,
        approvalId: s.approvalId!,
      });
      await ctx.commit(
        'card',
        { serial: card.serial, chip, revoked: true, certificates: r.count },
        { effects: r.effects },
      );
    },

    async recordDestroyed(ctx) {
      const cardId = ctx.live.cardId;
      const now = ctx.deps.now;
      await ctx.commit(
        'destroy',
        { destroyed: true },
        {
          effects: async (tx) => {
            await recordCardDestroyed(tx, cardId, now);
            await recordRevocationDestroyed(tx, cardId, now);
          },
          end: 'completed',
        },
      );
    },
  },
};
