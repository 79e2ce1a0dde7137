// The 交付 procedure on screen: a projection of the workflow state main owns, kept live through issuance:updated.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  IssuanceDto,
  OpenProcedureDto,
  RepresentativeRelation,
} from '../../../preload/contract/issuance';
import type { DocumentKind } from '../../../preload/contract/rules/documents';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';
import { useProcedureCalls } from './procedure-calls';

export const useIssuanceStore = defineStore('issuance', () => {
  const {
    current,
    error,
    busy,
    step,
    other,
    id,
    listen,
    stop,
    load: open,
  } = useProcedureCalls<IssuanceDto>('issuance', (listener) =>
    window.counter.onIssuanceUpdated(listener),
  );
  const openProcedures = ref<readonly OpenProcedureDto[]>([]);

  const load = (procedureId: string) =>
    open(procedureId, () => window.counter.issuance.get({ procedureId }));
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
