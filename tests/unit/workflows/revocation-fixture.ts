// Test support for the records workflows (一時停止, 廃止, 再交付) and the 日報: a migrated database with
// a clerk, a second clerk and a supervisor, issued cards with certificate rows, an authority that
// records what it is asked, and no card reader (these steps run without the card).
import { RULE_SETS } from '../../../preload/contract/rules/rule-sets';
import {
  UnknownCertificateError,
  type IssuerAuthority,
} from '../../../main/authority/issuer-authority';
import type { Tx } from '../../../main/db/connection';
import {
  createApplication,
  setApplicationStatus,
} from '../../../main/db/repositories/applications';
import { recordApproval } from '../../../main/operators/approvals';
import { receiveCard, transitionCard } from '../../../main/db/repositories/cards';
import { addCertificate } from '../../../main/db/repositories/certificates';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import type { FeeReceiptData } from '../../../main/documents/fee-receipt';
import { PROCEDURE_SPECS } from '../../../main/workflows/kinds';
import {
  createProcedureEngine,
  type ProcedureEngine,
} from '../../../main/workflows/procedure/engine';
import type { ProcedureDeps } from '../../../main/workflows/procedure/spec';
import { createPinHub } from '../../../main/workflows/steps/pin-hub';
import { addOperator, addResident, openTestDb, type TestDb } from '../db/support/temp-db';

/** When the fixture's cards were received and issued: long before the tests' day. */
const past = () => new Date('2025-01-10T00:00:00Z');

export interface AuthorityCalls {
  readonly holds: string[];
  readonly revokes: { serial: string; reason: string }[];
  /** Serials the authority issued; others are unknown to it (seeded before it existed). */
  readonly known: Set<string>;
  /** Makes the next call fail as if the authority were unreachable. */
  failNext: boolean;
}

export interface RecordsFixture {
  readonly t: TestDb;
  readonly clerk: number;
  readonly clerk2: number;
  readonly supervisor: number;
  readonly authority: AuthorityCalls;
  readonly events: ProcedureDto[];
  operator: number;
  now: Date;
  /** The fee receipts the procedures printed (the PDF writer itself is tested in documents). */
  readonly receipts: { path: string; data: FeeReceiptData }[];
  deps(): ProcedureDeps;
  /** The procedure engine on these dependencies, as the core builds it. */
  engine(): ProcedureEngine;
  /** An issued card of a new resident, with an auth and a signing certificate row. */
  issuedCard(i: number): Promise<{ cardId: number; residentId: number; serials: string[] }>;
  approval(
    procedureId: string,
    action: string,
    requester?: number,
    approver?: number,
  ): Promise<number>;
  dispose(): Promise<void>;
}

export async function recordsFixture(
  now = new Date('2026-11-25T01:00:00Z'),
): Promise<RecordsFixture> {
  const t = await openTestDb();
  const clerk = await addOperator(t, 'clerk', 'clerk');
  const clerk2 = await addOperator(t, 'clerk2', 'clerk');
  const supervisor = await addOperator(t, 'boss', 'supervisor');
  const authority: AuthorityCalls = { holds: [], revokes: [], known: new Set(), failNext: false };
  const events: ProcedureDto[] = [];
  const receipts: { path: string; data: FeeReceiptData }[] = [];
  const none = (what: string) => () => {
    throw new Error(`no ${what} in this test`);
  };
  const check = (serial: string) => {
    if (authority.failNext) {
      authority.failNext = false;
      throw new Error('authority unreachable');
    }
    if (!authority.known.has(serial)) throw new UnknownCertificateError(serial);
  };
  const fakeAuthority = {
    async hold(serial: string) {
      check(serial);
      authority.holds.push(serial);
    },
    async revoke(serial: string, reason: string) {
      check(serial);
      authority.revokes.push({ serial, reason });
    },
  } as unknown as IssuerAuthority;

  const f: RecordsFixture = {
    t,
    clerk,
    clerk2,
    supervisor,
    authority,
    events,
    receipts,
    operator: clerk,
    now,
    deps: () => ({
      db: () => t.db,
      cipher: none('個人番号 cipher'),
      now: () => f.now,
      operatorId: () => f.operator,
      authority: async () => fakeAuthority,
      authorityOffline: () => false,
      certificateService: () => ({ open: true }),
      ruleSets: RULE_SETS,
      cards: {
        withCard: async () => {
          throw new Error('no card reader in this test');
        },
      },
      pinHub: createPinHub(() => undefined),
      photos: none('photos'),
      documents: async () => ({
        writeReceiptPdf: none('receipt'),
        writeDeferralSlipPdf: none('deferral slip'),
        writeInquiryPdf: none('inquiry'),
        writeFeeReceiptPdf: async (path, data) => {
          receipts.push({ path, data });
          return { bytes: 1234 };
        },
        writeCardNotePdf: none('card note'),
      }),
      emitUpdated: (dto) => events.push(dto),
      idleMinutes: 10,
      receiptsDir: t.dir,
      practice: true,
      municipality: { name: '見本県窓口市', code: '99999' },
    }),
    engine: () => createProcedureEngine(f.deps(), PROCEDURE_SPECS),
    async issuedCard(i) {
      const residentId = await addResident(t, i);
      const serial = String(990000000000100 + i);
      const serials = [`a${i}01`, `b${i}02`];
      const cardId = await t.db.transaction(async (tx: Tx) => {
        const app = await createApplication(
          tx,
          {
            noticeNumber: `MD-2025-${String(i).padStart(4, '0')}`,
            residentId,
          },
          past,
        );
        await setApplicationStatus(tx, app, 'ready', past);
        const id = await receiveCard(
          tx,
          { serial, applicationId: app, expiry: '2034-01-01' },
          past,
        );
        await transitionCard(tx, id, 'prepared', past);
        await transitionCard(tx, id, 'issued', past);
        await setApplicationStatus(tx, app, 'issued', past);
        for (const [k, s] of [
          ['auth', serials[0]!],
          ['signing', serials[1]!],
        ] as const)
          await addCertificate(
            tx,
            {
              cardId: id,
              kind: k,
              serial: s,
              notBefore: '2025-01-01T00:00:00Z',
              notAfter: '2030-01-01T00:00:00Z',
            },
            past,
          );
        return id;
      });
      return { cardId, residentId, serials };
    },
    approval(procedureId, action, requester = clerk, approver = supervisor) {
      return t.db.transaction((tx) =>
        recordApproval(
          tx,
          {
            procedureId,
            action,
            requesterId: requester,
            approverId: approver,
            reason: '確認済み',
          },
          () => f.now,
        ),
      );
    },
    dispose: () => t.dispose(),
  };
  return f;
}

/** The journal's steps of a procedure, in order. */
export async function journalSteps(t: TestDb, procedureId: string): Promise<string[]> {
  const rows = await t.db.all<{ step: string }>(
    'SELECT step FROM procedure_journal WHERE procedure_id = ? ORDER BY id',
    [procedureId],
  );
  return rows.map((r) => r.step);
}

export async function auditCount(t: TestDb, prefix: string): Promise<number> {
  return (
    (
      await t.db.get<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE action LIKE ?', [
        `${prefix}%`,
      ])
    )?.n ?? 0
  );
}

/** The refusal code of a call that must be refused. */
export async function refusalOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'accepted';
}
