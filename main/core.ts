// createCore(config) wires every service of the main process. It imports nothing from electron, so the
// e2e harness and the integration tests run exactly this, with only the IPC transport differing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_ACCESS, type EventMap, type EventName } from '../preload/contract/channels';
import type { AppError } from '../preload/contract/errors';
import { createErrorReporter, StartupFailure } from './app-errors';
import { createAuditSpill, writesAfterKeptRows, type AuditSpill } from './audit/audit-spill';
import { guardAuditLog, type AuditGuard } from './audit/audit-guard';
import { createOperatorAudit } from './audit/operator-audit';
import type { LocalAuthority } from './authority/local-authority';
import type { OcspHttpServer } from './authority/ocsp-http';
import { createCardService, type CardService } from './card/card-service';
import { createPcscWatcher } from './card/pcsc-transport';
import { SimReader } from './card/sim/sim-reader';
import type { ReaderWatcher } from './card/transport';
import { PROCEDURE_IDLE_MINUTES, type CoreConfig } from './config/config';
import { defaultBackupDir } from './config/paths';
import { openDatabase, quickCheck, type Db } from './db/connection';
import { DbCorruptError, DbError } from './db/errors';
import { openIssuanceDatabase, withKeyErrors } from './db/index';
import type { PgConnectionOptions } from './db/pg-connection';
import { FileKeyProtector, type KeyProtector } from './db/key-protector';
import { openMyNumberCipher, type MyNumberCipher } from './db/my-number-crypto';
import { countOperators } from './db/repositories/operators';
import { adminHandlers } from './ipc/handlers/admin';
import { appHandlers } from './ipc/handlers/app';
import { approvalHandlers } from './ipc/handlers/approvals';
import { auditHandlers } from './ipc/handlers/audit';
import { authHandlers } from './ipc/handlers/auth';
import { cardHandlers } from './ipc/handlers/card';
import { composeHandlers } from './ipc/handlers/handler-table';
import { lookupHandlers } from './ipc/handlers/lookup';
import { practiceHandlers } from './ipc/handlers/practice';
import { scenarioHandlers } from './ipc/handlers/scenarios';
import { procedureHandlers } from './ipc/handlers/procedure';
import { reportsHandlers } from './ipc/handlers/reports';
import { rulesHandlers } from './ipc/handlers/rules';
import { stockHandlers } from './ipc/handlers/stock';
import { createUncollectedCards } from './reports/uncollected';
import { DEFAULT_UNCOLLECTED_PERIODS } from '../preload/contract/rules/uncollected';
import { RULE_SETS } from '../preload/contract/rules/rule-sets';
import {
  atJapanTime,
  certificateServiceAt,
  DEFAULT_SERVICE_HOURS,
} from '../preload/contract/rules/service-hours';
import { residentHandlers } from './ipc/handlers/resident';
import { simHandlers } from './ipc/handlers/sim';
import { createIpcRouter, type Handlers, type IpcRouter } from './ipc/router';
import { createErrorLog } from './logs/error-log';
import { createOperatorAdmin } from './operators/operator-admin';
import { createPasswordHasher } from './operators/password-hash';
import {
  AccessError,
  createOperatorSessions,
  type OperatorSessions,
} from './operators/operator-session';
import { preflightHandlers } from './ipc/handlers/preflight';
import { createPreflightService } from './preflight/service';
import { practiceSeed, seedPracticeDatabase } from './practice/seed';
import { startPracticeOver } from './practice/start-over';
import { createTrainer } from './practice/trainer';
import { createScenarioRunner } from './practice/scenarios/runner';
import { createScenarioProgress } from './practice/scenarios/progress';
import { createTrainerCards } from './practice/trainer-cards';
import { createDailyReports } from './reports/daily';
import { createLookups } from './lookups/history';
import { createNoticeLedger } from './lookups/notice-ledger';
import { applicationCardFacts, applicationCards } from './practice/application-cards';
import { PROCEDURE_SPECS } from './workflows/kinds';
import { createProcedureEngine } from './workflows/procedure/engine';
import type { DocumentDeps } from './workflows/procedure/spec';
import type { PhotoDeps } from './workflows/steps/face-photos';
import { createPinHub } from './workflows/steps/pin-hub';
import { DEFAULT_FACE_SCORE_THRESHOLD } from '../preload/contract/rules/face-score';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface Core {
  readonly config: CoreConfig;
  readonly router: IpcRouter;
  readonly cards: CardService;
  /** The simulated reader in practice mode (trainers and tests insert cards with it); else null. */
  readonly simReader: SimReader | null;
  /** The issuance database, once started; null when it could not be opened (see startupError). */
  db(): Db | null;
  /** The local issuer authority, opened on first use (key generation must not slow the start). */
  authority(): Promise<LocalAuthority>;
  /** Why the core could not start its database, or null. */
  startupError(): AppError | null;
  /** Resolves when the background integrity check of the database has finished. */
  integrityChecked(): Promise<void>;
  /** Resolves when the audit log's check at start (main/audit/audit-guard.ts) has finished. */
  auditChecked(): Promise<void>;
  /** Resolves when the quick preflight checks at start have finished. */
  preflightChecked(): Promise<void>;
  onEvent(listener: CoreEventListener): () => void;
  start(): Promise<void>;
  /** Stops the reader watcher and closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Each mode's files inside its own dataDir (practice never shares production's). The key file is
 * practice mode's only: production keeps its keys in the OS key store or IT's key file elsewhere.
 * Backups go beside dataDir unless the configuration names a folder.
 */
export function corePaths(dataDir: string) {
  return {
    database: join(dataDir, 'issuance.sqlite3'),
    keyFile: join(dataDir, 'data-key.bin'),
    authority: join(dataDir, 'authority'),
    backups: defaultBackupDir(dataDir),
    exports: join(dataDir, 'exports'),
    receipts: join(dataDir, 'receipts'),
    /** The error log for IT (logs/errors.log, rotated). */
    logs: join(dataDir, 'logs'),
    /** Audit rows the database refused (a full disk), until it takes them. */
    auditSpill: join(dataDir, 'audit-pending.bin'),
    /** The office key, sealed by this machine's protector (npm run office-key:install). */
    officeKey: join(dataDir, 'office-key.sealed'),
  };
}

/** A production core made without a KeyProtector: it would have to write a key beside the data. */
export class MissingKeyProtectorError extends Error {
  override readonly name = 'MissingKeyProtectorError';
  constructor() {
    super("production needs a KeyProtector (the OS key store or IT's key file)");
  }
}

/**
 * Public channels a database fault does not stop: the app's state, the session, and logout,
 * which ends the session whatever the file's state. Every other one is refused with the fault.
 */
const OPEN_DURING_FAULT: ReadonlySet<string> = new Set([
  'app:get-info',
  'auth:get-session',
  'auth:logout',
]);

export function createCore(config: CoreConfig): Core {
  const now = config.now ?? (() => new Date());
  const practice = config.mode === 'practice';
  // A key file in the data folder would make any copy of that folder a copy of the key.
  if (!practice && !config.keyProtector) throw new MissingKeyProtectorError();
  const paths = {
    ...corePaths(config.dataDir),
    ...(config.databasePath ? { database: config.databasePath } : {}),
    ...(config.backupDir ? { backups: config.backupDir } : {}),
  };
  /** Every operator password is hashed at the production cost (a test may pass a cheaper one). */
  const hasher = createPasswordHasher(config.passwordHashCost);
  const simReader = config.reader.kind === 'simulated' ? new SimReader() : null;
  const watcher: ReaderWatcher = simReader ?? createPcscWatcher();
  const cards = createCardService({ watcher, exchangeTimeoutMs: config.exchangeTimeoutMs });
  const listeners = new Set<CoreEventListener>();
  let closed = false;
  let db: Db | null = null;
  let keyProtector: KeyProtector | null = config.keyProtector ?? null;
  /**
   * What seals the database's data keys: this machine's protector for its own file; the office key
   * for the office database, whose keys every counter of the office shares.
   */
  let dataKeyProtector: KeyProtector | null = null;
  let sessions: OperatorSessions | null = null;
  let startupError: AppError | null = null;
  let authority: Promise<LocalAuthority> | null = null;
  /** The authority's OCSP responder on loopback, when the configuration asks for it. */
  let ocspServer: Promise<OcspHttpServer | null> | null = null;
  let integrityChecked: Promise<void> = Promise.resolve();
  let auditGuard: Promise<AuditGuard> | null = null;
  let auditChecked: Promise<void> = Promise.resolve();
  let preflightChecked: Promise<void> = Promise.resolve();
  let cipher: MyNumberCipher | null = null;
  let spill: AuditSpill | null = null;
  const errorLog = createErrorLog({ dir: paths.logs, now });
  const report = createErrorReporter(errorLog);

  const emit: CoreEventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const unsubscribeReaders = cards.onReadersChanged((dto) => emit('reader:changed', dto));

  function requireDb(): Db {
    if (!db) throw new AccessError('not-logged-in');
    return db;
  }
  function requireSessions(): OperatorSessions {
    if (sessions) return sessions;
    if (startupError) throw new StartupFailure(startupError);
    throw new AccessError('not-logged-in');
  }
  function requireCipher(): MyNumberCipher {
    if (!cipher) throw new AccessError('not-logged-in');
    return cipher;
  }
  function requireKeyProtector(): KeyProtector {
    if (!keyProtector) throw new AccessError('not-logged-in');
    return keyProtector;
  }
  function requireAuditGuard(): Promise<AuditGuard> {
    if (!auditGuard) throw new AccessError('not-logged-in');
    return auditGuard;
  }

  /**
   * The app works on `raw` through its audit guard: rows appended with the audit key, sealed,
   * anchored outside. The guard of a database the app leaves (a practice reset) is closed.
   */
  function guardDatabase(raw: Db): Db {
    const previous = auditGuard;
    const guarded = guardAuditLog(raw, dataKeyProtector ?? requireKeyProtector(), {
      mode: config.mode,
      anchorsDir: config.auditAnchorsDir ?? null,
      now,
      openReader: async () => {
        const office = raw.dialect === 'postgres' ? await officeConnection() : null;
        if (office) return (await import('./db/pg-connection')).openPgDatabase(office);
        return openDatabase(raw.path, { readOnly: true, integrityCheck: 'skip' });
      },
      onStatusChange: () => emit('audit:status-changed', null),
    });
    auditGuard = guarded.guard;
    void previous?.then((g) => g.close()).catch(() => undefined);
    return guarded.db;
  }

  /**
   * The office database's connection when production keeps its records there, else null (this
   * computer's file; practice mode always). Loaded only then: a counter on its own file never
   * pays for the pg driver.
   */
  async function officeConnection(): Promise<PgConnectionOptions | null> {
    if (config.officeConnection) return config.officeConnection();
    if (practice) return null;
    if (config.database?.kind !== 'postgres') return null;
    const { pgOptionsOf } = await import('./db/office');
    return pgOptionsOf(config.database, keyProtector ?? undefined, config.counterNumber);
  }

  /**
   * The office key this counter was given (npm run office-key:install), as the protector of the
   * office database's data keys. Without it, or with another office's, the counter opens nothing.
   */
  async function officeKeyOf(machine: KeyProtector): Promise<KeyProtector> {
    const { loadOfficeKey, officeKeyProtector } = await import('./db/office-key');
    return config.officeKey
      ? officeKeyProtector(await config.officeKey())
      : loadOfficeKey(paths.officeKey, machine);
  }

  /** The audit check at start runs beside the counter's work; its findings go to the administrator. */
  function checkAuditInBackground(): void {
    const guard = auditGuard;
    auditChecked = (guard ? guard.then((g) => g.startupCheck()) : Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }
  /** The operator of the current call; the router has already checked the channel's access. */
  function operatorId(): number {
    const id = sessions?.currentOperatorId() ?? null;
    if (id === null) throw new AccessError('not-logged-in');
    return id;
  }
  const audit = createOperatorAudit({ db: requireDb, operatorId, now });

  function authorityOf(): Promise<LocalAuthority> {
    const protector = keyProtector;
    if (!db || !protector) return Promise.reject(new AccessError('not-logged-in'));
    // The authority builds certificates with @peculiar/x509: loaded on first use, so that a
    // production start does not pay for it.
    authority ??= openAuthority(protector);
    return authority;
  }

  /** The mode's authority with its registry in the mode's database (a JSON one imported once). */
  async function openAuthority(protector: KeyProtector): Promise<LocalAuthority> {
    const [{ openLocalAuthority, AUTHORITY_FILES }, registry, profile] = await Promise.all([
      import('./authority/local-authority'),
      import('./authority/db-certificate-registry'),
      import('./authority/jpki-profile'),
    ]);
    const settings = config.authority;
    const ocspPort = settings?.ocspPort;
    await registry.importLegacyRegistry(
      requireDb(),
      join(paths.authority, AUTHORITY_FILES.registry),
      now(),
    );
    const opened = await openLocalAuthority({
      directory: paths.authority,
      keyProtector: protector,
      identity: practice
        ? {
            organization: 'JPKI-PRACTICE',
            operator: 'Madoguchi Practice Authority',
            serviceName: '窓口練習用認証局',
          }
        : undefined,
      registry: new registry.DbCertificateRegistry(requireDb),
      now,
      office: {
        prefecture: settings?.prefecture ?? profile.DEFAULT_OFFICE.prefecture,
        city: settings?.city ?? profile.DEFAULT_OFFICE.city,
        municipalityCode: municipality().code || profile.DEFAULT_OFFICE.municipalityCode,
        counterNumber: config.counterNumber ?? profile.DEFAULT_OFFICE.counterNumber,
      },
      ...(ocspPort ? { ocspUrl: `http://127.0.0.1:${ocspPort}/` } : {}),
    });
    if (ocspPort) {
      const { serveOcspOverHttp } = await import('./authority/ocsp-http');
      // A port already taken leaves the counter working: only outside clients lose the responder.
      ocspServer = serveOcspOverHttp(opened, { port: ocspPort, now }).catch((e: unknown) => {
        report(e, { where: 'ocsp-server' });
        return null;
      });
    }
    return opened;
  }

  /** The town on receipts: the practice seed's, or the machine configuration's in production. */
  function municipality(): { name: string; code: string } {
    if (!practice) return config.municipality ?? { name: '', code: '' };
    const m = practiceSeed().municipality;
    return { name: `${m.prefecture}${m.name}`, code: m.code };
  }

  /** The face check as configured: the scores are on unless IT turns them off. */
  const faceCheck = {
    secondOperator: config.faceCheck?.secondOperator === true,
    score: config.faceCheck?.score ?? true,
    scoreThreshold: config.faceCheck?.scoreThreshold ?? DEFAULT_FACE_SCORE_THRESHOLD,
  };

  async function facePhotos(): Promise<PhotoDeps> {
    const [visual, jp2] = await Promise.all([import('./card/apps/visual'), import('./images/jp2')]);
    // The trainer's photo scenario: a real test face in place of the drawings (when installed).
    const testFace =
      practice && trainer?.facePhotos()
        ? await (await import('./practice/photos')).practiceTestFace()
        : null;
    return {
      readFacePhoto: testFace
        ? async (session, myNumber) => {
            // The card is still read, as at a real counter; its drawing gives way to the photo.
            await visual.readFacePhoto(session, myNumber);
            return testFace.chip;
          }
        : visual.readFacePhoto,
      decodeJp2ToPng: jp2.decodeJp2ToPng,
      // Practice residents have drawn photos; production has no photo store yet.
      applicationPhoto: async (noticeNumber) => {
        if (!practice) return null;
        if (testFace) return testFace.application;
        const { practiceApplicationPhoto } = await import('./practice/photos');
        return practiceApplicationPhoto(noticeNumber);
      },
      drawings: practice && testFace === null,
    };
  }

  // The trainer's simulator; made before the procedures, which read its authority fault.
  const trainer =
    simReader &&
    createTrainer({
      reader: simReader,
      audit,
      cards: createTrainerCards({
        authority: authorityOf,
        timing: config.simTiming,
        municipalityCode: municipality().code || '99999',
        applicationCardFacts: (noticeNumber) =>
          applicationCardFacts(
            { db: requireDb(), cipher: requireCipher(), operatorId: operatorId(), now },
            noticeNumber,
          ),
        applicationCards: async () => (db ? applicationCards(db) : []),
      }),
    });

  /** The resident window's one PIN entry: the resident:* channels go to the procedure owning it. */
  const pinHub = createPinHub(
    (prompt) => emit('resident:prompt-changed', prompt),
    (progress) => emit('resident:progress', progress),
  );

  /** The certificate service's hours, judged by the practice clock in practice mode. */
  const serviceHours = config.certificateService ?? DEFAULT_SERVICE_HOURS;
  const serviceNow = () => {
    const time = practice ? trainer?.practiceClock() : null;
    return time ? atJapanTime(now(), time) : now();
  };
  const ruleSets = config.ruleSets ?? RULE_SETS;

  /** The 交付通知書 numbers each operator entered this session (a 交付 beside a look-alike). */
  const noticeLedger = createNoticeLedger();

  /**
   * This counter's number as its procedures record it: in an office database only (a counter's own
   * file has one counter), or on the file where a test stands for an office counter.
   */
  const officeCounter =
    (config.officeConnection ||
      config.countersOnFile === true ||
      (config.database?.kind === 'postgres' && !practice)) &&
    config.counterNumber !== undefined
      ? config.counterNumber
      : undefined;

  /** Every counter procedure, on one engine. */
  const procedures = createProcedureEngine(
    {
      db: requireDb,
      cipher: requireCipher,
      cards,
      authority: authorityOf,
      authorityOffline: () => trainer?.authorityOffline() ?? false,
      operatorId,
      now,
      pinHub,
      photos: facePhotos,
      documents: async (): Promise<DocumentDeps> => {
        const docs = await import('./documents');
        return {
          writeReceiptPdf: (path, data) => docs.writeReceiptPdf(path, data),
          writeDeferralSlipPdf: (path, data) => docs.writeDeferralSlipPdf(path, data),
          writeFeeReceiptPdf: (path, data) => docs.writeFeeReceiptPdf(path, data),
          writeInquiryPdf: (path, data) => docs.writeInquiryPdf(path, data),
          writeCardNotePdf: (path, data) => docs.writeCardNotePdf(path, data),
        };
      },
      receiptsDir: paths.receipts,
      practice,
      municipality: municipality(),
      emitUpdated: (dto) => emit('procedure:updated', dto),
      idleMinutes: config.procedureIdleMinutes ?? PROCEDURE_IDLE_MINUTES,
      ...(officeCounter === undefined ? {} : { counterNumber: officeCounter }),
      faceCheck,
      noticePresented: (applicationId) => noticeLedger.has(operatorId(), applicationId),
      certificateService: () => certificateServiceAt(serviceNow(), serviceHours),
      ruleSets,
    },
    PROCEDURE_SPECS,
  );
  const lookups = createLookups({
    db: requireDb,
    now,
    operatorId,
    ledger: noticeLedger,
    ...(officeCounter === undefined ? {} : { counterNumber: officeCounter }),
  });
  const dailyReports = createDailyReports({
    ruleSets,
    db: requireDb,
    now,
    outDir: paths.receipts,
    municipality: municipality(),
    practice,
    anchor: async () => (await requireAuditGuard()).anchor('daily-report'),
  });

  const startOver = (clearResults: boolean) =>
    startPracticeOver(
      {
        hasher,
        dbPath: paths.database,
        keyProtector: requireKeyProtector,
        db: requireDb,
        operatorId,
        now,
        adopt(fresh, freshCipher) {
          // Rows kept for the old file belong to its chain, not to the fresh one.
          void spill?.discard();
          // The fresh file is always this machine's own, its keys under this machine's protector.
          dataKeyProtector = requireKeyProtector();
          const guarded = guardDatabase(fresh);
          db = spill ? writesAfterKeptRows(guarded, spill) : guarded;
          cipher = freshCipher;
          checkAuditInBackground();
        },
        forget() {
          trainer?.clearFaults();
          procedures.forget();
        },
        // Operator ids belong to the old file: everybody logs in again on the fresh seed. The
        // sessions work on the database as adopted (through its audit guard), not the bare file.
        restartSessions() {
          sessions?.dispose();
          sessions = newSessions(requireDb());
          return sessions;
        },
        authChanged: (status) => emit('auth:changed', status),
      },
      !clearResults,
    );

  const preflight = createPreflightService({
    platform: process.platform,
    now,
    machine: config,
    configFile: config.configFile ?? null,
    appVersion: config.version,
    dataDir: config.dataDir,
    backupDir: paths.backups,
    databasePath: paths.database,
    logDir: paths.logs,
    exportsDir: paths.exports,
    simulated: simReader !== null,
    readers: () => cards.readers(),
    db: () => db,
    startupError: () => startupError,
    auditStatus: async () => (auditGuard ? (await auditGuard).status() : null),
    workstation: config.workstation ?? null,
    onSummary: () => emit('preflight:changed', null),
  });

  const handlers: Handlers = composeHandlers(
    appHandlers({
      info: () => ({
        mode: config.mode,
        version: config.version,
        simulatedReader: simReader !== null,
        startupError,
        faceScore: { enabled: faceCheck.score, threshold: faceCheck.scoreThreshold },
      }),
    }),
    cardHandlers({
      cards,
      db: requireDb,
      audit,
      counterFor: procedures.assertCounterFor,
      authorityStatus: async (kind, serials) => {
        const { askResponder } = await import('./authority/ocsp');
        return askResponder(await authorityOf(), kind, serials, now());
      },
      cipher: requireCipher,
      operatorId,
    }),
    simHandlers({ trainer, practice, db: requireDb, operatorId, now }),
    authHandlers({ sessions: requireSessions }),
    approvalHandlers({ db: requireDb, hasher, operatorId, now }),
    adminHandlers({
      operators: createOperatorAdmin({ db: requireDb, hasher, now }),
      db: requireDb,
      operatorId,
      audit,
      backupsDir: paths.backups,
      now,
    }),
    auditHandlers({
      db: requireDb,
      guard: requireAuditGuard,
      audit,
      operatorId,
      progress: (checked, total) => emit('audit:verify-progress', { checked, total }),
      production: !practice,
      exportsDir: paths.exports,
      now,
    }),
    practiceHandlers({ practice, startOver }),
    scenarioHandlers({
      practice,
      runner: createScenarioRunner({
        db: requireDb,
        cipher: requireCipher,
        trainer: practice ? trainer : null,
        operatorId,
        now,
      }),
      progress: createScenarioProgress({
        db: requireDb,
        operatorId,
        hasher,
        now,
        outDir: paths.receipts,
        municipality: municipality().name,
      }),
    }),
    lookupHandlers({ lookups, counterFor: procedures.assertCounterFor }),
    procedureHandlers({ procedures }),
    residentHandlers({
      pinHub,
      audit,
      staffCalled: (call) => emit('resident:staff-called', call),
      now,
    }),
    reportsHandlers({ dailyReports }),
    rulesHandlers({ serviceNow, hours: serviceHours, ruleSets, now }),
    stockHandlers({
      uncollected: createUncollectedCards({
        db: requireDb,
        now,
        operatorId,
        periods: config.uncollectedCards ?? DEFAULT_UNCOLLECTED_PERIODS,
      }),
    }),
    preflightHandlers({ preflight, audit }),
  );

  const router = createIpcRouter({
    trustedOrigins: config.trustedOrigins,
    toAppError: (e, { channel }) => report(e, { channel }),
    authorize: async (channel, window) => {
      const access = CHANNEL_ACCESS[channel];
      if (startupError && !OPEN_DURING_FAULT.has(channel)) throw new StartupFailure(startupError);
      if (access === 'public') return;
      // The window decides whether the call is the clerk's activity (the idle lock's measure).
      await requireSessions().authorize(access, window);
    },
    handlers,
  });

  function newSessions(database: Db): OperatorSessions {
    return createOperatorSessions({
      db: database,
      hasher,
      // Practice mode seeds its operators; production's first administrator needs IT's code.
      setup: practice ? { needsCode: false } : { needsCode: true, code: config.setupCode ?? null },
      idleLockMinutes: config.idleLockMinutes,
      now,
      onChange: (st) => {
        // A logout or another login: what was entered before belongs to nobody now.
        noticeLedger.keepOnly(st.operator?.id ?? null);
        emit('auth:changed', st);
      },
      // The screen locking or the clerk leaving parks the resident's procedure (保留), so that the
      // next person at this PC never works on in it by mistake.
      beforeEnd: async (why) => {
        try {
          await procedures.holdAll(why);
        } catch (e) {
          report(e, { where: `hold-on-${why}` });
        }
      },
      keepAudit: async (entry, at, error) => {
        report(error, { where: 'audit-kept' });
        await spill?.keep(database, entry, at, error);
      },
    });
  }

  async function openData(): Promise<void> {
    let opened: Db | null = null;
    let guarded: Db | null = null;
    try {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      // Only practice mode gets here without one (createCore refuses production). Whatever kind of
      // protector: a key that does not open the data is told as such.
      keyProtector = withKeyErrors(keyProtector ?? new FileKeyProtector(paths.keyFile));
      // The header, a writable folder and file, the version and the mode are checked before
      // anything is written; the page check runs after start (bench:db: integrity_check on 1M
      // residents takes 39 s, quick_check 4 s), and writes wait for it.
      // Production may keep its records in the office's PostgreSQL database (many counters);
      // practice mode always has its own file.
      const office = await officeConnection();
      // The office key first: a counter without it does not even connect.
      dataKeyProtector = office ? await officeKeyOf(keyProtector) : keyProtector;
      opened = office
        ? await (
            await import('./db/office')
          ).openOfficeDatabase(office, { mode: config.mode, appVersion: config.version })
        : await openIssuanceDatabase(paths.database, {
            mode: config.mode,
            create: true,
            integrityCheck: 'skip',
            appVersion: config.version,
          });
      // Opening the cipher checks the data key against this file before anything else runs.
      cipher = await openMyNumberCipher(opened, dataKeyProtector);
      guarded = guardDatabase(opened);
      // The audit key unwrapped (made, and the keyed chain started, on the first start).
      await auditGuard;
      // A new practice database starts with the fictional town and its practice operators.
      if (practice && (await countOperators(guarded)) === 0) {
        await seedPracticeDatabase(guarded, cipher, now, { hasher });
      }
    } catch (e) {
      startupError = report(e, { where: 'start' });
      console.error(`[Core] database could not be opened: ${startupError.code}`);
      await opened?.close().catch(() => undefined);
      return;
    }
    const verdict = checkIntegrityInBackground(opened);
    opened.holdWrites(verdict);
    integrityChecked = verdict.then(() => undefined);
    spill = createAuditSpill({
      path: paths.auditSpill,
      protector: keyProtector,
      report: (e) => errorLog.record(e, { where: 'audit-spill' }),
    });
    await spill.load(guarded!);
    db = writesAfterKeptRows(guarded!, spill);
    sessions = newSessions(db);
    checkAuditInBackground();
  }

  /**
   * The page check after start. Writes wait for its verdict: a damaged page found then refuses
   * every write (a login's too) and stops every call with the db-corrupt message.
   */
  async function checkIntegrityInBackground(database: Db): Promise<DbError | null> {
    let fault: DbError;
    try {
      const problems = await quickCheck(database);
      if (problems.length === 0) return null;
      fault = new DbCorruptError(database.path, problems);
    } catch (e) {
      if (closed) return null;
      // A check that could not finish cannot vouch for the file either.
      fault =
        e instanceof DbError
          ? e
          : new DbError('db-check-failed', 'page check failed', { cause: e });
    }
    startupError = report(fault, { where: 'integrity-check' });
    console.error(`[Core] database check after start failed: ${startupError.code}`);
    return fault;
  }

  return {
    config,
    router,
    cards,
    simReader,
    db: () => db,
    startupError: () => startupError,
    integrityChecked: () => integrityChecked,
    auditChecked: () => auditChecked,
    preflightChecked: () => preflightChecked,
    authority: authorityOf,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await openData();
      await watcher.start();
      // Beside the counter's first minutes, once the audit check has read the anchors folder: the
      // clerk's strip appears when a check fails.
      preflightChecked = auditChecked.then(() => preflight.startup());
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribeReaders();
      listeners.clear();
      sessions?.dispose();
      await watcher.stop();
      await integrityChecked;
      // A row kept through a full disk gets its last chance here; else the spill file keeps it.
      if (db && spill && spill.pending() > 0)
        await spill.flush(db).catch((e: unknown) => report(e, { where: 'close' }));
      // The guard gives up long work on closing, then writes the shutdown anchor.
      const guard = auditGuard;
      await preflightChecked;
      await guard?.then((g) => g.close()).catch(() => undefined);
      await auditChecked;
      await ocspServer?.then((s) => s?.close()).catch(() => undefined);
      await db?.close();
      db = null;
      errorLog.flush();
    },
  };
}
