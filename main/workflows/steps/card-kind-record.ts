// Which kind a card is (normal or 顔認証), as the records say: the last completed switch of its
// kind, else a normal card. The journal is the record of it, so no column holds it twice.
import type { CardKind } from '../../../preload/contract/rules/card-kinds';
import type { Queryable } from '../../db/connection';
import { latestCompletedProcedureOfCard, listSteps } from '../../db/repositories/journal';

export async function recordedCardKind(q: Queryable, cardId: number): Promise<CardKind> {
  const last = await latestCompletedProcedureOfCard(q, cardId, 'card-kind');
  if (!last) return 'standard';
  const first = (await listSteps(q, last.id))[0];
  return first?.data.to === 'face-auth' ? 'face-auth' : 'standard';
}
