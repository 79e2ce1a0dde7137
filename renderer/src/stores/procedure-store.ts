// The counter procedure on screen, whatever its kind: a projection of what main owns (ProcedureDto),
// kept live through procedure:updated, and the unfinished procedures to resume.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../../preload/contract/channels';
import type {
  ExpressRequestDto,
  PinPlanEntry,
  RenewalScope,
} from '../../../preload/contract/lifecycle';
import type { ChangedFact } from '../../../preload/contract/rules/card-kinds';
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import type {
  DeliveryRequestDto,
  DocumentsRecordDto,
  ProcedureDto,
} from '../../../preload/contract/procedure';
import type { Result } from '../../../preload/contract/result';
import { callCounter } from '../counter-call';
import { useProcedureCalls } from './procedure-calls';
import type { FaceDecisionExtras } from '../workflows/steps/use-face-scores';

export type DocumentsRecord = DocumentsRecordDto;

export const useProcedureStore = defineStore('procedure', () => {
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
  } = useProcedureCalls<ProcedureDto>('counter', (listener) =>
    window.counter.onProcedureUpdated(listener),
  );
  const openProcedures = ref<readonly ProcedureDto[]>([]);

  const load = (procedureId: string) =>
    open(procedureId, () => window.counter.procedure.get({ procedureId }));
  /** Starts a procedure, or reopens the open one of the same thing (main decides which). */
  const start = (request: RequestOf<'procedure:start'>) => {
    listen();
    return step(() => window.counter.procedure.start(request));
  };
  const recordDocuments = (record: DocumentsRecord) =>
    step(() =>
      window.counter.procedure.recordDocuments({
        procedureId: id(),
        kinds: [...record.kinds],
        guardianship: record.guardianship,
        representative: record.representative
          ? { relation: record.representative.relation, kinds: [...record.representative.kinds] }
          : null,
        ...(record.authority ? { authority: record.authority } : {}),
      }),
    );
  /** 代理人交付's first visit: the reason and the representative. */
  const recordRequest = (request: DeliveryRequestDto) =>
    step(() =>
      window.counter.procedure.recordRequest({
        procedureId: id(),
        reason: request.reason,
        representative: {
          name: request.representative.name,
          relation: request.representative.relation,
          kinds: [...request.representative.kinds],
        },
      }),
    );
  const printInquiry = () =>
    other(() => window.counter.procedure.printInquiry({ procedureId: id() }));
  /** 代理人交付's second visit: the 照会書 brought back. */
  const recordReply = (reply: {
    inquiryNumber: string;
    answered: boolean;
    pinSheetSealed: boolean;
  }) => step(() => window.counter.procedure.recordReply({ procedureId: id(), ...reply }));
  const checkCard = (reader: string) =>
    step(() => window.counter.procedure.checkCard({ procedureId: id(), reader }));
  const readPhotos = (reader: string) =>
    other(() => window.counter.procedure.readPhotos({ procedureId: id(), reader }));
  /** approvalId: the second operator's confirmation of 一致, where the counter asks for one. */
  const recordFace = (
    decision: 'match' | 'mismatch',
    approvalId?: number,
    face?: FaceDecisionExtras,
  ) =>
    step(() =>
      window.counter.procedure.recordFace({
        procedureId: id(),
        decision,
        ...(approvalId === undefined ? {} : { approvalId }),
        ...(face ? { scores: face.scores, secondLook: face.secondLook } : {}),
      }),
    );
  const overrideFace = (approvalId: number) =>
    step(() => window.counter.procedure.overrideFace({ procedureId: id(), approvalId }));
  const choose = (plan: readonly PinPlanEntry[], scope?: RenewalScope) =>
    step(() =>
      window.counter.procedure.choose({
        procedureId: id(),
        plan: plan.map((e) => ({ kind: e.kind, mode: e.mode })),
        ...(scope ? { scope } : {}),
      }),
    );
  const showCardFace = (reader: string) =>
    step(() => window.counter.procedure.showCardFace({ procedureId: id(), reader }));
  const openPinEntry = (reader: string) =>
    step(() => window.counter.procedure.openPinEntry({ procedureId: id(), reader }));
  const setRevocationReason = (reason: CardRevocationReason, cardPresent: boolean) =>
    step(() =>
      window.counter.procedure.setRevocationReason({ procedureId: id(), reason, cardPresent }),
    );
  const setReissueReason = (
    reason: ReissueReason,
    express: boolean,
    more: { expressRequest?: ExpressRequestDto; withCertificates?: boolean } = {},
  ) =>
    step(() =>
      window.counter.procedure.setReissueReason({ procedureId: id(), reason, express, ...more }),
    );
  /** 交付 outside the certificate service's hours: 後日交付 before the PINs. */
  const deferCertificates = () =>
    step(() => window.counter.procedure.deferCertificates({ procedureId: id() }));
  const approve = (approvalId: number) =>
    step(() => window.counter.procedure.approve({ procedureId: id(), approvalId }));
  const recordFee = (status: 'paid' | 'waived', waiverReason?: string) =>
    step(() =>
      window.counter.procedure.recordFee({
        procedureId: id(),
        status,
        ...(waiverReason ? { waiverReason } : {}),
      }),
    );
  const recordDestroyed = (reader: string | null) =>
    step(() =>
      window.counter.procedure.recordDestroyed({
        procedureId: id(),
        ...(reader ? { reader } : {}),
      }),
    );
  /** handover: 交付's old cards taken back; the other kinds complete without one. */
  const complete = (handover?: {
    collectedJukiCard: boolean;
    collectedNotificationCard: boolean;
  }) =>
    step(() =>
      window.counter.procedure.complete({ procedureId: id(), ...(handover ? { handover } : {}) }),
    );
  const printReceipt = () =>
    other(() => window.counter.procedure.printReceipt({ procedureId: id() }));
  const printDeferralSlip = () =>
    other(() => window.counter.procedure.printDeferralSlip({ procedureId: id() }));
  /** 券面記載事項の変更: the record's facts written to the card in `reader`. */
  const writeCardFacts = (
    reader: string,
    changed: readonly ChangedFact[],
    reissueSigning: boolean,
  ) =>
    step(() =>
      window.counter.procedure.writeCardFacts({
        procedureId: id(),
        reader,
        changed: [...changed],
        reissueSigning,
      }),
    );
  /** 顔認証: the card in `reader` switched to face-auth. */
  const switchCardKind = (reader: string) =>
    step(() => window.counter.procedure.switchCardKind({ procedureId: id(), reader }));
  /** 交付 of a 顔認証 card: the card in `reader` written without PINs or signing certificate. */
  const issueFaceAuth = (reader: string) =>
    step(() => window.counter.procedure.issueFaceAuth({ procedureId: id(), reader }));
  const printCardNote = () =>
    other(() => window.counter.procedure.printCardNote({ procedureId: id() }));
  const cancel = (reason: string) =>
    step(() => window.counter.procedure.cancel({ procedureId: id(), reason }));
  /** 保留: parked by the clerk (reason clerk) or from the idle ask (reason idle). */
  const hold = (reason: 'clerk' | 'idle') =>
    step(() => window.counter.procedure.hold({ procedureId: id(), reason }));
  /** Parks the procedure of another resident open at the counter (named by a refusal). */
  async function holdOpen(procedureId: string): Promise<Result<ProcedureDto>> {
    const result = await callCounter(() =>
      window.counter.procedure.hold({ procedureId, reason: 'clerk' }),
    );
    if (result.ok) await listOpen();
    return result;
  }
  /** The idle ask answered 続ける. */
  const keep = () => step(() => window.counter.procedure.keep({ procedureId: id() }));

  /**
   * Another office counter's procedure taken over here with a 責任者's approval: it is the one on
   * screen from now on, and the list of unfinished ones says so.
   */
  async function takeOver(procedureId: string, approvalId: number): Promise<Result<ProcedureDto>> {
    const result = await callCounter(() =>
      window.counter.procedure.takeOver({ procedureId, approvalId }),
    );
    if (!result.ok) return result;
    if (current.value?.procedureId === procedureId) {
      current.value = result.value;
      error.value = null;
    }
    await listOpen();
    return result;
  }

  /** The unfinished procedures to resume; a failure leaves the list empty. */
  async function listOpen(): Promise<Result<readonly ProcedureDto[]>> {
    const result = await callCounter(() => window.counter.procedure.listOpen({}));
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
    recordRequest,
    printInquiry,
    recordReply,
    checkCard,
    readPhotos,
    recordFace,
    overrideFace,
    choose,
    showCardFace,
    openPinEntry,
    setRevocationReason,
    setReissueReason,
    deferCertificates,
    approve,
    recordFee,
    recordDestroyed,
    complete,
    printReceipt,
    writeCardFacts,
    switchCardKind,
    issueFaceAuth,
    printCardNote,
    printDeferralSlip,
    cancel,
    hold,
    holdOpen,
    keep,
    listOpen,
    takeOver,
  };
});
