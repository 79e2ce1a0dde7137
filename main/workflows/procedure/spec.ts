// What a kind of procedure is, for the engine: its state rebuilt from the journal by a pure
// transition, how it starts, the actions it answers and what the clerk window shows of it. Adding a
// kind means one spec (main/workflows/kinds/<kind>.ts) built from the shared steps.
import type { FileWrittenDto, PinKind } from '../../../preload/contract/dto';
import type {
  CardFaceAnswer,
  CardFaceAnsweredDto,
  FacePhotosDto,
  PinCheckDto,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import type {
  ExpressRequestDto,
  PinPlanEntry,
  RenewalScope,
} from '../../../preload/contract/lifecycle';
import type { ChangedFact } from '../../../preload/contract/rules/card-kinds';
import type { RuleSet } from '../../../preload/contract/rules/rule-sets';
import type { ServiceState } from '../../../preload/contract/rules/service-hours';
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import type {
  DeliveryRequestDto,
  DocumentsRecordDto,
  ProcedureAction,
  ProcedureDto,
  ProcedureHeaderDto,
  ProcedureKind,
  ProcedureStep,
} from '../../../preload/contract/procedure';
import type { Details } from '../../audit/details-guard';
import type { Tx } from '../../db/connection';
import type { Procedure, StepStatus } from '../../db/repositories/journal';
import type { DeferralSlipData, ReceiptData } from '../../documents';
import type { CardNoteData } from '../../documents/card-note';
import type { FeeReceiptData } from '../../documents/fee-receipt';
import type { InquiryData } from '../../documents/inquiry';
import type { CardWorkDeps } from '../steps/card-work';
import type { PhotoDeps } from '../steps/face-photos';
import type { PinHub, SubmittedValues } from '../steps/pin-hub';
import type { JournalDeps } from './journal';
import type { FaceScoresDto } from '../../../preload/contract/rules/face-score';

/** The printed documents (main/documents, loaded on first use). */
export interface DocumentDeps {
  writeReceiptPdf(path: string, data: ReceiptData): Promise<{ bytes: number }>;
  writeDeferralSlipPdf(path: string, data: DeferralSlipData): Promise<{ bytes: number }>;
  writeFeeReceiptPdf(path: string, data: FeeReceiptData): Promise<{ bytes: number }>;
  writeInquiryPdf(path: string, data: InquiryData): Promise<{ bytes: number }>;
  writeCardNotePdf(path: string, data: CardNoteData): Promise<{ bytes: number }>;
}

/** What the procedures need of the main process; one set for every kind. */
export interface ProcedureDeps extends JournalDeps, CardWorkDeps {
  /** The resident window's one PIN entry. */
  pinHub: PinHub;
  photos(): Promise<PhotoDeps>;
  documents(): Promise<DocumentDeps>;
  /** Where receipts and slips are written. */
  receiptsDir: string;
  practice: boolean;
  municipality: { readonly name: string; readonly code: string };
  emitUpdated(dto: ProcedureDto): void;
  /** An open procedure idle this long asks the clerk to go on or park it (machine configuration). */
  idleMinutes: number;
  /** The machine configuration's face check: 一致 confirmed by a second operator (off if absent). */
  readonly faceCheck?: {
    readonly secondOperator: boolean;
    /** Below it, a scored 一致 needs a second look (rules/face-score.ts). */
    readonly scoreThreshold: number;
  };
  /**
   * The calling operator entered this application's 交付通知書 number at the find step (absent: never):
   * beside a look-alike, a 交付 starts only then.
   */
  noticePresented?(applicationId: number): boolean;
  /**
   * This counter's number when it is one of an office's (machine configuration `counterNumber`):
   * recorded on each procedure it starts, so that another counter's resident never holds this one
   * and a counter's open procedure resumes only there.
   */
  readonly counterNumber?: number;
  /** The national certificate service now (its hours, the practice clock in practice). */
  certificateService(): ServiceState;
  /** The dated rule table (the app's own; a test may add a future entry). */
  readonly ruleSets: readonly RuleSet[];
}

/** A journal row as a state transition sees it. */
export interface ProcedureRow {
  readonly step: string;
  readonly status: StepStatus;
  readonly data: Readonly<Record<string, unknown>>;
  /** ISO time of the row. */
  readonly at: string;
}

export interface BaseState {
  readonly step: ProcedureStep;
}

/** A procedure in memory: its state, and what stays the same for its whole life. */
export interface Live<S> {
  state: S;
  readonly procedure: Procedure;
  readonly residentId: number;
  readonly cardId: number;
  readonly birthDate: string;
  /** The reader the PIN entry was opened for: the values go to the card in it. */
  reader: string | null;
  /** One clerk action at a time. */
  busy: boolean;
  /** 保留 (a `held` row not yet followed by `taken-up`): it does not hold the counter. */
  held: boolean;
  /** When something last happened on it (ms since the epoch): the idle ask counts from here. */
  lastActionAt: number;
  /** The office counter that holds it (a takeover moves it), or null on a counter's own file. */
  counter: number | null;
}

export interface CommitOptions {
  readonly status?: StepStatus;
  readonly effects?: (tx: Tx) => Promise<void>;
  readonly end?: 'completed' | 'cancelled';
  /** What the audit row says, when not the journal data (no key or certificate bytes). */
  readonly audit?: Details;
}

/** What a step of a spec works with: its procedure, the journal, the screen. */
export interface StepContext<S> {
  readonly deps: ProcedureDeps;
  readonly live: Live<S>;
  readonly state: S;
  /**
   * One step: the state after the row is worked out first (a refusal writes nothing), then the
   * effects, the journal row and the audit row in one transaction; the state after it is kept.
   */
  commit(step: string, data: Details, more?: CommitOptions): Promise<void>;
  /** The state after a row of `step`, without writing anything (a refusal throws). */
  preview(step: string, data: Details): S;
  /** A live change between journal rows (PIN entry progress, a card read again), shown at once. */
  set(state: S): Promise<void>;
  /** An audit row alone (a prompt opened, a receipt printed). */
  audit(action: string, details: Details): Promise<void>;
  /** Shows the procedure as it is now (the clerk window follows procedure:updated). */
  publish(): Promise<ProcedureDto>;
  /** This procedure takes the resident window's PIN entry (closing another one left open). */
  claimEntry(): Promise<void>;
  /** The entry opened, changed or closed: the resident window follows. */
  entryChanged(): void;
}

/** The arguments of each action the clerk window can send (procedure:* channels). */
export interface ActionArgs {
  recordDocuments: DocumentsRecordDto;
  checkCard: { readonly reader: string };
  readPhotos: { readonly reader: string };
  recordFace: {
    readonly decision: 'match' | 'mismatch';
    readonly approvalId?: number;
    /** The similarity scores the renderer computed, or null (no engine, no camera). */
    readonly scores: FaceScoresDto | null;
    /** The clerk looked again after the app asked (low score, no face found, a photo held up). */
    readonly secondLook: boolean;
  };
  overrideFace: { readonly approvalId: number };
  choose: { readonly plan: readonly PinPlanEntry[]; readonly scope: RenewalScope | null };
  showCardFace: { readonly reader: string };
  openPinEntry: { readonly reader: string };
  setRevocationReason: { readonly reason: CardRevocationReason; readonly cardPresent: boolean };
  setReissueReason: {
    readonly reason: ReissueReason;
    readonly express: boolean;
    /** Absent: no 特急発行 asked (an older caller). */
    readonly expressRequest?: ExpressRequestDto | null;
    /** Absent: with certificates. */
    readonly withCertificates?: boolean;
  };
  deferCertificates: Record<string, never>;
  approve: { readonly approvalId: number };
  recordFee: { readonly status: 'paid' | 'waived'; readonly waiverReason: string | null };
  recordDestroyed: { readonly reader: string | null };
  complete: {
    readonly handover: {
      readonly collectedJukiCard: boolean;
      readonly collectedNotificationCard: boolean;
    } | null;
  };
  printReceipt: Record<string, never>;
  printDeferralSlip: Record<string, never>;
  recordRequest: DeliveryRequestDto;
  printInquiry: Record<string, never>;
  recordReply: {
    readonly inquiryNumber: string;
    readonly answered: boolean;
    readonly pinSheetSealed: boolean;
  };
  writeCardFacts: {
    readonly reader: string;
    readonly changed: readonly ChangedFact[];
    readonly reissueSigning: boolean;
  };
  switchCardKind: { readonly reader: string };
  issueFaceAuth: { readonly reader: string };
  printCardNote: Record<string, never>;
}
export type ActionName = keyof ActionArgs;

/** Actions that answer something else than the procedure. */
export interface ActionAnswers {
  readPhotos: FacePhotosDto;
  printReceipt: FileWrittenDto;
  printDeferralSlip: FileWrittenDto;
  printInquiry: FileWrittenDto;
  printCardNote: FileWrittenDto;
}
export type ActionAnswer<K extends ActionName> = K extends keyof ActionAnswers
  ? ActionAnswers[K]
  : ProcedureDto;

export type ActionHandlers<S> = {
  readonly [K in ActionName]?: (
    ctx: StepContext<S>,
    args: ActionArgs[K],
  ) => Promise<K extends keyof ActionAnswers ? ActionAnswers[K] : void>;
};

/** What the clerk window shows of a kind's state, beside the common parts and the header. */
export interface ProcedureView {
  readonly parts: Partial<
    Omit<
      ProcedureDto,
      | 'procedureId'
      | 'kind'
      | 'step'
      | 'header'
      | 'actions'
      | 'resident'
      | 'application'
      | 'card'
      | 'startedAt'
      | 'completedAt'
      | 'startedBy'
      | 'approvedBy'
    >
  >;
  /** The approval recorded in this procedure: its approver's name is shown. */
  readonly approvalId: number | null;
}

/** The first row of a new procedure, written with the procedure itself. */
export interface NewProcedure {
  readonly residentId: number;
  readonly cardId: number;
  readonly applicationId?: number;
  readonly step: string;
  readonly data: Details;
  readonly audit?: Details;
  readonly effects?: (tx: Tx, procedureId: string) => Promise<void>;
}

/** How a start request goes on: a new procedure, or the open one of the same thing. */
export type StartPlan<S> =
  | { readonly open: NewProcedure; readonly afterwards?: (ctx: StepContext<S>) => Promise<void> }
  | { readonly existing: string; readonly afterwards?: (ctx: StepContext<S>) => Promise<void> };

/** The resident window's entry, for the kinds that ask for secrets. */
export interface PinEntrySpec<S> {
  isOpen(s: S): boolean;
  prompt(l: Live<S>): ResidentPromptDto;
  check(
    ctx: StepContext<S>,
    kind: PinKind,
    value: string,
    confirmation: string,
  ): Promise<PinCheckDto>;
  submit(ctx: StepContext<S>, values: SubmittedValues): Promise<ResidentSubmitDto>;
  /** The entry shows the card face (券面確認): the secrets wait for the resident's answer. */
  awaitsCardFace(s: S): boolean;
  confirmCardFace(ctx: StepContext<S>, answer: CardFaceAnswer): Promise<CardFaceAnsweredDto>;
  /** Another procedure opens its entry: this one closes, nothing having been sent. */
  closeStale(s: S): S;
}

export interface ProcedureSpec<S extends BaseState, R = unknown> {
  readonly kind: ProcedureKind;
  /** The procedure id's prefix (letters only). */
  readonly idPrefix: string;
  /** The state before the first row. */
  initial(procedureId: string, firstRow: ProcedureRow | null): S;
  /** Pure: the state after one journal row (replayed after a restart, applied live after a commit). */
  transition(s: S, row: ProcedureRow): S;
  /** An open procedure loaded again after a restart: what must be read again first. */
  reopen(s: S): S;
  /** How a start request goes on (refusals for a target the kind does not apply to). */
  start(deps: ProcedureDeps, request: R): Promise<StartPlan<S>>;
  /** Refuses a cancel the procedure does not allow now (something recorded cannot be undone). */
  checkCancel?(s: S): void;
  /** Pure: the steps the clerk window's header shows, and where the procedure stands. */
  header(s: S): ProcedureHeaderDto;
  /** Pure: what the clerk may do now beside the step's own screen (the screen offers these). */
  allowed(s: S): readonly ProcedureAction[];
  view(deps: ProcedureDeps, l: Live<S>): Promise<ProcedureView>;
  readonly actions: ActionHandlers<S>;
  readonly pinEntry?: PinEntrySpec<S>;
}

/** A spec of any state, as the engine holds them side by side. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProcedureSpec = ProcedureSpec<any, any>;
