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
import { SimReader } from './card/sim/sim-reader';
import type { ReaderWatcher } from './card/transport';
import type { CoreConfig } from './config/config';
import { backupDatabase } from './db/backup';
import type { Db } from './db/connection';
import { openIssuanceDatabase } from './db/index';
import { FileKeyProtector, type KeyProtector } from './db/key-protector';
import { openMyNumberCipher } from './db/my-number-crypto';
import { recordApproval } from './db/repositories/approvals';
import { searchAudit, type AuditFilter } from './db/repositories/audit';
import { resetPracticeData } from './practice/reset';
import { seedPracticeDatabase } from './practice/seed';
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
  let closed = false;
  let db: Db | null = null;
  let keyProtector: KeyProtector | null = config.keyProtector ?? null;
  let sessions: OperatorSessions | null = null;
  let startupError: AppError | null = null;
  let authority: Promise<LocalAuthority> | null = null;
  let integrityChecked: Promise<void> = Promise.resolve();

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
      applicationCards: [],
      authorityOffline: false,
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
        const health = await cards.readHealth(reader);
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
        const card = await loadPreset(preset, { timing: config.simTiming });
        simReader.swap(card);
        insertedPreset = preset;
        await audit('practice.card-inserted', { preset });
        return ok(await simState(simReader));
      },
      'sim:remove-card': async () => {
        if (!simReader) return err({ code: 'not-practice-mode' });
        simReader.remove();
        insertedPreset = null;
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
      // Issue 4 wires these to main/workflows/issuance.
      'sim:insert-application-card': async () => err({ code: 'step-not-allowed' }),
      'sim:set-authority-offline': async () => err({ code: 'step-not-allowed' }),
      'issuance:find-by-notice': async () => err({ code: 'step-not-allowed' }),
      'issuance:search': async () => err({ code: 'step-not-allowed' }),
      'issuance:list-open': async () => err({ code: 'step-not-allowed' }),
      'issuance:start': async () => err({ code: 'step-not-allowed' }),
      'issuance:get': async () => err({ code: 'step-not-allowed' }),
      'issuance:record-documents': async () => err({ code: 'step-not-allowed' }),
      'issuance:check-card': async () => err({ code: 'step-not-allowed' }),
      'issuance:read-photos': async () => err({ code: 'step-not-allowed' }),
      'issuance:record-face': async () => err({ code: 'step-not-allowed' }),
      'issuance:override-face': async () => err({ code: 'step-not-allowed' }),
      'issuance:open-pin-entry': async () => err({ code: 'step-not-allowed' }),
      'issuance:complete': async () => err({ code: 'step-not-allowed' }),
      'issuance:print-receipt': async () => err({ code: 'step-not-allowed' }),
      'issuance:print-deferral-slip': async () => err({ code: 'step-not-allowed' }),
      'issuance:cancel': async () => err({ code: 'step-not-allowed' }),
      'resident:get-prompt': async () => err({ code: 'step-not-allowed' }),
      'resident:check-pin': async () => err({ code: 'step-not-allowed' }),
      'resident:submit-pins': async () => err({ code: 'step-not-allowed' }),
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
      const cipher = await openMyNumberCipher(db, keyProtector);
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
      const rows = await database.all<Record<string, string>>('PRAGMA quick_check');
      const problems = rows.map((r) => String(Object.values(r)[0]));
      if (problems.length === 1 && problems[0] === 'ok') return;
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
    authority() {
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
    },
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
