// The 交付 procedure on screen: a projection of the workflow state main owns, kept live through issuance:updated.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppError } from '../../../preload/contract/errors';
import type {
  DocumentKind,
  IssuanceDto,
  OpenProcedureDto,
  RepresentativeRelation,
} from '../../../preload/contract/issuance';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';

export const useIssuanceStore = defineStore('issuance', () => {
  /** The procedure the clerk is working on; null on the find screen. */
  const current = ref<IssuanceDto | null>(null);
  /** The last call that failed on the procedure screen (main's own notices are in current.notice). */
  const error = ref<AppError | null>(null);
  const openProcedures = ref<readonly OpenProcedureDto[]>([]);
  // A count, not a flag: an event-driven call may overlap one the clerk started.
  const pending = ref(0);
  const busy = computed(() => pending.value > 0);
  let unsubscribe: (() => void) | null = null;

  /** Follows main's updates of the procedure on screen (PIN progress, certificate phases). Idempotent. */
  function listen(): void {
    if (unsubscribe) return;
    unsubscribe = window.counter.onIssuanceUpdated((dto) => {
      if (current.value?.procedureId === dto.procedureId) current.value = dto;
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    current.value = null;
    error.value = null;
  }

  /** Runs a call whose answer is the procedure's new state; a refusal stays on screen until the next success. */
  async function step(call: () => Promise<Result<IssuanceDto>>): Promise<Result<IssuanceDto>> {
    pending.value++;
    try {
      const result = await callCounter(call);
      if (result.ok) {
        current.value = result.value;
        error.value = null;
      } else {
        error.value = result.error;
      }
      return result;
    } finally {
      pending.value--;
    }
  }

  /** Calls that answer something else (photos, a PDF): the error is kept the same way. */
  async function other<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    pending.value++;
    try {
      const result = await callCounter(call);
      error.value = result.ok ? null : result.error;
      return result;
    } finally {
      pending.value--;
    }
  }

  function id(): string {
    const procedureId = current.value?.procedureId;
    if (!procedureId) throw new Error('no issuance procedure on screen');
    return procedureId;
  }

  const load = (procedureId: string) => {
    listen();
    if (current.value?.procedureId !== procedureId) current.value = null;
    return step(() => window.counter.issuance.get({ procedureId }));
  };
  const start = (applicationId: number) => {
    listen();
    return step(() => window.counter.issuance.start({ applicationId }));
  };
  const recordDocuments = (input: {
    kinds: readonly DocumentKind[];
    guardianship: boolean;
    representative: { relation: RepresentativeRelation; kinds: readonly DocumentKind[] } | null;
  }) =>
    step(() =>
      window.counter.issuance.recordDocuments({
        procedureId: id(),
        kinds: [...input.kinds],
        guardianship: input.guardianship,
        representative: input.representative
          ? { relation: input.representative.relation, kinds: [...input.representative.kinds] }
          : null,
      }),
    );
  const checkCard = (reader: string) =>
    step(() => window.counter.issuance.checkCard({ procedureId: id(), reader }));
  const readPhotos = (reader: string) =>
    other(() => window.counter.issuance.readPhotos({ procedureId: id(), reader }));
  const recordFace = (decision: 'match' | 'mismatch') =>
    step(() => window.counter.issuance.recordFace({ procedureId: id(), decision }));
  const overrideFace = (approvalId: number) =>
    step(() => window.counter.issuance.overrideFace({ procedureId: id(), approvalId }));
  const openPinEntry = (reader: string) =>
    step(() => window.counter.issuance.openPinEntry({ procedureId: id(), reader }));
  const complete = (collected: {
    collectedJukiCard: boolean;
    collectedNotificationCard: boolean;
  }) => step(() => window.counter.issuance.complete({ procedureId: id(), ...collected }));
  const printReceipt = () =>
    other(() => window.counter.issuance.printReceipt({ procedureId: id() }));
  const printDeferralSlip = () =>
    other(() => window.counter.issuance.printDeferralSlip({ procedureId: id() }));
  const cancel = (reason: string) =>
    step(() => window.counter.issuance.cancel({ procedureId: id(), reason }));

  /** The unfinished procedures to resume; a failure leaves the list empty (the 交付 screen says why). */
  async function listOpen(): Promise<Result<readonly OpenProcedureDto[]>> {
    const result = await callCounter(() => window.counter.issuance.listOpen({}));
    openProcedures.value = result.ok ? result.value : [];
    return result;
  }

  return {
    current,
    error,
    openProcedures,
    busy,
    listen,
    stop,
    load,
    start,
    recordDocuments,
    checkCard,
    readPhotos,
    recordFace,
    overrideFace,
    openPinEntry,
    complete,
    printReceipt,
    printDeferralSlip,
    cancel,
    listOpen,
  };
});
