// The counter's printed documents built from the records alone (journal rows, cards, reissues):
// the one way each is made, at its procedure step and again as a 再発行 from the resident's history.
import { join } from 'node:path';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type {
  ReprintableDocument,
  ReprintableDocumentDto,
} from '../../../preload/contract/lifecycle';
import { reissueFee } from '../../../preload/contract/rules/fees';
import {
  RULE_SETS,
  RULE_SET_2024_12,
  type RuleSet,
} from '../../../preload/contract/rules/rule-sets';
import { appendAudit } from '../../audit/audit-log';
import type { Queryable } from '../../db/connection';
import { getApplication } from '../../db/repositories/applications';
import { findReissueOfProcedure, listFeesOfReissue } from '../../db/repositories/card-events';
import { getCard } from '../../db/repositories/cards';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import {
  getProcedure,
  listSteps,
  type JournalEntry,
  type Procedure,
} from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import { getResident } from '../../db/repositories/residents';
import { fileStamp } from '../../documents/file-stamp';
import type { ProcedureDeps } from '../procedure/spec';
import { FACE_AUTH_CHOSEN } from './card-kind-record';
import type { DeliveryRequestRow } from './delivery';
import { refuse, WorkflowRefusal } from '../refusal';

/** The kinds that hand a card over: 交付, in person or to a representative. */
const ISSUING: ReadonlySet<string> = new Set(['issuance', 'representative']);

/** The moment of a reprint; null for the first print at the procedure's step. */
type Reprint = Date | null;

/** The file's name: the first print's, or a new one per reprint (the first copy stays). */
function pathOf(deps: ProcedureDeps, base: string, reprint: Reprint): string {
  const name = reprint ? `${base}-reprint-${fileStamp(reprint)}.pdf` : `${base}.pdf`;
  return join(deps.receiptsDir, name);
}

function lastRow(rows: readonly JournalEntry[], step: string): JournalEntry | undefined {
  return rows.filter((r) => r.step === step && r.status === 'completed').at(-1);
}

async function noticeOfCard(db: Queryable, cardId: number): Promise<string> {
  return (await getApplication(db, (await getCard(db, cardId)).applicationId)).noticeNumber;
}

/** 受領書: what the handover recorded, by the clerk who did it. */
export async function writeHandoverReceipt(
  deps: ProcedureDeps,
  procedureId: string,
  reprint: Reprint,
): Promise<FileWrittenDto> {
  const db = deps.db();
  const procedure = await getProcedure(db, procedureId);
  const rows = await listSteps(db, procedureId);
  const handover = lastRow(rows, 'handover');
  if (!ISSUING.has(procedure.kind) || !handover || procedure.cardId === null)
    refuse('step-not-allowed', 'receipt');
  // 代理人交付: the representative signs, so the receipt names them as the first visit recorded.
  const request = procedure.kind === 'representative' ? lastRow(rows, 'request') : undefined;
  const asked = request?.data as DeliveryRequestRow | undefined;
  const card = await getCard(db, procedure.cardId);
  const resident = await getResident(db, card.residentId);
  // The certificates the card held when it was handed over, whatever happened to them since (a
  // later renewal's are valid from a later day); a card's clock ahead of the PC's keeps them all.
  const all = await listCertificatesOfCard(db, card.id);
  const before = all.filter((c) => c.notBefore <= handover.at);
  const held = before.some((c) => c.kind === 'auth') ? before : all;
  const signing = held.filter((c) => c.kind === 'signing').at(-1);
  const auth = held.filter((c) => c.kind === 'auth').at(-1);
  if (!auth) refuse('step-not-allowed', 'certificates');
  const notice = await noticeOfCard(db, card.id);
  const data = handover.data as Record<string, unknown>;
  const path = pathOf(deps, `receipt-${notice}-${procedureId}`, reprint);
  const docs = await deps.documents();
  const { bytes } = await docs.writeReceiptPdf(path, {
    municipalityName: deps.municipality.name,
    municipalityCode: deps.municipality.code,
    noticeNumber: notice,
    residentName: resident.kanjiName,
    residentKana: resident.kanaName,
    birthDate: resident.birthDate,
    cardSerial: card.serial,
    cardExpiry: card.expiry,
    certificates: {
      signing: signing ? { notAfter: signing.notAfter } : null,
      auth: { notAfter: auth.notAfter },
    },
    collectedJukiCard: data.collectedJukiCard === true,
    collectedNotificationCard: data.collectedNotificationCard === true,
    operatorName: (await getOperator(db, handover.operatorId)).displayName,
    issuedAt: handover.at,
    practice: deps.practice,
    procedureId,
    reprintedAt: reprint?.toISOString() ?? null,
    faceAuth: rows.some((r) => r.step === FACE_AUTH_CHOSEN && r.status === 'completed'),
    representative: asked
      ? {
          name: asked.representative.name,
          relation: asked.representative.relation,
          inquiryNumber: asked.inquiryNumber,
        }
      : null,
  });
  return { path, bytes };
}

/** 後日交付のご案内: the deferral as recorded (its time, its reason, its clerk). */
export async function writeDeferralSlip(
  deps: ProcedureDeps,
  procedureId: string,
  reprint: Reprint,
): Promise<FileWrittenDto> {
  const db = deps.db();
  const procedure = await getProcedure(db, procedureId);
  const parked = (await listSteps(db, procedureId)).filter((r) => r.step === 'parked').at(-1);
  if (!ISSUING.has(procedure.kind) || !parked || procedure.cardId === null)
    refuse('step-not-allowed', 'deferral-slip');
  const resident = await getResident(db, (await getCard(db, procedure.cardId)).residentId);
  const notice = await noticeOfCard(db, procedure.cardId);
  const code = (parked.data as Record<string, unknown>).code;
  const path = pathOf(deps, `deferral-${notice}-${procedureId}`, reprint);
  const docs = await deps.documents();
  const { bytes } = await docs.writeDeferralSlipPdf(path, {
    municipalityName: deps.municipality.name,
    noticeNumber: notice,
    residentName: resident.kanjiName,
    reasonCode: typeof code === 'string' ? code : 'authority-unavailable',
    operatorName: (await getOperator(db, parked.operatorId)).displayName,
    at: parked.at,
    practice: deps.practice,
    procedureId,
    reprintedAt: reprint?.toISOString() ?? null,
  });
  return { path, bytes };
}

/** 領収書 or 手数料免除記録 of a reissue: the fee as recorded, by the clerk who recorded it. */
/** The rule set a reissue's fee was computed by; one recorded before the table: the first. */
function ruleSetOf(table: readonly RuleSet[], id: string | null): RuleSet {
  return [...table, ...RULE_SETS].find((s) => s.id === id) ?? RULE_SET_2024_12;
}

export async function writeFeeReceipt(
  deps: ProcedureDeps,
  procedureId: string,
  reprint: Reprint,
): Promise<FileWrittenDto> {
  const db = deps.db();
  const procedure = await getProcedure(db, procedureId);
  const reissue = await findReissueOfProcedure(db, procedureId);
  const fee = reissue && (await listFeesOfReissue(db, reissue.id)).at(-1);
  if (procedure.kind !== 'reissue' || procedure.status !== 'completed' || !reissue || !fee)
    refuse('step-not-allowed', 'fee-receipt');
  const card = await getCard(db, reissue.oldCardId);
  const resident = await getResident(db, card.residentId);
  const application = await getApplication(db, reissue.applicationId);
  const path = pathOf(deps, `reissue-fee-${procedureId}`, reprint);
  const docs = await deps.documents();
  const { bytes } = await docs.writeFeeReceiptPdf(path, {
    municipalityName: deps.municipality.name,
    municipalityCode: deps.municipality.code,
    noticeNumber: application.noticeNumber,
    residentName: resident.kanjiName,
    residentKana: resident.kanaName,
    oldCardSerial: card.serial,
    reason: reissue.reason,
    express: reissue.express,
    withCertificates: reissue.withCertificates,
    fee: reissueFee(reissue, ruleSetOf(deps.ruleSets, reissue.ruleSet)),
    status: fee.status,
    waiverReason: fee.status === 'waived' ? fee.waiverReason : null,
    operatorName: (await getOperator(db, fee.operatorId)).displayName,
    recordedAt: procedure.endedAt ?? fee.recordedAt,
    practice: deps.practice,
    procedureId,
    reprintedAt: reprint?.toISOString() ?? null,
  });
  return { path, bytes };
}

/** 照会書兼回答書 of a 代理人交付: the request as the first visit recorded it, by its clerk. */
export async function writeInquiry(
  deps: ProcedureDeps,
  procedureId: string,
  reprint: Reprint,
): Promise<FileWrittenDto> {
  const db = deps.db();
  const procedure = await getProcedure(db, procedureId);
  const request = lastRow(await listSteps(db, procedureId), 'request');
  if (procedure.kind !== 'representative' || !request || procedure.cardId === null)
    refuse('step-not-allowed', 'inquiry');
  const resident = await getResident(db, (await getCard(db, procedure.cardId)).residentId);
  const notice = await noticeOfCard(db, procedure.cardId);
  const d = request.data as unknown as DeliveryRequestRow;
  const path = pathOf(deps, `inquiry-${d.inquiryNumber}`, reprint);
  const docs = await deps.documents();
  const { bytes } = await docs.writeInquiryPdf(path, {
    municipalityName: deps.municipality.name,
    noticeNumber: notice,
    residentName: resident.kanjiName,
    residentAddress: resident.address,
    representativeName: d.representative.name,
    relation: d.representative.relation,
    reason: d.reason,
    inquiryNumber: d.inquiryNumber,
    sentOn: d.sentOn,
    validUntil: d.validUntil,
    operatorName: (await getOperator(db, request.operatorId)).displayName,
    practice: deps.practice,
    procedureId,
    reprintedAt: reprint?.toISOString() ?? null,
  });
  return { path, bytes };
}

/**
 * 追記欄の記載: what the clerk writes into the card's 追記欄 after a change of its facts (the new
 * address or name, from the record) or a switch of its kind (「顔認証」, or its removal), from the
 * row that recorded it (its time, its operator).
 */
export async function writeCardNote(
  deps: ProcedureDeps,
  procedureId: string,
  reprint: Reprint,
): Promise<FileWrittenDto> {
  const db = deps.db();
  const procedure = await getProcedure(db, procedureId);
  const rows = await listSteps(db, procedureId);
  const row =
    procedure.kind === 'card-change'
      ? lastRow(rows, 'card-written')
      : procedure.kind === 'card-kind' && procedure.status === 'completed'
        ? (lastRow(rows, 'kind-switched') ?? lastRow(rows, 'completed'))
        : undefined;
  if (!row || procedure.cardId === null) refuse('step-not-allowed', 'card-note');
  const card = await getCard(db, procedure.cardId);
  const resident = await getResident(db, card.residentId);
  const changed = (row.data.changed ?? []) as string[];
  const toFaceAuth = row.data.to === 'face-auth';
  const lines =
    procedure.kind === 'card-change'
      ? [
          ...(changed.includes('address') ? [{ label: '住所', text: resident.address }] : []),
          ...(changed.includes('name') ? [{ label: '氏名', text: resident.kanjiName }] : []),
        ]
      : [
          toFaceAuth
            ? { label: '顔認証', text: '顔認証' }
            : { label: '顔認証', text: '顔認証の記載を抹消（通常のカードへ切替）' },
        ];
  const signing =
    procedure.kind === 'card-change'
      ? row.data.reissueSigning === true
        ? '失効（旧記載事項）・再発行'
        : '失効（旧記載事項）'
      : toFaceAuth
        ? '失効（顔認証カードへの切替）'
        : null;
  const path = pathOf(deps, `card-note-${procedureId}`, reprint);
  const docs = await deps.documents();
  const { bytes } = await docs.writeCardNotePdf(path, {
    municipalityName: deps.municipality.name,
    municipalityCode: deps.municipality.code,
    residentName: resident.kanjiName,
    residentKana: resident.kanaName,
    cardSerial: card.serial,
    title:
      procedure.kind === 'card-change'
        ? '券面記載事項の変更'
        : toFaceAuth
          ? '顔認証マイナンバーカードへの切替'
          : '通常のカードへの切替',
    lines,
    recordedAt: row.at,
    signingCertificate: signing,
    operatorName: (await getOperator(db, row.operatorId)).displayName,
    practice: deps.practice,
    procedureId,
    reprintedAt: reprint?.toISOString() ?? null,
  });
  return { path, bytes };
}

const WRITERS: Readonly<
  Record<
    ReprintableDocument,
    (deps: ProcedureDeps, procedureId: string, reprint: Reprint) => Promise<FileWrittenDto>
  >
> = {
  receipt: writeHandoverReceipt,
  'deferral-slip': writeDeferralSlip,
  'fee-receipt': writeFeeReceipt,
  inquiry: writeInquiry,
};

/** The documents the records of a procedure can print again (what the history offers). */
export async function reprintableOf(
  db: Queryable,
  procedure: Procedure,
): Promise<ReprintableDocument[]> {
  if (ISSUING.has(procedure.kind)) {
    const rows = await listSteps(db, procedure.id);
    const out: ReprintableDocument[] = [];
    if (lastRow(rows, 'request')) out.push('inquiry');
    if (rows.some((r) => r.step === 'parked')) out.push('deferral-slip');
    if (procedure.status === 'completed' && lastRow(rows, 'handover')) out.push('receipt');
    return out;
  }
  if (procedure.kind === 'reissue' && procedure.status === 'completed') {
    const reissue = await findReissueOfProcedure(db, procedure.id);
    if (reissue && (await listFeesOfReissue(db, reissue.id)).length > 0) return ['fee-receipt'];
  }
  return [];
}

/** Every document the resident's procedures can print again, in the procedures' order. */
export async function reprintableDocuments(
  db: Queryable,
  procedures: readonly Procedure[],
): Promise<ReprintableDocumentDto[]> {
  const out: ReprintableDocumentDto[] = [];
  for (const p of procedures)
    for (const document of await reprintableOf(db, p)) out.push({ procedureId: p.id, document });
  return out;
}

/**
 * 再発行 from the history open for `residentId`: only a document of that resident's procedure.
 * Another resident's is refused as not found (the answer says nothing of it) and audited.
 */
export async function reprintDocument(
  deps: ProcedureDeps,
  request: {
    readonly residentId: number;
    readonly procedureId: string;
    readonly document: ReprintableDocument;
  },
): Promise<FileWrittenDto> {
  const db = deps.db();
  const { residentId, procedureId, document } = request;
  const audit = (action: string, cardId: number | null, details: Record<string, string | number>) =>
    db.transaction((tx) =>
      appendAudit(
        tx,
        {
          operatorId: deps.operatorId(),
          action: `document.${action}`,
          residentId,
          cardId,
          details: { procedure: procedureId, document, ...details },
        },
        deps.now,
      ),
    );
  let procedure: Procedure | null;
  try {
    procedure = await getProcedure(db, procedureId);
  } catch {
    procedure = null;
  }
  if (procedure?.residentId !== residentId) {
    await audit('reprint-refused', null, { reason: procedure ? 'other-resident' : 'not-found' });
    throw new WorkflowRefusal('not-found', 'procedure');
  }
  if (!(await reprintableOf(db, procedure)).includes(document))
    refuse('step-not-allowed', document);
  const written = await WRITERS[document](deps, procedureId, deps.now());
  await audit('reprinted', procedure.cardId, { bytes: written.bytes });
  return written;
}
