// Starting what the clerk chose for a resident found at the counter: 交付 of an application, or a
// procedure on a card; main starts it (or reopens the open one) and the procedure screen follows.
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import type { AppError } from '../../../../preload/contract/errors';
import type { LifeCardDto } from '../../../../preload/contract/lifecycle';
import type { ProcedureDto } from '../../../../preload/contract/procedure';
import type { Result } from '../../../../preload/contract/result';
import { useProcedureStore } from '../../stores/procedure-store';
import type { CardAction } from './card-actions';

export function useStartProcedure() {
  const store = useProcedureStore();
  const router = useRouter();
  const busy = ref(false);
  const error = ref<AppError | null>(null);

  async function open(start: () => Promise<Result<ProcedureDto>>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    const result = await start();
    busy.value = false;
    error.value = result.ok ? null : result.error;
    if (result.ok)
      await router.push({ name: 'procedure', params: { procedureId: result.value.procedureId } });
  }

  /** Main reopens the application's unfinished 交付, if any (and resumes a 後日交付 there). */
  const startIssuance = (applicationId: number) =>
    open(() => store.start({ kind: 'issuance', applicationId }));

  /** 代理人交付: its first visit, or the open one taken up (the 照会書 back). */
  const startDelivery = (applicationId: number) =>
    open(() => store.start({ kind: 'representative', applicationId }));

  /** 一時停止 starts with its report (its own screen); a card before 交付 goes to the 交付 search. */
  async function startOnCard(action: CardAction, card: LifeCardDto, residentId: number) {
    if (busy.value) return;
    if (action.kind === 'issuance') {
      await router.push({ name: 'issuance' });
    } else if (action.kind === 'suspension') {
      await router.push({
        name: 'suspend',
        params: { residentId: String(residentId), cardId: String(card.id) },
      });
    } else if (action.kind === 'renewal') {
      const factsChanged = action.factsChanged === true;
      await open(() =>
        store.start({
          kind: 'renewal',
          cardId: card.id,
          ...(factsChanged ? { factsChanged } : {}),
        }),
      );
    } else if (action.kind === 'card-kind') {
      const to = action.to;
      await open(() => store.start({ kind: 'card-kind', cardId: card.id, to }));
    } else {
      const kind = action.kind;
      await open(() => store.start({ kind, cardId: card.id }));
    }
  }

  return { busy, error, startIssuance, startDelivery, startOnCard };
}
