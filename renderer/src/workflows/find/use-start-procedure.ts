// Starting what the clerk chose for a resident found at the counter: 交付 of an application, or a
// procedure on a card; main starts it (or reopens the open one) and the procedure screen follows.
// One that needs the certificate service asks first while the service is closed.
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import type { AppError } from '../../../../preload/contract/errors';
import type { LifeCardDto } from '../../../../preload/contract/lifecycle';
import type { ProcedureDto } from '../../../../preload/contract/procedure';
import type { ProcedureKind } from '../../../../preload/contract/procedure-kinds';
import type { Result } from '../../../../preload/contract/result';
import { usesCertificateService } from '../../../../preload/contract/rules/service-hours';
import { useProcedureStore } from '../../stores/procedure-store';
import { useRulesStore } from '../../stores/rules-store';
import type { CardAction } from './card-actions';

export function useStartProcedure() {
  const store = useProcedureStore();
  const router = useRouter();
  const busy = ref(false);
  const error = ref<AppError | null>(null);
  const rules = useRulesStore();
  /**
   * A start held back because the certificate service is closed: the screen asks (ServiceClosedDialog)
   * and goes on or not. Main would refuse the procedure at its PIN step: said here first.
   */
  const asking = ref<{ readonly kind: ProcedureKind; go(): Promise<void> } | null>(null);

  // kind: the procedure, to ask about the service; null where it is not needed at this start.
  async function open(
    kind: ProcedureKind | null,
    start: () => Promise<Result<ProcedureDto>>,
    asked = false,
  ): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    if (!asked && kind && usesCertificateService(kind)) {
      const today = await rules.today();
      if (today.ok && !today.value.service.open) {
        busy.value = false;
        asking.value = { kind, go: () => open(kind, start, true) };
        return;
      }
    }
    const result = await start();
    busy.value = false;
    error.value = result.ok ? null : result.error;
    if (result.ok)
      await router.push({ name: 'procedure', params: { procedureId: result.value.procedureId } });
  }

  /** Main reopens the application's unfinished 交付, if any (and resumes a 後日交付 there). */
  const startIssuance = (applicationId: number) =>
    open('issuance', () => store.start({ kind: 'issuance', applicationId }));

  /**
   * 代理人交付: its first visit, or the open one taken up (the 照会書 back). Not asked here: the
   * first visit needs no certificate; the second says it on its screen before the PINs.
   */
  const startDelivery = (applicationId: number) =>
    open(null, () => store.start({ kind: 'representative', applicationId }));

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
      await open('renewal', () =>
        store.start({
          kind: 'renewal',
          cardId: card.id,
          ...(factsChanged ? { factsChanged } : {}),
        }),
      );
    } else if (action.kind === 'card-kind') {
      const to = action.to;
      // To 顔認証 only revokes: the service is needed on the way back to a standard card.
      await open(to === 'face-auth' ? null : 'card-kind', () =>
        store.start({ kind: 'card-kind', cardId: card.id, to }),
      );
    } else {
      const kind = action.kind;
      await open(kind, () => store.start({ kind, cardId: card.id }));
    }
  }

  /** The clerk's answer to the ask: go on with the start, or not. */
  async function answer(go: boolean): Promise<void> {
    const held = asking.value;
    asking.value = null;
    if (go && held) await held.go();
  }

  return { busy, error, asking, answer, startIssuance, startDelivery, startOnCard };
}
