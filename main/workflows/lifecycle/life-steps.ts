// Step helpers of the records workflows (一時停止, 廃止, 再交付) over the shared journal step
// (steps/journal): a procedure opened with its first step, the authority's hold / revoke mirrored
// in the database, approvals checked. The workflows read their state from the journal on every
// call, so a restart resumes wherever the last committed step left off.
import type { ErrorCode } from '../../../preload/contract/errors';
import type { LifeKind, LifeProcedureDto } from '../../../preload/contract/lifecycle';
import {
  CRL_REASON_OF,
  type CardRevocationReason,
  type CrlReason,
} from '../../../preload/contract/rules/reasons';
import type { Details } from '../../audit/details-guard';
import {
  IssuerSessionRefusedError,
  UnknownCertificateError,
  type IssuerAuthority,
} from '../../authority/issuer-authority';
import type { CardSession } from '../../card/card-service';
import { CardChangedError, cardErrorToAppError } from '../../card/card-errors';
import type { Db, Tx } from '../../db/connection';
import { getApproval } from '../../db/repositories/approvals';
import { recordRevocation } from '../../db/repositories/card-events';
import { getCard, transitionCard, type Card } from '../../db/repositories/cards';
import { listCertificatesOfCard, setCertificateStatus } from '../../db/repositories/certificates';
import {
  getProcedure,
  listOpenProcedures,
  listSteps,
  startProcedure,
  type JournalEntry,
  type Procedure,
  type StepStatus,
} from '../../db/repositories/journal';
import { WorkflowRefusal } from '../refusal';
import { commitStep, newProcedureId } from '../steps/journal';

/** What the card work needs of the card service: one exclusive session per operation. */
export interface LifeCardAccess {
  withCard<T>(reader: string, op: (session: CardSession) => Promise<T>): Promise<T>;
}

export interface LifeRecordsDeps {
  db(): Db;
  now(): Date;
  /** The operator of the current call (the router has checked the role). */
  operatorId(): number;
  authority(): Promise<IssuerAuthority>;
  cards: LifeCardAccess;
}

export interface JournalView {
  readonly procedure: Procedure;
  readonly steps: readonly JournalEntry[];
}

export async function readJournal(
  deps: LifeRecordsDeps,
  procedureId: string,
): Promise<JournalView> {
  let procedure: Procedure;
  try {
    procedure = await getProcedure(deps.db(), procedureId);
  } catch {
    throw new WorkflowRefusal('not-found');
  }
  return { procedure, steps: await listSteps(deps.db(), procedureId) };
}

/** The data of the last completed row of `step`, or null. */
export function lastStep(view: JournalView, step: string): Record<string, unknown> | null {
  for (let i = view.steps.length - 1; i >= 0; i -= 1) {
    const s = view.steps[i]!;
    if (s.step === step && s.status === 'completed') return s.data as Record<string, unknown>;
  }
  return null;
}

export function assertOpen(view: JournalView): void {
  if (view.procedure.status !== 'open') throw new WorkflowRefusal('procedure-closed');
}

/** Opens a procedure on a card with its first journal row and audit row, in one transaction. */
export async function openLifeProcedure(
  deps: LifeRecordsDeps,
  kind: LifeKind,
  card: { readonly id: number; readonly residentId: number },
  step: string,
  data: Details,
  effects?: (tx: Tx, procedureId: string) => Promise<void>,
): Promise<string> {
  const id = newProcedureId(PREFIX[kind]);
  const operatorId = deps.operatorId();
  await commitStep(
    deps,
    { procedureId: id, prefix: kind, residentId: card.residentId, cardId: card.id },
    {
      step,
      status: 'completed',
      data,
      effects: async (tx) => {
        await startProcedure(
          tx,
          { id, kind, operatorId, residentId: card.residentId, cardId: card.id },
          deps.now,
        );
        if (effects) await effects(tx, id);
      },
    },
  );
  return id;
}

/** One step: its effects, its journal row and its audit row commit together or not at all. */
export async function commitLifeStep(
  deps: LifeRecordsDeps,
  procedure: Procedure,
  step: string,
  data: Details,
  options: {
    readonly status?: StepStatus;
    readonly effects?: (tx: Tx) => Promise<void>;
    readonly end?: 'completed' | 'cancelled';
  } = {},
): Promise<void> {
  await commitStep(
    deps,
    {
      procedureId: procedure.id,
      prefix: procedure.kind,
      residentId: procedure.residentId!,
      cardId: procedure.cardId,
    },
    {
      step,
      status: options.status ?? 'completed',
      data,
      ...(options.effects ? { effects: options.effects } : {}),
      ...(options.end ? { end: options.end } : {}),
    },
  );
}

/** A procedure cancelled with the clerk's reason: its last journal row, and closed. */
export async function cancelProcedure(
  deps: LifeRecordsDeps,
  view: JournalView,
  reason: string,
): Promise<void> {
  assertOpen(view);
  await commitLifeStep(
    deps,
    view.procedure,
    'cancelled',
    { reason },
    { status: 'cancelled', end: 'cancelled' },
  );
}

/** Audit prefixes are the kinds; ids carry a short prefix of the kind. */
const PREFIX: Readonly<Record<LifeKind, string>> = {
  suspension: 'sus',
  release: 'rel',
  'pin-reset': 'pin',
  revocation: 'rev',
  reissue: 'rei',
  renewal: 'ren',
};

/** Open procedures of these kinds (what a restart reopens). */
export async function openProceduresOf(deps: LifeRecordsDeps, kinds: readonly LifeKind[]) {
  return (await listOpenProcedures(deps.db())).filter((p) =>
    (kinds as readonly string[]).includes(p.kind),
  );
}

/**
 * An approval fit for this step: recorded for this procedure, for this action, and not by its
 * own operator (nobody approves their own request).
 */
export async function checkApproval(
  deps: LifeRecordsDeps,
  procedure: Procedure,
  approvalId: number,
  action: 'revocation' | 'reissue',
): Promise<void> {
  let approval;
  try {
    approval = await getApproval(deps.db(), approvalId);
  } catch {
    throw new WorkflowRefusal('approval-invalid');
  }
  if (approval.procedureId !== procedure.id || approval.action !== action)
    throw new WorkflowRefusal('approval-invalid');
  if (approval.approverId === procedure.operatorId || approval.approverId === deps.operatorId())
    throw new WorkflowRefusal('approval-invalid', 'self-approval');
}

/**
 * Asks the authority to hold or revoke each certificate, then the caller records it in the
 * database. A certificate the authority never issued (a practice card seeded before the
 * authority existed) is still changed in the database; the warning names no serial.
 */
export async function authorityChange(
  authority: IssuerAuthority,
  serials: readonly string[],
  change: { readonly hold: true } | { readonly revoke: CrlReason },
  now: Date,
): Promise<void> {
  for (const serial of serials) {
    try {
      if ('hold' in change) await authority.hold(serial, now);
      else await authority.revoke(serial, change.revoke, now);
    } catch (e) {
      if (!(e instanceof UnknownCertificateError)) throw e;
      console.warn(
        '[LifeRecords] a certificate unknown to the authority was changed in the database only',
      );
    }
  }
}

/** The card's certificates that are still issued or on hold, for a hold or a revocation. */
export async function liveCertificates(
  deps: LifeRecordsDeps,
  cardId: number,
  only: 'issued' | 'live',
) {
  const all = await listCertificatesOfCard(deps.db(), cardId);
  return all.filter((c) =>
    only === 'issued' ? c.status === 'issued' : c.status === 'issued' || c.status === 'on_hold',
  );
}

/** Revokes every live certificate of the card with the authority, then in the transaction given. */
export async function revokeCardCertificates(
  deps: LifeRecordsDeps,
  cardId: number,
  reason: CrlReason,
): Promise<{ count: number; inTx: (tx: Tx) => Promise<void> }> {
  const certs = await liveCertificates(deps, cardId, 'live');
  await authorityChange(
    await deps.authority(),
    certs.map((c) => c.serial),
    { revoke: reason },
    deps.now(),
  );
  return {
    count: certs.length,
    inTx: async (tx) => {
      for (const c of certs) await setCertificateStatus(tx, c.id, 'revoked', reason, deps.now);
    },
  };
}

/** A card problem as the clerk window shows it (a pulled card, another card, another issuer). */
export function cardProblem(e: unknown): WorkflowRefusal {
  if (e instanceof WorkflowRefusal) return e;
  if (e instanceof CardChangedError) return new WorkflowRefusal('wrong-card');
  if (e instanceof IssuerSessionRefusedError) return new WorkflowRefusal('card-not-issuable');
  const { code, detail } = cardErrorToAppError(e);
  if (code === 'internal') return new WorkflowRefusal('card-error');
  return new WorkflowRefusal(code as ErrorCode, code === 'card-error' ? detail : undefined);
}

/**
 * The 廃止 of a card in the database (the authority first: revoking again with the same reason
 * changes nothing), as the effects of the step that records it: its certificates revoked with
 * the reason's CRL reason, the revocations row with the approval, the card terminated.
 */
export async function revokeCardRecords(
  deps: LifeRecordsDeps,
  procedure: Procedure,
  reason: CardRevocationReason,
  approvalId: number,
): Promise<{ count: number; effects: (tx: Tx) => Promise<void> }> {
  const cardId = procedure.cardId!;
  const certs = await revokeCardCertificates(deps, cardId, CRL_REASON_OF[reason]);
  return {
    count: certs.count,
    effects: async (tx) => {
      await certs.inTx(tx);
      await recordRevocation(
        tx,
        { cardId, reason, operatorId: deps.operatorId(), approvalId, procedureId: procedure.id },
        deps.now,
      );
      await transitionCard(tx, cardId, 'terminated', deps.now);
    },
  };
}

/** The card a procedure starts on: known, issued once, and without an open procedure of the kind. */
export async function cardForStart(
  deps: LifeRecordsDeps,
  kind: LifeKind,
  cardId: number,
): Promise<Card> {
  let card: Card;
  try {
    card = await getCard(deps.db(), cardId);
  } catch {
    throw new WorkflowRefusal('not-found', 'card');
  }
  if (card.state === 'received' || card.state === 'prepared')
    throw new WorkflowRefusal('card-not-issued');
  const open = (await openProceduresOf(deps, [kind])).find((p) => p.cardId === card.id);
  if (open) throw new WorkflowRefusal('procedure-busy', kind);
  return card;
}

/** get / listOpen / publish of a workflow whose DTO is read from the journal each time. */
export function journalViews(
  deps: LifeRecordsDeps & { emitUpdated(dto: LifeProcedureDto): void },
  kind: LifeKind,
  dto: (procedureId: string) => Promise<LifeProcedureDto>,
) {
  return {
    get: dto,
    async listOpen(): Promise<LifeProcedureDto[]> {
      return Promise.all((await openProceduresOf(deps, [kind])).map((p) => dto(p.id)));
    },
    async publish(procedureId: string): Promise<LifeProcedureDto> {
      const out = await dto(procedureId);
      deps.emitUpdated(out);
      return out;
    },
  };
}
