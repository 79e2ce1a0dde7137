// How a procedure on an issued card starts (解除, 初期化・再設定, 更新): the card known, in a state the
// kind applies to, and one open procedure of a kind per card (starting again reopens it).
import type { CardProcedureKind } from '../../../preload/contract/procedure';
import { getCard, type Card } from '../../db/repositories/cards';
import { listOpenProcedures } from '../../db/repositories/journal';
import { getResident } from '../../db/repositories/residents';
import { isUnder15, otherCounterRefusal } from '../procedure/projection';
import type { ProcedureDeps, StartPlan } from '../procedure/spec';
import { WorkflowRefusal } from '../refusal';
import type { CardState } from '../steps/card-state';

/** The card of a start request, or not-found. */
export async function cardOf(deps: ProcedureDeps, cardId: number): Promise<Card> {
  try {
    return await getCard(deps.db(), cardId);
  } catch {
    throw new WorkflowRefusal('not-found', 'card');
  }
}

/** The open procedure of `kind` on the card, if one was left unfinished. */
export async function openProcedureOn(
  deps: ProcedureDeps,
  kind: CardProcedureKind,
  cardId: number,
) {
  return (await listOpenProcedures(deps.db())).find((p) => p.kind === kind && p.cardId === cardId);
}

export async function startOnCard(
  deps: ProcedureDeps,
  kind: CardProcedureKind,
  cardId: number,
  checkStart: (card: Card) => void | Promise<void>,
): Promise<StartPlan<CardState>> {
  const card = await cardOf(deps, cardId);
  await checkStart(card);
  const open = await openProcedureOn(deps, kind, cardId);
  if (open) return { existing: open.id };
  const resident = await getResident(deps.db(), card.residentId);
  return {
    open: {
      residentId: resident.id,
      cardId: card.id,
      step: 'started',
      data: { under15: isUnder15(resident.birthDate, deps.now()) },
      audit: { serial: card.serial },
    },
  };
}

/**
 * The card a 廃止 or 再交付 starts on: known, issued once, and without an open procedure of the kind
 * (one at a time per card: the clerk finishes or cancels the open one).
 */
export async function cardForRecord(
  deps: ProcedureDeps,
  kind: CardProcedureKind,
  cardId: number,
): Promise<Card> {
  const card = await cardOf(deps, cardId);
  if (card.state === 'received' || card.state === 'prepared')
    throw new WorkflowRefusal('card-not-issued');
  const open = await openProcedureOn(deps, kind, card.id);
  if (!open) return card;
  // Open at another office counter: named, so the clerk knows where it is.
  if (open.counterNumber !== null && open.counterNumber !== (deps.counterNumber ?? null))
    throw await otherCounterRefusal(deps.db(), open.counterNumber, open);
  throw new WorkflowRefusal('procedure-busy', kind);
}

/** The procedures that change what the card's certificates or secrets are. */
export const CERTIFICATE_PROCEDURES: readonly CardProcedureKind[] = [
  'release',
  'pin-reset',
  'renewal',
  'card-change',
  'card-kind',
];

/**
 * Refuses a start while another of `kinds` is open on the card (a switch to 顔認証 while a renewal
 * is half done would leave the card neither): certificate-procedure-open, detail its kind. The
 * open procedure of the same kind is not counted: starting again reopens it.
 */
export async function refuseWhileCertificateProcedureOpen(
  deps: ProcedureDeps,
  cardId: number,
  own: CardProcedureKind,
  kinds: readonly CardProcedureKind[] = CERTIFICATE_PROCEDURES,
): Promise<void> {
  const open = (await listOpenProcedures(deps.db())).find(
    (p) => p.cardId === cardId && p.kind !== own && (kinds as readonly string[]).includes(p.kind),
  );
  if (open) throw new WorkflowRefusal('certificate-procedure-open', open.kind);
}
