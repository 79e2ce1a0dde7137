// The card's later life on screen: the procedure main owns (LifeProcedureDto), kept live through life:updated.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DocumentKind } from '../../../preload/contract/rules/documents';
import type {
  LifeKind,
  LifeProcedureDto,
  PinPlanEntry,
  RenewalScope,
  ReportMethod,
  Reporter,
} from '../../../preload/contract/lifecycle';
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';
import { useProcedureCalls } from './procedure-calls';

export const useLifeStore = defineStore('life', () => {
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
  } = useProcedureCalls<LifeProcedureDto>('life', (listener) =>
    window.counter.onLifeUpdated(listener),
  );
  const openProcedures = ref<readonly LifeProcedureDto[]>([]);

  const load = (procedureId: string) =>
    open(procedureId, () => window.counter.life.get({ procedureId }));
  const start = (kind: Exclude<LifeKind, 'suspension'>, cardId: number) => {
    listen();
    return step(() => window.counter.life.start({ kind, cardId }));
  };
  const registerSuspension = (report: {
    cardId: number;
    reporter: Reporter;
    method: ReportMethod;
    reportedAt: string;
    note: string;
  }) => step(() => window.counter.life.registerSuspension(report));
  const recordDocuments = (kinds: readonly DocumentKind[]) =>
    step(() => window.counter.life.recordDocuments({ procedureId: id(), kinds: [...kinds] }));
  const checkCard = (reader: string) =>
    step(() => window.counter.life.checkCard({ procedureId: id(), reader }));
  const readPhotos = (reader: string) =>
    other(() => window.counter.life.readPhotos({ procedureId: id(), reader }));
  const recordFace = (decision: 'match' | 'mismatch') =>
    step(() => window.counter.life.recordFace({ procedureId: id(), decision }));
  const overrideFace = (approvalId: number) =>
    step(() => window.counter.life.overrideFace({ procedureId: id(), approvalId }));
  const choose = (plan: readonly PinPlanEntry[], scope?: RenewalScope) =>
    step(() =>
      window.counter.life.choose({
        procedureId: id(),
        plan: plan.map((e) => ({ kind: e.kind, mode: e.mode })),
        ...(scope ? { scope } : {}),
      }),
    );
  const openPinEntry = (reader: string) =>
    step(() => window.counter.life.openPinEntry({ procedureId: id(), reader }));
  const setRevocationReason = (reason: CardRevocationReason, cardPresent: boolean) =>
    step(() => window.counter.life.setRevocationReason({ procedureId: id(), reason, cardPresent }));
  const setReissueReason = (reason: ReissueReason, express: boolean) =>
    step(() => window.counter.life.setReissueReason({ procedureId: id(), reason, express }));
  const approve = (approvalId: number) =>
    step(() => window.counter.life.approve({ procedureId: id(), approvalId }));
  const recordFee = (status: 'paid' | 'waived', waiverReason?: string) =>
    step(() =>
      window.counter.life.recordFee({
        procedureId: id(),
        status,
        ...(waiverReason ? { waiverReason } : {}),
      }),
    );
  const recordDestroyed = (reader: string | null) =>
    step(() =>
      window.counter.life.recordDestroyed({
        procedureId: id(),
        ...(reader ? { reader } : {}),
      }),
    );
  const complete = () => step(() => window.counter.life.complete({ procedureId: id() }));
  const printReceipt = () => other(() => window.counter.life.printReceipt({ procedureId: id() }));
  const cancel = (reason: string) =>
    step(() => window.counter.life.cancel({ procedureId: id(), reason }));

  /** The unfinished procedures to resume; a failure leaves the list empty. */
  async function listOpen(): Promise<Result<readonly LifeProcedureDto[]>> {
    const result = await callCounter(() => window.counter.life.listOpen({}));
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
    registerSuspension,
    recordDocuments,
    checkCard,
    readPhotos,
    recordFace,
    overrideFace,
    choose,
    openPinEntry,
    setRevocationReason,
    setReissueReason,
    approve,
    recordFee,
    recordDestroyed,
    complete,
    printReceipt,
    cancel,
    listOpen,
  };
});
