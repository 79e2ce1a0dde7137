// createCounterApi(transport): the object the renderer gets as window.counter, one function per channel.
import type { Channel, EventMap, EventName, RequestOf, ResponseOf } from './contract/channels';
import type { Result } from './contract/result';

/** How calls reach main: Electron IPC in the app, a Playwright binding in e2e tests. */
export interface CounterTransport {
  invoke(channel: Channel, request: unknown): Promise<Result<unknown>>;
  /** Subscribes to an event; the listener receives the payload only. Returns unsubscribe. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

function call<C extends Channel>(transport: CounterTransport, channel: C) {
  return (request: RequestOf<C>): Promise<Result<ResponseOf<C>>> =>
    transport.invoke(channel, request) as Promise<Result<ResponseOf<C>>>;
}

function on<E extends EventName>(transport: CounterTransport, event: E) {
  return (listener: (payload: EventMap[E]) => void): (() => void) =>
    transport.subscribe(event, (payload) => listener(payload as EventMap[E]));
}

export function createCounterApi(transport: CounterTransport) {
  return Object.freeze({
    getAppInfo: call(transport, 'app:get-info'),
    listReaders: call(transport, 'reader:list-readers'),
    readCardHealth: call(transport, 'card:read-health'),
    sim: Object.freeze({
      getState: call(transport, 'sim:get-state'),
      insertCard: call(transport, 'sim:insert-card'),
      removeCard: call(transport, 'sim:remove-card'),
      insertApplicationCard: call(transport, 'sim:insert-application-card'),
      setAuthorityOffline: call(transport, 'sim:set-authority-offline'),
      setFacePhotos: call(transport, 'sim:set-face-photos'),
      reinsertCard: call(transport, 'sim:reinsert-card'),
      receiveCard: call(transport, 'sim:receive-card'),
      setPracticeClock: call(transport, 'sim:set-practice-clock'),
    }),
    auth: Object.freeze({
      getSession: call(transport, 'auth:get-session'),
      setupAdmin: call(transport, 'auth:setup-admin'),
      login: call(transport, 'auth:login'),
      logout: call(transport, 'auth:logout'),
      unlock: call(transport, 'auth:unlock'),
      reportActivity: call(transport, 'auth:report-activity'),
      changePassword: call(transport, 'auth:change-password'),
    }),
    approve: call(transport, 'approval:approve'),
    admin: Object.freeze({
      listOperators: call(transport, 'admin:list-operators'),
      createOperator: call(transport, 'admin:create-operator'),
      setOperatorDisabled: call(transport, 'admin:set-operator-disabled'),
      resetOperatorPassword: call(transport, 'admin:reset-operator-password'),
      backupDatabase: call(transport, 'admin:backup-database'),
      runPreflight: call(transport, 'admin:run-preflight'),
      writeSupportBundle: call(transport, 'admin:write-support-bundle'),
    }),
    audit: Object.freeze({
      search: call(transport, 'audit:search'),
      verify: call(transport, 'audit:verify'),
      exportCsv: call(transport, 'audit:export-csv'),
      status: call(transport, 'audit:status'),
      acknowledgeAlarm: call(transport, 'audit:acknowledge-alarm'),
    }),
    practice: Object.freeze({
      reset: call(transport, 'practice:reset'),
    }),
    scenario: Object.freeze({
      library: call(transport, 'scenario:library'),
      start: call(transport, 'scenario:start'),
      current: call(transport, 'scenario:current'),
      finish: call(transport, 'scenario:finish'),
      abandon: call(transport, 'scenario:abandon'),
      mine: call(transport, 'scenario:mine'),
      result: call(transport, 'scenario:result'),
      overview: call(transport, 'scenario:overview'),
      createTrainee: call(transport, 'scenario:create-trainee'),
      assign: call(transport, 'scenario:assign'),
      traineeReport: call(transport, 'scenario:trainee-report'),
      exportCsv: call(transport, 'scenario:export-csv'),
    }),
    lookup: Object.freeze({
      byNotice: call(transport, 'lookup:by-notice'),
      bySerial: call(transport, 'lookup:by-serial'),
      byName: call(transport, 'lookup:by-name'),
      history: call(transport, 'lookup:history'),
    }),
    procedure: Object.freeze({
      start: call(transport, 'procedure:start'),
      get: call(transport, 'procedure:get'),
      listOpen: call(transport, 'procedure:list-open'),
      recordDocuments: call(transport, 'procedure:record-documents'),
      checkCard: call(transport, 'procedure:check-card'),
      readPhotos: call(transport, 'procedure:read-photos'),
      recordFace: call(transport, 'procedure:record-face'),
      overrideFace: call(transport, 'procedure:override-face'),
      choose: call(transport, 'procedure:choose'),
      showCardFace: call(transport, 'procedure:show-card-face'),
      openPinEntry: call(transport, 'procedure:open-pin-entry'),
      setRevocationReason: call(transport, 'procedure:set-revocation-reason'),
      setReissueReason: call(transport, 'procedure:set-reissue-reason'),
      deferCertificates: call(transport, 'procedure:defer-certificates'),
      approve: call(transport, 'procedure:approve'),
      recordFee: call(transport, 'procedure:record-fee'),
      recordDestroyed: call(transport, 'procedure:record-destroyed'),
      complete: call(transport, 'procedure:complete'),
      printReceipt: call(transport, 'procedure:print-receipt'),
      printDeferralSlip: call(transport, 'procedure:print-deferral-slip'),
      recordRequest: call(transport, 'procedure:record-request'),
      printInquiry: call(transport, 'procedure:print-inquiry'),
      recordReply: call(transport, 'procedure:record-reply'),
      writeCardFacts: call(transport, 'procedure:write-card-facts'),
      switchCardKind: call(transport, 'procedure:switch-card-kind'),
      issueFaceAuth: call(transport, 'procedure:issue-face-auth'),
      printCardNote: call(transport, 'procedure:print-card-note'),
      reprint: call(transport, 'procedure:reprint'),
      cancel: call(transport, 'procedure:cancel'),
      hold: call(transport, 'procedure:hold'),
      keep: call(transport, 'procedure:keep'),
      takeOver: call(transport, 'procedure:take-over'),
    }),
    rulesToday: call(transport, 'rules:today'),
    stock: Object.freeze({
      uncollected: call(transport, 'stock:uncollected'),
      recordReminder: call(transport, 'stock:record-reminder'),
      destroyUncollected: call(transport, 'stock:destroy-uncollected'),
    }),
    reports: Object.freeze({
      daily: call(transport, 'reports:daily'),
      dailyPdf: call(transport, 'reports:daily-pdf'),
      dailyCsv: call(transport, 'reports:daily-csv'),
    }),
    onProcedureUpdated: on(transport, 'procedure:updated'),
    onReadersChanged: on(transport, 'reader:changed'),
    onSessionChanged: on(transport, 'auth:changed'),
    onAuditVerifyProgress: on(transport, 'audit:verify-progress'),
    onAuditStatusChanged: on(transport, 'audit:status-changed'),
    preflightSummary: call(transport, 'preflight:summary'),
    onPreflightChanged: on(transport, 'preflight:changed'),
    onStaffCalled: on(transport, 'resident:staff-called'),
  });
}

export type CounterApi = ReturnType<typeof createCounterApi>;

/**
 * The resident window's object (window.counter there): its prompt and the PIN entry, nothing
 * else. Main refuses every other channel from that window as well.
 */
export function createResidentApi(transport: CounterTransport) {
  return Object.freeze({
    getAppInfo: call(transport, 'app:get-info'),
    getPrompt: call(transport, 'resident:get-prompt'),
    checkPin: call(transport, 'resident:check-pin'),
    submitPins: call(transport, 'resident:submit-pins'),
    callStaff: call(transport, 'resident:call-staff'),
    confirmCardFace: call(transport, 'resident:confirm-card-face'),
    onPromptChanged: on(transport, 'resident:prompt-changed'),
    onProgress: on(transport, 'resident:progress'),
  });
}

export type ResidentApi = ReturnType<typeof createResidentApi>;
