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
      reinsertCard: call(transport, 'sim:reinsert-card'),
      receiveCard: call(transport, 'sim:receive-card'),
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
    }),
    audit: Object.freeze({
      search: call(transport, 'audit:search'),
      verify: call(transport, 'audit:verify'),
      exportCsv: call(transport, 'audit:export-csv'),
    }),
    practice: Object.freeze({
      reset: call(transport, 'practice:reset'),
    }),
    issuance: Object.freeze({
      findByNotice: call(transport, 'issuance:find-by-notice'),
      search: call(transport, 'issuance:search'),
      listOpen: call(transport, 'issuance:list-open'),
      start: call(transport, 'issuance:start'),
      get: call(transport, 'issuance:get'),
      recordDocuments: call(transport, 'issuance:record-documents'),
      checkCard: call(transport, 'issuance:check-card'),
      readPhotos: call(transport, 'issuance:read-photos'),
      recordFace: call(transport, 'issuance:record-face'),
      overrideFace: call(transport, 'issuance:override-face'),
      openPinEntry: call(transport, 'issuance:open-pin-entry'),
      complete: call(transport, 'issuance:complete'),
      printReceipt: call(transport, 'issuance:print-receipt'),
      printDeferralSlip: call(transport, 'issuance:print-deferral-slip'),
      cancel: call(transport, 'issuance:cancel'),
    }),
    life: Object.freeze({
      findBySerial: call(transport, 'life:find-by-serial'),
      search: call(transport, 'life:search'),
      history: call(transport, 'life:history'),
      listOpen: call(transport, 'life:list-open'),
      registerSuspension: call(transport, 'suspension:register'),
      start: call(transport, 'life:start'),
      get: call(transport, 'life:get'),
      recordDocuments: call(transport, 'life:record-documents'),
      checkCard: call(transport, 'life:check-card'),
      readPhotos: call(transport, 'life:read-photos'),
      recordFace: call(transport, 'life:record-face'),
      overrideFace: call(transport, 'life:override-face'),
      choose: call(transport, 'life:choose'),
      openPinEntry: call(transport, 'life:open-pin-entry'),
      setRevocationReason: call(transport, 'revocation:set-reason'),
      setReissueReason: call(transport, 'reissue:set-reason'),
      approve: call(transport, 'life:approve'),
      recordFee: call(transport, 'reissue:record-fee'),
      recordDestroyed: call(transport, 'revocation:record-destroyed'),
      complete: call(transport, 'life:complete'),
      printReceipt: call(transport, 'life:print-receipt'),
      cancel: call(transport, 'life:cancel'),
    }),
    reports: Object.freeze({
      daily: call(transport, 'reports:daily'),
      dailyPdf: call(transport, 'reports:daily-pdf'),
      dailyCsv: call(transport, 'reports:daily-csv'),
    }),
    onIssuanceUpdated: on(transport, 'issuance:updated'),
    onLifeUpdated: on(transport, 'life:updated'),
    onReadersChanged: on(transport, 'reader:changed'),
    onSessionChanged: on(transport, 'auth:changed'),
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
    onPromptChanged: on(transport, 'resident:prompt-changed'),
  });
}

export type ResidentApi = ReturnType<typeof createResidentApi>;
