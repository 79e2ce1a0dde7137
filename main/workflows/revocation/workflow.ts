// 廃止: reason -> a supervisor's approval -> (card present: the card checked and its chip set to
// terminated) certificates revoked, revocations row, card terminated -> 穴あけ recorded -> completed.
// A terminated card not yet destroyed gets the "return only" procedure: card, 穴あけ, completed.
import type { LifeKind, LifeProcedureDto, LifeStep } from '../../../preload/contract/lifecycle';
import { CRL_REASON_OF, type CardRevocationReason } from '../../../preload/contract/rules/reasons';
import { findRevocationOfCard, recordRevocationDestroyed } from '../../db/repositories/card-events';
import { getCard, recordCardDestroyed } from '../../db/repositories/cards';
import { readChipState, selectCommon } from '../../card/apps/common';
import { CardTerminatedError } from '../../card/card-errors';
import {
  assertOpen,
  cancelProcedure,
  cardProblem,
  checkApproval,
  commitLifeStep,
  lastStep,
  openLifeProcedure,
  journalViews,
  revokeCardRecords,
  cardForStart,
  readJournal,
  type JournalView,
  type LifeRecordsDeps,
} from '../lifecycle/life-steps';
import { projectLifeProcedure } from '../lifecycle/projection';
import type { LifeWorkflow } from '../lifecycle/registry';
import { WorkflowRefusal } from '../refusal';

export interface RevocationDeps extends LifeRecordsDeps {
  emitUpdated(dto: LifeProcedureDto): void;
}

interface RevocationState {
  readonly step: LifeStep;
  readonly returnOnly: boolean;
  readonly reason: CardRevocationReason | null;
  readonly cardPresent: boolean;
  readonly approvalId: number | null;
}

function stateOf(view: JournalView, revokedReason: CardRevocationReason | null): RevocationState {
  const start = lastStep(view, 'start') ?? {};
  const returnOnly = start.returnOnly === true;
  const reasonRow = lastStep(view, 'reason');
  const approval = lastStep(view, 'approval');
  const card = lastStep(view, 'card');
  const destroyed = lastStep(view, 'destroy');
  const reason = returnOnly
    ? revokedReason
    : ((reasonRow?.reason as CardRevocationReason | undefined) ?? null);
  const cardPresent = returnOnly || reasonRow?.cardPresent === true;
  const approvalId = approval ? Number(approval.approval) : null;
  let step: LifeStep;
  if (view.procedure.status === 'completed') step = 'completed';
  else if (view.procedure.status === 'cancelled') step = 'cancelled';
  else if (returnOnly) step = card ? 'destroy' : 'card';
  else if (!reasonRow) step = 'reason';
  else if (!approval) step = 'approval';
  else if (cardPresent && !card) step = 'card';
  else step = destroyed ? 'completed' : 'destroy';
  return { step, returnOnly, reason, cardPresent, approvalId };
}

async function revocationRow(deps: LifeRecordsDeps, cardId: number) {
  return findRevocationOfCard(deps.db(), cardId);
}

export function createRevocationWorkflow(deps: RevocationDeps): LifeWorkflow {
  async function load(procedureId: string) {
    const view = await readJournal(deps, procedureId);
    if (view.procedure.kind !== 'revocation') throw new WorkflowRefusal('not-found');
    const row = await revocationRow(deps, view.procedure.cardId!);
    return { view, row, state: stateOf(view, row?.reason ?? null) };
  }

  async function dto(procedureId: string): Promise<LifeProcedureDto> {
    const { view, row, state } = await load(procedureId);
    return projectLifeProcedure(deps.db(), view.procedure, deps.now(), {
      step: state.step,
      needsCard: state.step === 'card',
      matchedSerial: lastStep(view, 'card') ? String(lastStep(view, 'card')!.serial) : null,
      revocation: state.reason
        ? {
            reason: state.reason,
            crlReason: CRL_REASON_OF[state.reason],
            cardPresent: state.cardPresent,
            returnOnly: state.returnOnly,
            destroyedAt: row?.destroyedAt ?? null,
          }
        : null,
      approvalId: state.approvalId,
    });
  }

  const views = journalViews(deps, 'revocation', dto);
  const publish = views.publish;

  async function withStep(procedureId: string, expected: LifeStep) {
    const loaded = await load(procedureId);
    assertOpen(loaded.view);
    if (loaded.state.step !== expected)
      throw new WorkflowRefusal('step-not-allowed', loaded.state.step);
    return loaded;
  }

  return {
    kinds: ['revocation'] as const satisfies readonly LifeKind[],

    async start(_kind: LifeKind, cardId: number): Promise<LifeProcedureDto> {
      const card = await cardForStart(deps, 'revocation', cardId);
      let returnOnly = false;
      if (card.state === 'terminated') {
        // Revoked once only: what remains is recording the card's return and its 穴あけ.
        if (card.destroyedAt !== null) throw new WorkflowRefusal('card-revoked');
        returnOnly = true;
      }
      const id = await openLifeProcedure(deps, 'revocation', card, 'start', { returnOnly });
      return publish(id);
    },

    get: views.get,
    listOpen: views.listOpen,

    async cancel(procedureId: string, reason: string): Promise<LifeProcedureDto> {
      const { view, state } = await load(procedureId);
      assertOpen(view);
      // Once revoked, nothing is undone: only the 穴あけ may be left unrecorded.
      if (state.step === 'destroy') throw new WorkflowRefusal('step-not-allowed', 'destroy');
      await cancelProcedure(deps, view, reason);
      return publish(procedureId);
    },

    async setRevocationReason(procedureId, reason, cardPresent): Promise<LifeProcedureDto> {
      const { view, state } = await load(procedureId);
      assertOpen(view);
      if (state.returnOnly || !['reason', 'approval'].includes(state.step))
        throw new WorkflowRefusal('step-not-allowed', state.step);
      await commitLifeStep(deps, view.procedure, 'reason', { reason, cardPresent });
      return publish(procedureId);
    },

    async approve(procedureId, approvalId): Promise<LifeProcedureDto> {
      const { view, state } = await withStep(procedureId, 'approval');
      await checkApproval(deps, view.procedure, approvalId, 'revocation');
      if (state.cardPresent) {
        await commitLifeStep(deps, view.procedure, 'approval', { approval: approvalId });
      } else {
        // The card is not here: the revocation is recorded now and the procedure ends.
        const r = await revokeCardRecords(deps, view.procedure, state.reason!, approvalId);
        await commitLifeStep(
          deps,
          view.procedure,
          'approval',
          { approval: approvalId, revoked: true, certificates: r.count },
          { effects: r.effects, end: 'completed' },
        );
      }
      return publish(procedureId);
    },

    async checkCard(procedureId, reader): Promise<LifeProcedureDto> {
      const { view, state } = await withStep(procedureId, 'card');
      const card = await getCard(deps.db(), view.procedure.cardId!);
      let chip: 'terminated' | 'terminated-before' = 'terminated';
      try {
        await deps.cards.withCard(reader, async (session) => {
          if (session.serial !== card.serial) throw new WorkflowRefusal('wrong-card');
          await selectCommon(session);
          if ((await readChipState(session)) === 'terminated') return;
          const issuer = await (await deps.authority()).openIssuerSession(session);
          await issuer.setCardState('terminated');
        });
      } catch (e) {
        // A terminated chip answers nothing but SELECT, its serial included: the card in the
        // clerk's hand is checked by its printed serial, and its chip needs nothing more.
        if (!(e instanceof CardTerminatedError)) throw cardProblem(e);
        chip = 'terminated-before';
      }
      if (state.returnOnly) {
        await commitLifeStep(deps, view.procedure, 'card', { serial: card.serial, chip });
      } else {
        const r = await revokeCardRecords(deps, view.procedure, state.reason!, state.approvalId!);
        await commitLifeStep(
          deps,
          view.procedure,
          'card',
          { serial: card.serial, chip, revoked: true, certificates: r.count },
          { effects: r.effects },
        );
      }
      return publish(procedureId);
    },

    async recordDestroyed(procedureId): Promise<LifeProcedureDto> {
      const { view } = await withStep(procedureId, 'destroy');
      const cardId = view.procedure.cardId!;
      await commitLifeStep(
        deps,
        view.procedure,
        'destroy',
        { destroyed: true },
        {
          effects: async (tx) => {
            await recordCardDestroyed(tx, cardId, deps.now);
            await recordRevocationDestroyed(tx, cardId, deps.now);
          },
          end: 'completed',
        },
      );
      return publish(procedureId);
    },
  };
}
