// Which kind a card is (normal or 顔認証), as the records say: the last completed switch of its
// kind, else how it was issued (a 交付 that chose a 顔認証 card), else a normal card. The journal is
// the record of it, so no column holds it twice.
import type { CardKind } from '../../../preload/contract/rules/card-kinds';
import type { Queryable } from '../../db/connection';
import { latestCompletedProcedureOfCard, listSteps } from '../../db/repositories/journal';

/** The journal row of a 交付 whose resident asked for a 顔認証 card. */
export const FACE_AUTH_CHOSEN = 'face-auth-chosen';

export async function recordedCardKind(q: Queryable, cardId: number): Promise<CardKind> {
  const last = await latestCompletedProcedureOfCard(q, cardId, 'card-kind');
  if (last) {
    const first = (await listSteps(q, last.id))[0];
    return first?.data.to === 'face-auth' ? 'face-auth' : 'standard';
  }
  // A switch comes only after 交付, so without one the card is what it was issued as.
  for (const kind of ['issuance', 'representative'] as const) {
    const issued = await latestCompletedProcedureOfCard(q, cardId, kind);
    if (!issued) continue;
    const rows = await listSteps(q, issued.id);
    return rows.some((r) => r.step === FACE_AUTH_CHOSEN && r.status === 'completed')
      ? 'face-auth'
      : 'standard';
  }
  return 'standard';
}
