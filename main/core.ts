// createCore(config) wires every service of the main process. It imports nothing from electron, so the
// e2e harness and the integration tests run exactly this, with only the IPC transport differing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_ACCESS, type EventMap, type EventName } from '../preload/contract/channels';
import type {
  AppInfoDto,
  AuditRowDto,
  OperatorDto,
  SimPresetDto,
  SimStateDto,
} from '../preload/contract/dto';
import type { AppError } from '../preload/contract/errors';
import { err, ok } from '../preload/contract/result';
import { StartupFailure, toAppError } from './app-errors';
import { appendAudit, verifyAuditChain } from './audit/audit-log';
import type { LocalAuthority } from './authority/local-authority';
import { createCardService, type CardService } from './card/card-service';
import { createPcscWatcher } from './card/pcsc-transport';
import type { SimCardPort } from './card/sim/sim-card-port';
import { SimReader } from './card/sim/sim-reader';
import type { ReaderWatcher } from './card/transport';
import type { CoreConfig } from './config/config';
import { backupDatabase } from './db/backup';
import { quickCheck, type Db } from './db/connection';
import { openIssuanceDatabase } from './db/index';
import { FileKeyProtector, type KeyProtector } from './db/key-protector';
import { openMyNumberCipher, type MyNumberCipher } from './db/my-number-crypto';
import { UnsafeDetailsError } from './audit/details-guard';
import { recordApproval } from './operators/approvals';
import { searchAudit, type AuditFilter } from './db/repositories/audit';
import { resetPracticeData } from './practice/reset';
import { practiceSeed, seedPracticeDatabase } from './practice/seed';
import type { Result } from '../preload/contract/result';
import {
  createIssuanceWorkflow,
  type DocumentDeps,
  type PhotoDeps,
} from './workflows/issuance/service';
import { IssuanceRefusal } from './workflows/issuance/state';
import { createPinHub } from './workflows/steps/pin-hub';
import type { CardProcedureDeps } from './workflows/steps/card-procedure';
import { createReleaseWorkflow } from './workflows/release/service';
import { createPinResetWorkflow } from './workflows/pin-reset/service';
import { createRenewalWorkflow } from './workflows/renewal/service';
import { createLifeRegistry, type LifeWorkflow } from './workflows/lifecycle/registry';
import { createLifeQueries } from './workflows/lifecycle/queries';
import { createRecordsWorkflows } from './workflows/lifecycle/records';
import { withDatabaseState } from './card/card-health';
import { findCardBySerial, findReplacementOfCard } from './db/repositories/cards';
import { listCertificatesOfCard } from './db/repositories/certificates';
import { createDailyReports } from './reports/daily';
import {
  authenticateOperator,
  countOperators,
  createOperator,
  getOperator,
  hashPassword,
  listOperators,
  MIN_PASSWORD_LENGTH,
  resetOperatorPassword,
  setOperatorDisabled,
} from './db/repositories/operators';
import { createIpcRouter, type IpcRouter } from './ipc/router';
import {
  AccessError,
  createOperatorSessions,
  toOperatorDto,
  type OperatorSessions,
} from './operators/operator-session';

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
  onEvent(listener: CoreEventListener): () => void;
  start(): Promise<void>;
  /** Stops the reader watcher and closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Each mode's files, all inside its own dataDir (practice never shares production's). */
export function corePaths(dataDir: string) {
  return {
    database: join(dataDir, 'issuance.sqlite3'),
    keyFile: join(dataDir, 'data-key.bin'),
    authority: join(dataDir, 'authority'),
    backups: join(dataDir, 'backups'),
    exports: join(dataDir, 'exports'),
    receipts: join(dataDir, 'receipts'),
  };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** CSV for spreadsheet programs: quoted, and cells that start like a formula are defused. */
function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function createCore(config: CoreConfig): Core {
  const now = config.now ?? (() => new Date());
  const paths = {
    ...corePaths(config.dataDir),
    ...(config.databasePath ? { database: config.databasePath } : {}),
  };
  const simReader = config.reader.kind === 'simulated' ? new SimReader() : null;
  const watcher: ReaderWatcher = simReader ?? createPcscWatcher();
  const cards = createCardService({ watcher, exchangeTimeoutMs: config.exchangeTimeoutMs });
  const listeners = new Set<CoreEventListener>();
  let insertedPreset: string | null = null;
  /** The card the trainer took out last, kept so it can go back in as it is. */
  let removedCard: { card: SimCardPort; label: string } | null = null;
  let closed = false;
  let db: Db | null = null;
  let keyProtector: KeyProtector | null = config.keyProtector ?? null;
  let sessions: OperatorSessions | null = null;
  let startupError: AppError | null = null;
  let authority: Promise<LocalAuthority> | null = null;
  let integrityChecked: Promise<void> = Promise.resolve();
  let cipher: MyNumberCipher | null = null;
  /** Practice fault: the authority refuses to issue certificates (後日交付 practice). */
  let authorityOffline = false;

  const emit: CoreEventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const unsubscribeReaders = cards.onReadersChanged((dto) => emit('reader:changed', dto));

  function requireDb(): Db {
    if (!db) throw new AccessError('not-logged-in');
    return db;
  }
  function requireSessions(): OperatorSessions {
    if (!sessions) throw new AccessError('not-logged-in');
    return sessions;
  }
  /** The operator of the current call; the router has already checked the channel's access. */
  function operatorId(): number {
    const id = sessions?.currentOperatorId() ?? null;
    if (id === null) throw new AccessError('not-logged-in');
    return id;
  }
  async function audit(
    action: string,
    details: Record<string, string | number | boolean> = {},
  ): Promise<void> {
    const operator = operatorId();
    await requireDb().transaction((tx) =>
      appendAudit(tx, { operatorId: operator, action, details }, now),
    );
  }

  // The simulator's presets and the authority build certificates with @peculiar/x509: loaded on
  // first use, so that a production start does not pay for them (bench:db, core ready).
  const presets = () => import('./card/sim/presets');

  async function simState(reader: SimReader): Promise<SimStateDto> {
    if (!reader.current()) insertedPreset = null;
    const list: SimPresetDto[] = (await presets()).listPresets();
    return {
      presets: list,
      reader: reader.name,
      inserted: insertedPreset,
      removed: removedCard?.label ?? null,
      applicationCards: db ? await issuance.applicationCards() : [],
      authorityOffline,
    };
  }

  function appInfo(): AppInfoDto {
    return {
      mode: config.mode,
      version: config.version,
      simulatedReader: simReader !== null,
      startupError,
    };
  }

  async function operatorDto(id: number): Promise<OperatorDto> {
    return toOperatorDto(await getOperator(requireDb(), id));
  }

  async function auditRows(filter: AuditFilter, page: number, pageSize: number) {
    const d = requireDb();
    const result = await searchAudit(d, filter, page, pageSize);
    const logins = new Map((await listOperators(d)).map((o) => [o.id, o.loginId]));
    const items: AuditRowDto[] = result.items.map((r) => ({
      seq: r.seq,
      at: r.at,
      operatorId: r.operatorId,
      operatorLoginId: r.operatorId === null ? null : (logins.get(r.operatorId) ?? null),
      action: r.action,
      residentId: r.residentId,
      cardId: r.cardId,
      details: r.details,
    }));
    return { ...result, items };
  }

  function authorityOf(): Promise<LocalAuthority> {
    const protector = keyProtector;
    if (!db || !protector) return Promise.reject(new AccessError('not-logged-in'));
    authority ??= import('./authority/local-authority').then(({ openLocalAuthority }) =>
      openLocalAuthority({
        directory: paths.authority,
        keyProtector: protector,
        identity:
          config.mode === 'practice'
            ? { organization: 'JPKI-PRACTICE', operator: 'Madoguchi Practice Authority' }
            : undefined,
        now,
      }),
    );
    return authority;
  }

  /** The town on receipts: the practice seed's, or the machine configuration's in production. */
  function municipality(): { name: string; code: string } {
    if (config.mode !== 'practice') return config.municipality ?? { name: '', code: '' };
    const m = practiceSeed().municipality;
    return { name: `${m.prefecture}${m.name}`, code: m.code };
  }

  /** The chip photo of a practice application's card (JPEG 2000), when one was generated. */
  async function practicePhotoJp2(noticeNumber: string): Promise<Uint8Array | null> {
    const { practiceChipPhoto } = await import('./practice/photos');
    return practiceChipPhoto(noticeNumber);
  }

  async function facePhotos(): Promise<PhotoDeps> {
    const [visual, jp2] = await Promise.all([import('./card/apps/visual'), import('./images/jp2')]);
    return {
      readFacePhoto: visual.readFacePhoto,
      decodeJp2ToPng: jp2.decodeJp2ToPng,
      // Practice residents have drawn photos; production has no photo store yet.
      applicationPhoto: async (noticeNumber) => {
        if (config.mode !== 'practice') return null;
        const { practiceApplicationPhoto } = await import('./practice/photos');
        return practiceApplicationPhoto(noticeNumber);
      },
    };
  }

  /** The resident window's one PIN entry: the resident:* channels go to the procedure owning it. */
  const pinHub = createPinHub((prompt) => emit('resident:prompt-changed', prompt));

  /** What every procedure that works on the card needs: issuance and the card's later life. */
  const cardWorkDeps = {
    db: requireDb,
    cipher: () => {
      if (!cipher) throw new AccessError('not-logged-in');
      return cipher;
    },
    cards,
    authority: authorityOf,
    authorityOffline: () => authorityOffline,
    operatorId,
    now,
    pinHub,
    photos: facePhotos,
  };

  const issuance = createIssuanceWorkflow({
    ...cardWorkDeps,
    emitUpdated: (dto) => emit('issuance:updated', dto),
    emitPrompt: (prompt) => emit('resident:prompt-changed', prompt),
    documents: async (): Promise<DocumentDeps> => {
      const receipt = await import('./documents/receipt');
      const slip = await import('./documents/deferral-slip');
      return {
        writeReceiptPdf: (path, data) => receipt.writeReceiptPdf(path, data),
        writeDeferralSlipPdf: (path, data) => slip.writeDeferralSlipPdf(path, data),
      };
    },
    receiptsDir: paths.receipts,
    practice: config.mode === 'practice',
    municipality: municipality(),
  });

  // ---- the card's later life (issue 5) ----
  /** Each procedure kind's workflow; the registry routes the life:* channels to them. */
  const lifeWorkflows: LifeWorkflow[] = [];
  lifeWorkflows.push(
    ...createRecordsWorkflows({
      db: requireDb,
      now,
      operatorId,
      authority: authorityOf,
      cards,
      emitUpdated: (dto) => emit('life:updated', dto),
      receiptsDir: paths.receipts,
      practice: config.mode === 'practice',
      municipality: municipality(),
    }),
  );
  // 解除, 初期化・再設定, 更新: the card's own procedures, sharing issuance's steps and PIN entry.
  const cardProcedureDeps: CardProcedureDeps = {
    ...cardWorkDeps,
    emitUpdated: (dto) => emit('life:updated', dto),
  };
  const cardProcedures = [
    createReleaseWorkflow(cardProcedureDeps),
    createPinResetWorkflow(cardProcedureDeps),
    createRenewalWorkflow(cardProcedureDeps),
  ];
  lifeWorkflows.push(...cardProcedures);
  const life = createLifeRegistry(requireDb, lifeWorkflows);
  const lifeQueries = createLifeQueries({ db: requireDb, now, operatorId });
  const dailyReports = createDailyReports({
    db: requireDb,
    now,
    outDir: paths.receipts,
    municipality: municipality(),
    practice: config.mode === 'practice',
  });

  /** A refusal of the workflow is an answer for the clerk, not an exception of the app. */
  async function refusals<T>(
    work: () => Promise<T>,
    otherwise?: 'receipt-failed' | 'report-failed',
  ): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (e) {
      if (e instanceof IssuanceRefusal)
        return err(e.detail ? { code: e.code, detail: e.detail } : { code: e.code });
      // A journal or audit row that would have held a 12-digit number or a PIN-like field.
      if (e instanceof UnsafeDetailsError) return err({ code: 'validation', detail: e.field });
      if (otherwise && e instanceof Error && /Document/.test(e.name))
        return err({ code: otherwise });
      throw e;
    }
  }

  const router = createIpcRouter({
    trustedOrigins: config.trustedOrigins,
    toAppError,
    authorize: async (channel) => {
      const access = CHANNEL_ACCESS[channel];
      if (access === 'public') return;
      if (startupError) throw new StartupFailure(startupError);
      await requireSessions().authorize(access);
    },
    handlers: {
      'app:get-info': async () => ok(appInfo()),
      'reader:list-readers': async () => ok(cards.readers()),
      'card:read-health': async ({ reader }) => {
        const chip = await cards.readHealth(reader);
        // The chip and the database together: a card 廃止 in the database is never usable again.
        const known = await findCardBySerial(requireDb(), chip.serial);
        const replaced = known ? await findReplacementOfCard(requireDb(), known.id) : undefined;
        const health = withDatabaseState(
          chip,
          known && {
            state: known.state,
            destroyed: known.destroyedAt !== null,
            replaced: replaced !== undefined,
            certificates: await listCertificatesOfCard(requireDb(), known.id),
          },
        );
        await audit('card.health-read', { serial: health.serial });
        return ok(health);
      },
      'sim:get-state': async () =>
        simReader ? ok(await simState(simReader)) : err({ code: 'not-practice-mode' }),
      'sim:insert-card': async ({ preset }) => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        const { listPresets, loadPreset } = await presets();
        if (!listPresets().some((p) => p.id === preset)) {
          return err({ code: 'validation', detail: 'preset' });
        }
        // The practice authority's issuer key: its issuer sessions open on every preset card.
        const { issuerPublicKey } = await authorityOf();
        const card = await loadPreset(preset, { timing: config.simTiming, issuerPublicKey });
        simReader.swap(card);
        insertedPreset = preset;
        removedCard = null;
        await audit('practice.card-inserted', { preset });
        return ok(await simState(simReader));
      },
      'sim:remove-card': async () => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        const card = simReader.current();
        if (card) removedCard = { card, label: insertedPreset ?? '' };
        simReader.remove();
        insertedPreset = null;
        return ok(await simState(simReader));
      },
      'sim:reinsert-card': async () => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        if (!removedCard) return err({ code: 'no-card' });
        simReader.swap(removedCard.card);
        insertedPreset = removedCard.label || null;
        removedCard = null;
        await audit('practice.card-reinserted', {});
        return ok(await simState(simReader));
      },
      'auth:get-session': async () => ok(await requireSessions().status()),
      'auth:setup-admin': async (r) => ok(await requireSessions().setupAdmin(r)),
      'auth:login': async ({ loginId, password }) =>
        ok(await requireSessions().login(loginId, password)),
      'auth:logout': async () => ok(await requireSessions().logout()),
      'auth:unlock': async ({ password }) => ok(await requireSessions().unlock(password)),
      'auth:report-activity': async () => ok(await requireSessions().activity()),
      'auth:change-password': async ({ currentPassword, newPassword }) =>
        ok(await requireSessions().changePassword(currentPassword, newPassword)),
      'approval:approve': async (r) => {
        const d = requireDb();
        const requester = operatorId();
        // The approver authenticates on the spot; wrong passwords count towards their lockout.
        const auth = await authenticateOperator(d, r.approverLoginId, r.approverPassword, now);
        if (!auth.ok) {
          if (auth.reason === 'locked') throw new AccessError('login-locked', auth.lockedUntil);
          if (auth.reason === 'disabled') throw new AccessError('login-disabled');
          throw new AccessError('login-invalid');
        }
        const approvalId = await d.transaction(async (tx) => {
          const id = await recordApproval(
            tx,
            {
              procedureId: r.procedureId ?? null,
              action: r.action,
              requesterId: requester,
              approverId: auth.operator.id,
              reason: r.reason,
            },
            now,
          );
          await appendAudit(
            tx,
            {
              operatorId: requester,
              action: 'approval.recorded',
              details: { approval: id, approver: auth.operator.id, kind: r.action },
            },
            now,
          );
          return id;
        });
        return ok({ approvalId, approverDisplayName: auth.operator.displayName });
      },
      'admin:list-operators': async () => ok((await listOperators(requireDb())).map(toOperatorDto)),
      'admin:create-operator': async (r) => {
        if (r.password.length < MIN_PASSWORD_LENGTH) throw new AccessError('password-too-short');
        // The administrator chose this first password: the new operator replaces it at first login.
        const id = await createOperator(
          requireDb(),
          { ...r, createdBy: operatorId(), mustChangePassword: true },
          now,
        );
        return ok(await operatorDto(id));
      },
      'admin:set-operator-disabled': async ({ operatorId: target, disabled }) => {
        const admin = operatorId();
        // An administrator cannot lock themselves out of the machine.
        if (target === admin && disabled) throw new AccessError('forbidden-role');
        await requireDb().transaction(async (tx) => {
          await setOperatorDisabled(tx, target, disabled);
          await appendAudit(
            tx,
            {
              operatorId: admin,
              action: disabled ? 'operator.disabled' : 'operator.enabled',
              details: { operator: target },
            },
            now,
          );
        });
        return ok(await operatorDto(target));
      },
      'admin:reset-operator-password': async ({ operatorId: target, password }) => {
        if (password.length < MIN_PASSWORD_LENGTH) throw new AccessError('password-too-short');
        const admin = operatorId();
        const hash = await hashPassword(password);
        await requireDb().transaction(async (tx) => {
          await resetOperatorPassword(tx, target, hash, { mustChange: true }, now);
          await appendAudit(
            tx,
            { operatorId: admin, action: 'operator.password-reset', details: { operator: target } },
            now,
          );
        });
        return ok(await operatorDto(target));
      },
      'admin:backup-database': async () => {
        mkdirSync(paths.backups, { recursive: true });
        const dest = join(paths.backups, `issuance-${stamp(now())}.sqlite3`);
        const result = await backupDatabase(requireDb(), dest);
        await audit('database.backup', { bytes: result.bytes });
        return ok({ path: result.path, bytes: result.bytes });
      },
      'audit:search': async ({ filter, page }) => ok(await auditRows(filter, page, 50)),
      'audit:verify': async () => {
        const result = await verifyAuditChain(requireDb());
        await audit('audit.verified', { ok: result.ok });
        return ok({
          ok: result.ok,
          rows: result.rows,
          firstBrokenSeq: result.ok ? null : result.firstBrokenSeq,
        });
      },
      'audit:export-csv': async ({ filter }) => {
        const header = ['seq', 'at', 'operator', 'action', 'resident_id', 'card_id', 'details'];
        const lines = [header.map(csvCell).join(',')];
        let rows = 0;
        for (let page = 1; ; page += 1) {
          const result = await auditRows(filter, page, 500);
          for (const r of result.items) {
            lines.push(
              [r.seq, r.at, r.operatorLoginId, r.action, r.residentId, r.cardId, r.details]
                .map(csvCell)
                .join(','),
            );
          }
          rows += result.items.length;
          if (result.items.length < result.pageSize) break;
        }
        mkdirSync(paths.exports, { recursive: true });
        const path = join(paths.exports, `audit-${stamp(now())}.csv`);
        // A BOM so that Excel on a Japanese Windows reads the UTF-8 correctly.
        const text = `\uFEFF${lines.join('\r\n')}\r\n`;
        writeFileSync(path, text, { mode: 0o600 });
        await audit('audit.exported', { rows });
        return ok({ path, bytes: Buffer.byteLength(text), rows });
      },
      'sim:insert-application-card': async ({ noticeNumber }) => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        return refusals(async () => {
          const facts = await issuance.applicationCardFacts(noticeNumber);
          const [{ loadApplicationCard }, { issuerPublicKey }, photo] = await Promise.all([
            import('./card/sim/application-card'),
            authorityOf(),
            practicePhotoJp2(noticeNumber),
          ]);
          const card = await loadApplicationCard(
            { ...facts, municipalityCode: municipality().code || '99999' },
            { timing: config.simTiming, issuerPublicKey, ...(photo ? { photo } : {}) },
          );
          simReader.swap(card);
          insertedPreset = noticeNumber;
          removedCard = null;
          await audit('practice.card-inserted', { notice: noticeNumber });
          return simState(simReader);
        });
      },
      'sim:set-authority-offline': async ({ offline }) => {
        if (!simReader || config.mode !== 'practice') return err({ code: 'not-practice-mode' });
        authorityOffline = offline;
        await audit('practice.authority-offline', { offline });
        return ok(await simState(simReader));
      },
      'issuance:find-by-notice': ({ noticeNumber, birthDate }) =>
        refusals(() => issuance.findByNotice(noticeNumber, birthDate)),
      'issuance:search': ({ name, birthDate }) => refusals(() => issuance.search(name, birthDate)),
      'issuance:list-open': () => refusals(() => issuance.listOpen()),
      'issuance:start': ({ applicationId }) => refusals(() => issuance.start(applicationId)),
      'issuance:get': ({ procedureId }) => refusals(() => issuance.get(procedureId)),
      'issuance:record-documents': ({ procedureId, ...r }) =>
        refusals(() => issuance.recordDocuments(procedureId, r)),
      'issuance:check-card': ({ procedureId, reader }) =>
        refusals(() => issuance.checkCard(procedureId, reader)),
      'issuance:read-photos': ({ procedureId, reader }) =>
        refusals(() => issuance.readPhotos(procedureId, reader)),
      'issuance:record-face': ({ procedureId, decision }) =>
        refusals(() => issuance.recordFace(procedureId, decision)),
      'issuance:override-face': ({ procedureId, approvalId }) =>
        refusals(() => issuance.overrideFace(procedureId, approvalId)),
      'issuance:open-pin-entry': ({ procedureId, reader }) =>
        refusals(() => issuance.openPinEntry(procedureId, reader)),
      'issuance:complete': ({ procedureId, ...r }) =>
        refusals(() => issuance.complete(procedureId, r)),
      'issuance:print-receipt': ({ procedureId }) =>
        refusals(() => issuance.printReceipt(procedureId), 'receipt-failed'),
      'issuance:print-deferral-slip': ({ procedureId }) =>
        refusals(() => issuance.printDeferralSlip(procedureId), 'receipt-failed'),
      'issuance:cancel': ({ procedureId, reason }) =>
        refusals(() => issuance.cancel(procedureId, reason)),
      'resident:get-prompt': async () => ok(pinHub.prompt()),
      'resident:check-pin': ({ kind, value, confirmation }) =>
        refusals(() => pinHub.checkPin(kind, value, confirmation)),
      'resident:submit-pins': (r) => refusals(() => pinHub.submit(r)),
      'life:find-by-serial': ({ serial }) => refusals(() => lifeQueries.findBySerial(serial)),
      'life:search': ({ name, birthDate }) => refusals(() => lifeQueries.search(name, birthDate)),
      'life:history': ({ residentId }) => refusals(() => lifeQueries.history(residentId)),
      'life:list-open': () => refusals(() => life.listOpen()),
      'suspension:register': (r) => refusals(() => life.register(r)),
      'life:start': ({ kind, cardId }) => refusals(() => life.start(kind, cardId)),
      'life:get': ({ procedureId }) => refusals(() => life.get(procedureId)),
      'life:record-documents': ({ procedureId, kinds }) =>
        refusals(async () => (await life.step(procedureId, 'recordDocuments'))(procedureId, kinds)),
      'life:check-card': ({ procedureId, reader }) =>
        refusals(async () => (await life.step(procedureId, 'checkCard'))(procedureId, reader)),
      'life:read-photos': ({ procedureId, reader }) =>
        refusals(async () => (await life.step(procedureId, 'readPhotos'))(procedureId, reader)),
      'life:record-face': ({ procedureId, decision }) =>
        refusals(async () => (await life.step(procedureId, 'recordFace'))(procedureId, decision)),
      'life:override-face': ({ procedureId, approvalId }) =>
        refusals(async () =>
          (await life.step(procedureId, 'overrideFace'))(procedureId, approvalId),
        ),
      'life:choose': ({ procedureId, plan, scope }) =>
        refusals(async () => (await life.step(procedureId, 'choose'))(procedureId, plan, scope)),
      'life:open-pin-entry': ({ procedureId, reader }) =>
        refusals(async () => (await life.step(procedureId, 'openPinEntry'))(procedureId, reader)),
      'revocation:set-reason': ({ procedureId, reason, cardPresent }) =>
        refusals(async () =>
          (await life.step(procedureId, 'setRevocationReason'))(procedureId, reason, cardPresent),
        ),
      'reissue:set-reason': ({ procedureId, reason, express }) =>
        refusals(async () =>
          (await life.step(procedureId, 'setReissueReason'))(procedureId, reason, express),
        ),
      'life:approve': ({ procedureId, approvalId }) =>
        refusals(async () => (await life.step(procedureId, 'approve'))(procedureId, approvalId)),
      'reissue:record-fee': ({ procedureId, status, waiverReason }) =>
        refusals(async () =>
          (await life.step(procedureId, 'recordFee'))(procedureId, status, waiverReason),
        ),
      'revocation:record-destroyed': ({ procedureId, reader }) =>
        refusals(async () =>
          (await life.step(procedureId, 'recordDestroyed'))(procedureId, reader),
        ),
      'life:complete': ({ procedureId }) =>
        refusals(async () => (await life.step(procedureId, 'complete'))(procedureId)),
      'life:print-receipt': ({ procedureId }) =>
        refusals(
          async () => (await life.step(procedureId, 'printReceipt'))(procedureId),
          'receipt-failed',
        ),
      'life:cancel': ({ procedureId, reason }) => refusals(() => life.cancel(procedureId, reason)),
      'sim:receive-card': async ({ noticeNumber }) => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        return refusals(async () => {
          const { receiveReissuedCard } = await import('./practice/receive-card');
          await receiveReissuedCard(requireDb(), noticeNumber, operatorId(), now);
          return simState(simReader);
        });
      },
      'reports:daily': ({ date }) => refusals(() => dailyReports.report(date)),
      'reports:daily-pdf': ({ date }) =>
        refusals(() => dailyReports.writePdf(date), 'report-failed'),
      'reports:daily-csv': ({ date }) =>
        refusals(() => dailyReports.writeCsv(date), 'report-failed'),
      'practice:reset': async () => {
        if (config.mode !== 'practice') return err({ code: 'not-practice-mode' });
        const result = await resetPracticeData({
          dbPath: paths.database,
          keyProtector: keyProtector!,
          openDb: requireDb(),
          trainerOperatorId: operatorId(),
          clock: now,
        });
        db = result.db;
        cipher = await openMyNumberCipher(result.db, keyProtector!);
        authorityOffline = false;
        issuance.forget();
        for (const w of cardProcedures) w.forget();
        pinHub.forget();
        // Operator ids belong to the old file: everybody logs in again on the fresh seed.
        sessions?.dispose();
        sessions = newSessions(result.db);
        const status = await sessions.status();
        emit('auth:changed', status);
        return ok(status);
      },
    },
  });

  function newSessions(database: Db): OperatorSessions {
    return createOperatorSessions({
      db: database,
      idleLockMinutes: config.idleLockMinutes,
      now,
      onChange: (st) => emit('auth:changed', st),
    });
  }

  async function openData(): Promise<void> {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    try {
      keyProtector ??= new FileKeyProtector(paths.keyFile);
      // The header, version and mode are checked before anything is written; the full page check
      // runs after start (bench:db: integrity_check on 1M residents takes 39 s, quick_check 4 s).
      db = await openIssuanceDatabase(paths.database, {
        mode: config.mode,
        create: true,
        integrityCheck: 'skip',
      });
      // Opening the cipher checks the data key against this file before anything else runs.
      cipher = await openMyNumberCipher(db, keyProtector);
      // A new practice database starts with the fictional town and its practice operators.
      if (config.mode === 'practice' && (await countOperators(db)) === 0) {
        await seedPracticeDatabase(db, cipher, now);
      }
    } catch (e) {
      startupError = toAppError(e);
      console.error(`[Core] database could not be opened: ${startupError.code}`);
      await db?.close().catch(() => undefined);
      db = null;
      return;
    }
    sessions = newSessions(db);
    integrityChecked = checkIntegrityInBackground(db);
  }

  /** A damaged page found after start stops every call with the db-corrupt message. */
  async function checkIntegrityInBackground(database: Db): Promise<void> {
    try {
      if ((await quickCheck(database)).length === 0) return;
      startupError = { code: 'db-corrupt' };
    } catch (e) {
      if (closed) return;
      startupError = toAppError(e);
    }
    console.error(`[Core] database check after start failed: ${startupError.code}`);
  }

  return {
    config,
    router,
    cards,
    simReader,
    db: () => db,
    startupError: () => startupError,
    integrityChecked: () => integrityChecked,
    authority: authorityOf,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await openData();
      await watcher.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribeReaders();
      listeners.clear();
      sessions?.dispose();
      await watcher.stop();
      await integrityChecked;
      await db?.close();
      db = null;
    },
  };
}
