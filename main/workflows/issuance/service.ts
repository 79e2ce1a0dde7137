// 交付 (issuance) in main: runs each step's effects on the card, the database and the authority, with
// the step's journal row and audit row in one transaction, and rebuilds the state from the journal.
import {
  createHash,
  createPublicKey,
  publicDecrypt,
  randomBytes,
  constants,
  verify,
} from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FileWrittenDto, PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type {
  ApplicationSummaryDto,
  DocumentKind,
  FacePhotosDto,
  IssuanceDto,
  OpenProcedureDto,
  PinCheckDto,
  RepresentativeRelation,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import { checkPinEntry, normaliseSigningPassword } from '../../../preload/contract/pin-rules';
import { appendAudit } from '../../audit/audit-log';
import type { Details } from '../../audit/details-guard';
import {
  IssuerSessionRefusedError,
  type IssuerAuthority,
  type IssuerSession,
} from '../../authority/issuer-authority';
import { isStatus, type Apdu } from '../../card/apdu';
import { CardChangedError, cardErrorToAppError } from '../../card/card-errors';
import {
  readCertificate,
  selectJpki,
  sha256DigestInfo,
  sign,
  verifyJpki,
  type JpkiCertificate,
} from '../../card/apps/jpki';
import { parseBasicFourFacts, parseMyNumberFile, selectText } from '../../card/apps/text';
import {
  parseIsoDate,
  parsePin,
  parseSigningPassword,
  secretBytes,
  type BasicFourFacts,
  type MyNumber,
  type Pin,
  type SigningPassword,
} from '../../card/domain';
import { readBinary, selectEf, verify as verifySecret } from '../../card/iso7816';
import { SW } from '../../card/status-words';
import { parseTlv, parseTlvList } from '../../card/tlv';
import type { Db, Tx } from '../../db/connection';
import type { MyNumberCipher } from '../../db/my-number-crypto';
import {
  findApplicationByNotice,
  getApplication,
  listApplicationsOfResident,
  listIssuableApplications,
  setApplicationStatus,
  type CardApplication,
} from '../../db/repositories/applications';
import { getApproval } from '../../db/repositories/approvals';
import { addCertificate, listCertificatesOfCard } from '../../db/repositories/certificates';
import {
  findCardOfApplication,
  getCard,
  transitionCard,
  type Card,
} from '../../db/repositories/cards';
import {
  endProcedure,
  findOpenProcedureOfApplication,
  getProcedure,
  listOpenProcedures,
  listSteps,
  recordStep,
  setProcedureCard,
  startProcedure,
  type JournalEntry,
  type Procedure,
  type StepStatus,
} from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import {
  getResident,
  revealMyNumber,
  searchResidents,
  type Resident,
} from '../../db/repositories/residents';
import {
  initialState,
  isOpen,
  IssuanceRefusal,
  requiredKeyKinds,
  transition,
  type IssuanceEvent,
  type IssuanceState,
  type KeyKind,
  type Notice,
} from './state';
import type { DeferralSlipData, ReceiptData } from '../../documents';

/** The chip photo and the application photo (main/card/apps/visual, main/images, main/practice). */
export interface PhotoDeps {
  readFacePhoto(ch: Apdu, myNumber: MyNumber): Promise<Uint8Array>;
  decodeJp2ToPng(jp2: Uint8Array): Promise<Uint8Array>;
  /** PNG of the photo handed in with the application, or null when there is none. */
  applicationPhoto(noticeNumber: string): Promise<Uint8Array | null>;
}

/** The printed documents (main/documents, loaded on first use). */
export interface DocumentDeps {
  writeReceiptPdf(path: string, data: ReceiptData): Promise<{ bytes: number }>;
  writeDeferralSlipPdf(path: string, data: DeferralSlipData): Promise<{ bytes: number }>;
}

/** What the card work needs of the card service: one exclusive session per operation. */
export interface CardAccess {
  withCard<T>(
    reader: string,
    op: (session: Apdu & { readonly serial: string }) => Promise<T>,
  ): Promise<T>;
}

export interface IssuanceDeps {
  db(): Db;
  cipher(): MyNumberCipher;
  cards: CardAccess;
  authority(): Promise<IssuerAuthority>;
  /** Practice fault: the authority refuses to issue (後日交付 practice). */
  authorityOffline(): boolean;
  /** The operator of the current call (the router has checked the role). */
  operatorId(): number;
  now(): Date;
  emitUpdated(dto: IssuanceDto): void;
  emitPrompt(prompt: ResidentPromptDto | null): void;
  photos(): Promise<PhotoDeps>;
  documents(): Promise<DocumentDeps>;
  /** Where receipts and slips are written. */
  receiptsDir: string;
  practice: boolean;
  municipality: { readonly name: string; readonly code: string };
}

/** The authority could not issue: the procedure parks (後日交付). */
class AuthorityFailure extends Error {
  override readonly name = 'AuthorityFailure';
  constructor(readonly code: ErrorCode) {
    super(`authority failure: ${code}`);
  }
}

interface Live {
  state: IssuanceState;
  readonly applicationId: number;
  readonly residentId: number;
  readonly cardId: number;
  readonly noticeNumber: string;
  readonly birthDate: string;
  readonly startedAt: string;
  readonly operatorId: number;
  /** The reader the PIN entry was opened for: the values go to the card in it. */
  reader: string | null;
  busy: boolean;
}

const SEX_CODE: Readonly<Record<Resident['sex'], string>> = {
  male: '1',
  female: '2',
  'not-applicable': '9',
  unknown: '0',
};

const PROCEDURE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Procedure ids go into audit details and journal rows: letters only, so that no run of digits
 * in an id can ever look like a 個人番号 to the details guard.
 */
function newProcedureId(): string {
  const bytes = randomBytes(24);
  return `iss-${Array.from(bytes, (b) => PROCEDURE_ALPHABET[b % 26]).join('')}`;
}

/** Today in Japan (the counter's calendar), as YYYY-MM-DD. */
function japanToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  const norm = (der: Uint8Array) =>
    createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }).export({
      type: 'spki',
      format: 'der',
    });
  try {
    return norm(a).equals(norm(b));
  } catch {
    return false;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** BER-TLV of a 2-byte tag with a definite length, as the text application stores its fields. */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const len =
    value.length < 0x80
      ? [value.length]
      : value.length < 0x100
        ? [0x81, value.length]
        : [0x82, value.length >> 8, value.length & 0xff];
  return Uint8Array.from([tag >> 8, tag & 0xff, ...len, ...value]);
}

/** Text EF 0002 from DF22 on, for facts as the database holds them (CARD.md, Data formats). */
function basicFourFieldBytes(f: BasicFourFacts): Uint8Array {
  const enc = new TextEncoder();
  const parts = [
    tlv(0xdf22, enc.encode(f.name)),
    tlv(0xdf23, enc.encode(f.address)),
    tlv(0xdf24, enc.encode(f.birthDate.replace(/-/g, ''))),
    tlv(0xdf25, enc.encode(SEX_CODE[f.sex])),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function residentFacts(r: Resident): BasicFourFacts {
  return {
    name: r.kanjiName,
    address: r.address,
    birthDate: parseIsoDate(r.birthDate),
    sex: r.sex,
  };
}

function factsEqual(a: BasicFourFacts, b: BasicFourFacts): boolean {
  return (
    a.name.normalize('NFC') === b.name.normalize('NFC') &&
    a.address.normalize('NFC') === b.address.normalize('NFC') &&
    a.birthDate === b.birthDate &&
    a.sex === b.sex
  );
}

type Secrets = Partial<Record<PinKind, Pin | SigningPassword>>;

export type IssuanceWorkflow = ReturnType<typeof createIssuanceWorkflow>;

export function createIssuanceWorkflow(deps: IssuanceDeps) {
  const live = new Map<string, Live>();

  // ---- reading the database ----

  async function summary(app: CardApplication): Promise<ApplicationSummaryDto> {
    const db = deps.db();
    const resident = await getResident(db, app.residentId);
    const card = await findCardOfApplication(db, app.id);
    const open = await findOpenProcedureOfApplication(db, 'issuance', app.id);
    const age = ageOn(resident.birthDate, japanToday(deps.now()));
    return {
      id: app.id,
      noticeNumber: app.noticeNumber,
      kind: app.kind,
      status: app.status,
      resident: {
        id: resident.id,
        kanjiName: resident.kanjiName,
        kanaName: resident.kanaName,
        birthDate: resident.birthDate,
        age,
        sex: resident.sex,
        address: resident.address,
      },
      card: card ? { serial: card.serial, state: card.state, expiry: card.expiry } : null,
      under15: age < 15,
      openProcedureId: open?.id ?? null,
    };
  }

  function toDto(l: Live, application: ApplicationSummaryDto): IssuanceDto {
    const s = l.state;
    return {
      procedureId: s.procedureId,
      step: s.kind,
      application,
      documents: s.documents
        ? {
            kinds: s.documents.kinds,
            guardianship: s.documents.guardianship,
            representative: s.documents.representative,
          }
        : null,
      matchedSerial: s.matchedSerial,
      face: s.face,
      pins: {
        required: s.pins.required,
        entryOpen: s.pins.entryOpen,
        current: s.pins.current,
        attempts: s.pins.attempts,
        accepted: s.pins.accepted,
      },
      certificates: { phase: s.phase, signing: !s.under15 },
      needsCard: s.needsCard,
      notice: s.notice ? { ...s.notice } : null,
      handover: s.handover,
    };
  }

  async function dtoOf(l: Live): Promise<IssuanceDto> {
    return toDto(l, await summary(await getApplication(deps.db(), l.applicationId)));
  }

  async function publish(l: Live): Promise<IssuanceDto> {
    const dto = await dtoOf(l);
    deps.emitUpdated(dto);
    return dto;
  }

  /** Replays the journal: each row is the fact of one step, in order. */
  function replay(id: string, under15: boolean, entries: readonly JournalEntry[]): IssuanceState {
    let s = initialState(id, under15);
    const apply = (e: IssuanceEvent) => {
      s = transition(s, e);
    };
    for (const row of entries) {
      const d = row.data as Record<string, unknown>;
      switch (row.step) {
        case 'documents':
          apply({
            type: 'documents-recorded',
            kinds: d.kinds as DocumentKind[],
            guardianship: d.guardianship === true,
            representative: (d.representative ?? null) as {
              relation: RepresentativeRelation;
              kinds: DocumentKind[];
            } | null,
          });
          break;
        case 'card':
          apply({ type: 'card-matched', serial: String(d.serial) });
          break;
        case 'face':
          apply({ type: 'face-decided', decision: d.decision === 'match' ? 'match' : 'mismatch' });
          break;
        case 'face-override':
          apply({ type: 'face-overridden' });
          break;
        case 'pins':
          if (s.needsCard && s.matchedSerial)
            apply({ type: 'card-matched', serial: s.matchedSerial });
          apply({ type: 'pin-entry-opened' });
          apply({ type: 'pins-submitted' });
          apply({ type: 'pins-set' });
          break;
        case 'keys-generated':
          apply({ type: 'keys-generated', kind: d.kind as KeyKind, spki: String(d.spki) });
          break;
        case 'certificates-issued':
          apply({ type: 'certificates-issued' });
          break;
        case 'certificates-written':
          apply({ type: 'certificates-written' });
          break;
        case 'certificates-verified':
          apply({ type: 'certificates-verified' });
          break;
        case 'certificates': {
          // The card work stopped; before its 'pins' row (pulled while the PINs were set) the
          // procedure never left the PIN step.
          const notice = { code: String(d.code) as ErrorCode };
          if (s.kind === 'certificates') apply({ type: 'card-failed', notice });
          else if (s.kind === 'pins') apply({ type: 'needs-card', notice });
          break;
        }
        case 'parked':
          apply({ type: 'authority-failed', notice: { code: String(d.code) as ErrorCode } });
          break;
        case 'resumed':
          apply({ type: 'resumed' });
          break;
        case 'handover':
          apply({
            type: 'handed-over',
            at: row.at,
            collectedJukiCard: d.collectedJukiCard === true,
            collectedNotificationCard: d.collectedNotificationCard === true,
          });
          break;
        case 'cancelled':
          apply({ type: 'cancelled' });
          break;
        default:
          break; // 'started' and rows of later versions carry no state of this one
      }
    }
    return s;
  }

  async function load(procedureId: string): Promise<Live> {
    const cached = live.get(procedureId);
    if (cached) return cached;
    const db = deps.db();
    let p: Procedure;
    try {
      p = await getProcedure(db, procedureId);
    } catch {
      throw new IssuanceRefusal('not-found', 'procedure');
    }
    if (p.kind !== 'issuance' || p.applicationId === null || p.residentId === null)
      throw new IssuanceRefusal('not-found', 'procedure');
    const entries = await listSteps(db, procedureId);
    const started = entries.find((e) => e.step === 'started');
    const under15 = started?.data.under15 === true;
    let state = replay(procedureId, under15, entries);
    // Nothing about the card in the reader is known after a restart: it is read again first.
    if (p.status === 'open') {
      if (state.kind === 'certificates' || ['face', 'face-mismatch', 'pins'].includes(state.kind))
        state = transition(state, { type: 'needs-card' });
    } else if (state.kind !== 'completed' && state.kind !== 'cancelled') {
      state = transition(state, { type: 'cancelled' });
    }
    const app = await getApplication(db, p.applicationId);
    const resident = await getResident(db, p.residentId);
    const card = await findCardOfApplication(db, p.applicationId);
    const l: Live = {
      state,
      applicationId: p.applicationId,
      residentId: p.residentId,
      cardId: p.cardId ?? card?.id ?? 0,
      noticeNumber: app.noticeNumber,
      birthDate: resident.birthDate,
      startedAt: p.startedAt,
      operatorId: p.operatorId,
      reader: null,
      busy: false,
    };
    live.set(procedureId, l);
    return l;
  }

  /** Runs one clerk action on a procedure, refusing a second one while it runs. */
  async function exclusive<T>(procedureId: string, work: (l: Live) => Promise<T>): Promise<T> {
    const l = await load(procedureId);
    if (l.busy) throw new IssuanceRefusal('procedure-busy');
    l.busy = true;
    try {
      return await work(l);
    } finally {
      l.busy = false;
    }
  }

  /** One step: its effects, its journal row and its audit row in one transaction. */
  async function commit(
    l: Live,
    step: string,
    status: StepStatus,
    data: Details,
    effects?: (tx: Tx) => Promise<void>,
    end?: 'completed' | 'cancelled',
    /** What the audit row says, when not the journal data (no key or certificate bytes). */
    auditDetails: Details = data,
  ): Promise<void> {
    const operatorId = deps.operatorId();
    await deps.db().transaction(async (tx) => {
      if (effects) await effects(tx);
      await recordStep(
        tx,
        { procedureId: l.state.procedureId, step, status, operatorId, data },
        deps.now,
      );
      await appendAudit(
        tx,
        {
          operatorId,
          action: `issuance.${step}`,
          residentId: l.residentId,
          cardId: l.cardId || null,
          details: { procedure: l.state.procedureId, ...auditDetails },
        },
        deps.now,
      );
      if (end) await endProcedure(tx, l.state.procedureId, end, deps.now);
    });
  }

  function promptOf(l: Live): ResidentPromptDto {
    return {
      procedureId: l.state.procedureId,
      required: l.state.pins.required,
      resume: l.state.pins.resume,
      purpose: 'issuance',
      modes: Object.fromEntries(l.state.pins.required.map((k) => [k, 'new' as const])),
      triesLeft: {},
    };
  }

  function openEntry(): Live | null {
    for (const l of live.values()) if (l.state.kind === 'pins' && l.state.pins.entryOpen) return l;
    return null;
  }

  function closePromptIf(wasOpen: boolean, l: Live): void {
    if (wasOpen && !(l.state.kind === 'pins' && l.state.pins.entryOpen)) deps.emitPrompt(null);
  }

  async function dbCard(l: Live): Promise<Card> {
    return getCard(deps.db(), l.cardId);
  }

  async function myNumberOf(l: Live, purpose: string): Promise<MyNumber> {
    return revealMyNumber(
      deps.db(),
      deps.cipher(),
      { residentId: l.residentId, operatorId: deps.operatorId(), purpose },
      deps.now,
    );
  }

  /** 照合番号A on the text application: the card proves it holds this resident's 個人番号. */
  async function matchCardContents(ch: Apdu, l: Live): Promise<void> {
    const resident = await getResident(deps.db(), l.residentId);
    const expected = residentFacts(resident);
    const myNumber = await myNumberOf(l, 'issuance-card-match');
    await selectText(ch);
    await selectEf(ch, 0x0014);
    const secret = secretBytes(myNumber);
    let result;
    try {
      result = await verifySecret(ch, secret);
    } finally {
      secret.fill(0);
    }
    if (result.kind !== 'verified') throw new IssuanceRefusal('card-facts-mismatch', 'my-number');
    await selectEf(ch, 0x0001);
    const onCard = parseMyNumberFile(await readBinary(ch));
    if (onCard !== myNumber) throw new IssuanceRefusal('card-facts-mismatch', 'my-number');
    // 照合番号A opens EF 0001 only on a real card; the four facts are then compared through the
    // SHA-256 of EF 0002 that the integrity record EF 0003 carries.
    await selectEf(ch, 0x0002);
    let facts: BasicFourFacts | null = null;
    try {
      facts = parseBasicFourFacts(await readBinary(ch));
    } catch (e) {
      if (!isStatus(e, SW.SECURITY_NOT_SATISFIED)) throw e;
    }
    if (facts) {
      if (!factsEqual(facts, expected)) throw new IssuanceRefusal('card-facts-mismatch', 'facts');
      return;
    }
    await selectEf(ch, 0x0003);
    const record = parseTlv(await readBinary(ch));
    const digest = parseTlvList(record.value).find((t) => t.tag === 0xdf32);
    const want = createHash('sha256').update(basicFourFieldBytes(expected)).digest();
    if (!digest || !equalBytes(digest.value, want))
      throw new IssuanceRefusal('card-facts-mismatch', 'facts');
  }

  function assertSerial(serial: string, expected: string): void {
    if (serial !== expected) throw new IssuanceRefusal('wrong-card');
  }

  // ---- the certificate step: PINs, keys, certificates, read-back, test signatures ----

  async function setPhase(l: Live, e: IssuanceEvent): Promise<void> {
    l.state = transition(l.state, e);
    await publish(l);
  }

  async function journaledCertificates(
    l: Live,
  ): Promise<{ signing: Uint8Array | null; auth: Uint8Array } | null> {
    const rows = await listSteps(deps.db(), l.state.procedureId);
    const row = rows.filter((r) => r.step === 'certificates-issued').at(-1);
    if (!row) return null;
    const certs = await listCertificatesOfCard(deps.db(), l.cardId);
    if (certs.length === 0) return null;
    const d = row.data as { signing?: string | null; auth?: string };
    if (typeof d.auth !== 'string') return null;
    return { signing: d.signing ? unb64(d.signing) : null, auth: unb64(d.auth) };
  }

  async function issueOrReuse(
    l: Live,
    holder: BasicFourFacts,
    card: Card,
  ): Promise<{ signing: Uint8Array | null; auth: Uint8Array }> {
    const reused = await journaledCertificates(l);
    if (reused) return reused;
    if (deps.authorityOffline()) throw new AuthorityFailure('authority-unavailable');
    let issued;
    try {
      const authority = await deps.authority();
      const keys = l.state.keys;
      issued = await authority.issueCertificates({
        holder,
        cardExpiry: parseIsoDate(card.expiry),
        ...(keys.signing ? { signingPublicKey: unb64(keys.signing) } : {}),
        authPublicKey: unb64(keys.auth!),
        now: deps.now(),
        cardSerial: card.serial,
      });
    } catch (e) {
      console.warn(`[Issuance] the authority did not issue: ${(e as Error).name}`);
      throw new AuthorityFailure('authority-unavailable');
    }
    const parsed = {
      signing: issued.signing ? await readDer(issued.signing, 'signing') : null,
      auth: await readDer(issued.auth, 'auth'),
    };
    await commit(
      l,
      'certificates-issued',
      'completed',
      {
        signing: issued.signing ? b64(issued.signing) : null,
        auth: b64(issued.auth),
      },
      async (tx) => {
        for (const c of [parsed.signing, parsed.auth]) {
          if (!c) continue;
          await addCertificate(
            tx,
            {
              cardId: card.id,
              kind: c.kind === 'signing' ? 'signing' : 'auth',
              serial: c.serialHex,
              notBefore: c.notBefore.toISOString(),
              notAfter: c.notAfter.toISOString(),
            },
            deps.now,
          );
        }
      },
      undefined,
      { signing: parsed.signing !== null },
    );
    return { signing: issued.signing ?? null, auth: issued.auth };
  }

  async function readDer(der: Uint8Array, kind: 'signing' | 'auth'): Promise<JpkiCertificate> {
    const { parseCertificate } = await import('../../card/apps/jpki');
    return parseCertificate(der, kind);
  }

  function certificateKey(c: JpkiCertificate) {
    return createPublicKey({
      key: Buffer.from(c.x509.publicKey.rawData),
      format: 'der',
      type: 'spki',
    });
  }

  /** Reads both certificates back, compares their keys, and verifies a signature with each key. */
  async function checkOnCard(
    ch: Apdu,
    l: Live,
    secrets: Secrets,
    authority: IssuerAuthority,
  ): Promise<void> {
    const fail = (what: string): never => {
      throw new IssuanceRefusal('certificate-check-failed', what);
    };
    await selectJpki(ch);
    for (const kind of requiredKeyKinds(l.state.under15)) {
      if (kind === 'signing') {
        const v = await verifyJpki(ch, {
          kind: 'signing',
          password: secrets.signing as SigningPassword,
        });
        if (v.kind !== 'verified') fail('signing-password');
      }
      const cert = await readCertificate(ch, kind);
      if (!cert) fail(kind);
      if (!sameKey(new Uint8Array(cert!.x509.publicKey.rawData), unb64(l.state.keys[kind]!)))
        fail(`${kind}-key`);
      const ca = await readCertificate(ch, kind === 'signing' ? 'signing-ca' : 'auth-ca');
      const caDer = authority.caCertificate(kind);
      if (!ca || !equalBytes(new Uint8Array(ca.x509.rawData), caDer)) fail(`${kind}-ca`);
      const key = certificateKey(cert!);
      if (kind === 'signing') {
        const text = `窓口 交付 署名用電子証明書 試験署名 ${l.state.procedureId}`;
        const digest = createHash('sha256').update(text, 'utf8').digest();
        const signature = await sign(ch, 'signing', digest);
        if (!verify('sha256', Buffer.from(text, 'utf8'), key, signature)) fail('signing-signature');
      } else {
        const v = await verifyJpki(ch, { kind: 'auth', pin: secrets.auth as Pin });
        if (v.kind !== 'verified') fail('auth-pin');
        const challenge = randomBytes(32);
        const signature = await sign(ch, 'auth', challenge);
        const recovered = publicDecrypt(
          { key, padding: constants.RSA_PKCS1_PADDING },
          Buffer.from(signature),
        );
        if (!equalBytes(new Uint8Array(recovered), sha256DigestInfo(challenge)))
          fail('auth-signature');
      }
    }
  }

  async function runCardWork(l: Live, reader: string, secrets: Secrets): Promise<void> {
    const card = await dbCard(l);
    const resident = await getResident(deps.db(), l.residentId);
    const holder = residentFacts(resident);
    const authority = await deps.authority();
    await deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      const issuer: IssuerSession = await authority.openIssuerSession(session);
      for (const kind of l.state.pins.required) {
        const value = secrets[kind];
        if (value === undefined) throw new IssuanceRefusal('pin-format', kind);
        if (kind === 'signing') await issuer.setPin('signing', value as SigningPassword);
        else await issuer.setPin(kind, value as Pin);
      }
      await commit(l, 'pins', 'completed', { kinds: [...l.state.pins.required] });
      await setPhase(l, { type: 'pins-set' });

      for (const kind of requiredKeyKinds(l.state.under15)) {
        const journaled = l.state.keys[kind];
        const existing = await issuer.readPublicKey(kind);
        if (journaled && existing && sameKey(existing, unb64(journaled))) {
          await setPhase(l, { type: 'keys-generated', kind, spki: journaled });
          continue;
        }
        const spki = await issuer.generateKeyPair(kind);
        const data = { kind, spki: b64(spki) };
        await commit(l, 'keys-generated', 'completed', data, undefined, undefined, { kind });
        await setPhase(l, { type: 'keys-generated', kind, spki: b64(spki) });
      }

      const certs = await issueOrReuse(l, holder, card);
      await setPhase(l, { type: 'certificates-issued' });
      if (certs.signing) {
        await issuer.writeCertificate('signing', certs.signing);
        await issuer.writeCertificate('signing-ca', authority.caCertificate('signing'));
      }
      await issuer.writeCertificate('auth', certs.auth);
      await issuer.writeCertificate('auth-ca', authority.caCertificate('auth'));
      await commit(l, 'certificates-written', 'completed', {});
      await setPhase(l, { type: 'certificates-written' });

      await checkOnCard(session, l, secrets, authority);
      await commit(l, 'certificates-verified', 'completed', {});
      await setPhase(l, { type: 'certificates-verified' });
    });
  }

  /** What a failed card step tells the clerk: the card layer's own classification, in words of 交付. */
  function cardNotice(e: unknown): Notice {
    if (e instanceof IssuanceRefusal)
      return e.detail ? { code: e.code, detail: e.detail } : { code: e.code };
    // Another card now in the reader is, for an issuance, the wrong card.
    if (e instanceof CardChangedError) return { code: 'wrong-card' };
    // The card trusts another issuer: it cannot be issued here.
    if (e instanceof IssuerSessionRefusedError) return { code: 'card-not-issuable' };
    const { code, detail } = cardErrorToAppError(e);
    // Anything else that stopped the card work is reported as a card problem to retry.
    if (code === 'internal') return { code: 'card-error' };
    return code === 'card-error' && detail ? { code, detail } : { code };
  }

  // ---- the public operations ----

  async function requireIssuable(app: CardApplication): Promise<Card> {
    if (app.status === 'issued') throw new IssuanceRefusal('application-issued');
    if (app.status === 'cancelled') throw new IssuanceRefusal('application-cancelled');
    if (app.status !== 'ready') throw new IssuanceRefusal('application-not-ready');
    const card = await findCardOfApplication(deps.db(), app.id);
    if (!card) throw new IssuanceRefusal('application-not-ready');
    if (card.state !== 'received' && card.state !== 'prepared')
      throw new IssuanceRefusal('card-not-issuable');
    return card;
  }

  return {
    async findByNotice(noticeNumber: string, birthDate: string): Promise<ApplicationSummaryDto> {
      const db = deps.db();
      const app = await findApplicationByNotice(db, noticeNumber);
      // Both must match; the answer never tells which one did not.
      if (!app) throw new IssuanceRefusal('application-not-found');
      const resident = await getResident(db, app.residentId);
      if (resident.birthDate !== birthDate) throw new IssuanceRefusal('application-not-found');
      return summary(app);
    },

    async search(name: string, birthDate: string): Promise<ApplicationSummaryDto[]> {
      const db = deps.db();
      const isKana = /^[\u3041-\u30ff\uff66-\uff9f\s\u3000・ー]+$/.test(name);
      const criteria = isKana
        ? { kanaPrefix: name, birthDate: parseIsoDate(birthDate) }
        : { kanjiName: name, birthDate: parseIsoDate(birthDate) };
      const residents = await searchResidents(db, criteria, 1, 20);
      const out: ApplicationSummaryDto[] = [];
      for (const r of residents.items) {
        for (const app of await listApplicationsOfResident(db, r.id)) {
          if (out.length >= 20) return out;
          out.push(await summary(app));
        }
      }
      return out;
    },

    async listOpen(): Promise<OpenProcedureDto[]> {
      const db = deps.db();
      const out: OpenProcedureDto[] = [];
      for (const p of await listOpenProcedures(db)) {
        if (p.kind !== 'issuance' || p.applicationId === null || p.residentId === null) continue;
        const l = await load(p.id);
        const app = await getApplication(db, p.applicationId);
        const resident = await getResident(db, p.residentId);
        const operator = await getOperator(db, p.operatorId);
        out.push({
          procedureId: p.id,
          kind: 'issuance',
          step: l.state.kind,
          noticeNumber: app.noticeNumber,
          residentName: resident.kanjiName,
          startedAt: p.startedAt,
          operatorLoginId: operator.loginId,
        });
      }
      return out;
    },

    /** Starts the issuance of an application, or reopens the one left unfinished (resumes 後日交付). */
    async start(applicationId: number): Promise<IssuanceDto> {
      const db = deps.db();
      let app: CardApplication;
      try {
        app = await getApplication(db, applicationId);
      } catch {
        throw new IssuanceRefusal('application-not-found');
      }
      const open = await findOpenProcedureOfApplication(db, 'issuance', applicationId);
      if (open) {
        return exclusive(open.id, async (l) => {
          if (l.state.kind === 'parked') {
            await commit(l, 'resumed', 'completed', {});
            l.state = transition(l.state, { type: 'resumed' });
          }
          return publish(l);
        });
      }
      const card = await requireIssuable(app);
      const resident = await getResident(db, app.residentId);
      const under15 = ageOn(resident.birthDate, japanToday(deps.now())) < 15;
      const id = newProcedureId();
      const operatorId = deps.operatorId();
      await db.transaction(async (tx) => {
        await startProcedure(
          tx,
          {
            id,
            kind: 'issuance',
            operatorId,
            residentId: resident.id,
            applicationId,
            cardId: card.id,
          },
          deps.now,
        );
        await recordStep(
          tx,
          { procedureId: id, step: 'started', status: 'completed', operatorId, data: { under15 } },
          deps.now,
        );
        await appendAudit(
          tx,
          {
            operatorId,
            action: 'issuance.started',
            residentId: resident.id,
            cardId: card.id,
            details: { procedure: id, notice: app.noticeNumber, under15 },
          },
          deps.now,
        );
      });
      return publish(await load(id));
    },

    async get(procedureId: string): Promise<IssuanceDto> {
      return dtoOf(await load(procedureId));
    },

    async recordDocuments(
      procedureId: string,
      r: {
        kinds: readonly DocumentKind[];
        guardianship: boolean;
        representative: { relation: RepresentativeRelation; kinds: readonly DocumentKind[] } | null;
      },
    ): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, {
          type: 'documents-recorded',
          kinds: r.kinds,
          guardianship: r.guardianship,
          representative: r.representative,
        });
        // Which kinds were shown; never a document number or a copy.
        await commit(l, 'documents', 'completed', {
          kinds: [...r.kinds],
          guardianship: r.guardianship,
          representative: r.representative
            ? { relation: r.representative.relation, kinds: [...r.representative.kinds] }
            : null,
        });
        l.state = next;
        return publish(l);
      });
    },

    /** Reads the card in `reader`: the first time it is matched to the application, later re-read. */
    async checkCard(procedureId: string, reader: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        if (l.state.kind === 'documents')
          throw new IssuanceRefusal('step-not-allowed', 'documents');
        if (!isOpen(l.state)) throw new IssuanceRefusal('procedure-closed');
        const card = await dbCard(l);
        const first = l.state.kind === 'card';
        try {
          await deps.cards.withCard(reader, async (session) => {
            // The serial first: another card is refused before any secret is tried on it.
            assertSerial(session.serial, card.serial);
            if (first) await matchCardContents(session, l);
          });
        } catch (e) {
          if (e instanceof IssuanceRefusal) throw e;
          const notice = cardNotice(e);
          throw new IssuanceRefusal(notice.code, notice.detail);
        }
        const next = transition(l.state, { type: 'card-matched', serial: card.serial });
        if (first) {
          await commit(l, 'card', 'completed', { serial: card.serial }, async (tx) => {
            await setProcedureCard(tx, procedureId, card.id);
            if (card.state === 'received') await transitionCard(tx, card.id, 'prepared', deps.now);
          });
        }
        l.state = next;
        return publish(l);
      });
    },

    async readPhotos(procedureId: string, reader: string): Promise<FacePhotosDto> {
      return exclusive(procedureId, async (l) => {
        if (!['face', 'face-mismatch'].includes(l.state.kind))
          throw new IssuanceRefusal('step-not-allowed', l.state.kind);
        const card = await dbCard(l);
        const photos = await deps.photos();
        const myNumber = await myNumberOf(l, 'issuance-face-photo');
        let jp2: Uint8Array;
        try {
          jp2 = await deps.cards.withCard(reader, async (session) => {
            assertSerial(session.serial, card.serial);
            return photos.readFacePhoto(session, myNumber);
          });
        } catch (e) {
          const n = cardNotice(e);
          throw new IssuanceRefusal(n.code, n.detail);
        }
        const chip = await photos.decodeJp2ToPng(jp2);
        const application = await photos.applicationPhoto(l.noticeNumber);
        const url = (png: Uint8Array) => `data:image/png;base64,${b64(png)}`;
        return { chip: url(chip), application: application ? url(application) : null };
      });
    },

    async recordFace(procedureId: string, decision: 'match' | 'mismatch'): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, { type: 'face-decided', decision });
        await commit(l, 'face', decision === 'match' ? 'completed' : 'failed', { decision });
        l.state = next;
        return publish(l);
      });
    },

    async overrideFace(procedureId: string, approvalId: number): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, { type: 'face-overridden' });
        let approval;
        try {
          approval = await getApproval(deps.db(), approvalId);
        } catch {
          throw new IssuanceRefusal('approval-invalid');
        }
        // The supervisor approved this very procedure, at the request of the clerk running it.
        if (
          approval.action !== 'face-check-override' ||
          approval.procedureId !== procedureId ||
          approval.requesterId !== deps.operatorId()
        ) {
          throw new IssuanceRefusal('approval-invalid');
        }
        await commit(l, 'face-override', 'completed', {
          approval: approval.id,
          approver: approval.approverId,
        });
        l.state = next;
        return publish(l);
      });
    },

    async openPinEntry(procedureId: string, reader: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const other = openEntry();
        if (other && other !== l) {
          // One resident window: an entry left open by another issuance (the clerk moved on)
          // is closed, unless its values are being written right now.
          if (other.busy) throw new IssuanceRefusal('procedure-busy', 'pin-entry');
          other.state = transition(other.state, { type: 'needs-card' });
          await publish(other);
        }
        if (l.state.kind === 'parked') {
          await commit(l, 'resumed', 'completed', {});
          l.state = transition(l.state, { type: 'resumed' });
        }
        if (l.state.needsCard) {
          // Read again before the resident types anything: the values go to this card only.
          const card = await dbCard(l);
          try {
            await deps.cards.withCard(reader, async (s) => assertSerial(s.serial, card.serial));
          } catch (e) {
            const n = cardNotice(e);
            throw new IssuanceRefusal(n.code, n.detail);
          }
          l.state = transition(l.state, { type: 'card-matched', serial: card.serial });
        }
        l.state = transition(l.state, { type: 'pin-entry-opened' });
        l.reader = reader;
        await audit(l, 'issuance.pin-entry-opened', {});
        deps.emitPrompt(promptOf(l));
        return publish(l);
      });
    },

    residentPrompt(): ResidentPromptDto | null {
      const l = openEntry();
      return l ? promptOf(l) : null;
    },

    async checkPin(kind: PinKind, value: string, confirmation: string): Promise<PinCheckDto> {
      const l = openEntry();
      if (!l) throw new IssuanceRefusal('pin-entry-not-open');
      if (!l.state.pins.required.includes(kind))
        throw new IssuanceRefusal('step-not-allowed', kind);
      const violation = checkPinEntry(kind, value, confirmation, l.birthDate);
      l.state = transition(l.state, { type: 'pin-attempt', kind, violation });
      await publish(l);
      return { violation };
    },

    async submitPins(
      values: Partial<Record<PinKind, { value: string; confirmation: string }>>,
    ): Promise<ResidentSubmitDto> {
      const l = openEntry();
      if (!l) throw new IssuanceRefusal('pin-entry-not-open');
      if (l.busy) throw new IssuanceRefusal('procedure-busy');
      const secrets: Secrets = {};
      for (const kind of l.state.pins.required) {
        const entry = values[kind];
        const violation = entry
          ? checkPinEntry(kind, entry.value, entry.confirmation, l.birthDate)
          : kind === 'signing'
            ? 'password-format'
            : 'pin-format';
        if (violation) {
          l.state = transition(l.state, { type: 'pin-attempt', kind, violation });
          await publish(l);
          throw new IssuanceRefusal(violation, kind);
        }
        secrets[kind] =
          kind === 'signing'
            ? parseSigningPassword(normaliseSigningPassword(entry!.value))
            : parsePin(entry!.value);
      }
      const reader = l.reader;
      if (!reader) throw new IssuanceRefusal('pin-entry-not-open');
      l.busy = true;
      try {
        l.state = transition(l.state, { type: 'pins-submitted' });
        deps.emitPrompt(null);
        await publish(l);
        try {
          await runCardWork(l, reader, secrets);
        } catch (e) {
          if (e instanceof AuthorityFailure) {
            await commit(l, 'parked', 'failed', { code: e.code });
            l.state = transition(l.state, { type: 'authority-failed', notice: { code: e.code } });
          } else if (e instanceof IssuanceRefusal && e.code === 'certificate-check-failed') {
            await commit(l, 'parked', 'failed', { code: e.code, check: e.detail ?? '' });
            l.state = transition(l.state, { type: 'authority-failed', notice: { code: e.code } });
          } else {
            const notice = cardNotice(e);
            console.warn(`[Issuance] card work stopped: ${notice.code}`);
            await commit(l, 'certificates', 'failed', { code: notice.code }).catch(() => undefined);
            if (l.state.kind === 'certificates')
              l.state = transition(l.state, { type: 'card-failed', notice });
          }
        } finally {
          for (const k of Object.keys(secrets) as PinKind[]) delete secrets[k];
        }
        await publish(l);
        return { done: l.state.kind === 'handover' };
      } finally {
        l.busy = false;
      }
    },

    async complete(
      procedureId: string,
      r: { collectedJukiCard: boolean; collectedNotificationCard: boolean },
    ): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const at = deps.now().toISOString();
        const next = transition(l.state, { type: 'handed-over', at, ...r });
        await commit(
          l,
          'handover',
          'completed',
          {
            collectedJukiCard: r.collectedJukiCard,
            collectedNotificationCard: r.collectedNotificationCard,
          },
          async (tx) => {
            const card = await getCard(tx, l.cardId);
            if (card.state === 'received') await transitionCard(tx, l.cardId, 'prepared', deps.now);
            await transitionCard(tx, l.cardId, 'issued', deps.now);
            await setApplicationStatus(tx, l.applicationId, 'issued', deps.now);
          },
          'completed',
        );
        l.state = next;
        return publish(l);
      });
    },

    async cancel(procedureId: string, reason: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const wasOpen = l.state.kind === 'pins' && l.state.pins.entryOpen;
        const next = transition(l.state, { type: 'cancelled' });
        await commit(l, 'cancelled', 'cancelled', { reason }, undefined, 'cancelled');
        l.state = next;
        closePromptIf(wasOpen, l);
        return publish(l);
      });
    },

    async printReceipt(procedureId: string): Promise<FileWrittenDto> {
      const l = await load(procedureId);
      // After 交付を完了する only: the receipt states what was recorded (old cards taken back).
      if (l.state.kind !== 'completed') throw new IssuanceRefusal('step-not-allowed', l.state.kind);
      const db = deps.db();
      const resident = await getResident(db, l.residentId);
      const card = await dbCard(l);
      const certs = (await listCertificatesOfCard(db, l.cardId)).filter(
        (c) => c.status === 'issued',
      );
      const signing = certs.filter((c) => c.kind === 'signing').at(-1);
      const auth = certs.filter((c) => c.kind === 'auth').at(-1);
      if (!auth) throw new IssuanceRefusal('step-not-allowed', 'certificates');
      const operator = await getOperator(db, deps.operatorId());
      const docs = await deps.documents();
      mkdirSync(deps.receiptsDir, { recursive: true });
      const path = join(deps.receiptsDir, `receipt-${l.noticeNumber}-${procedureId}.pdf`);
      const result = await docs.writeReceiptPdf(path, {
        municipalityName: deps.municipality.name,
        municipalityCode: deps.municipality.code,
        noticeNumber: l.noticeNumber,
        residentName: resident.kanjiName,
        residentKana: resident.kanaName,
        birthDate: resident.birthDate,
        cardSerial: card.serial,
        cardExpiry: card.expiry,
        certificates: {
          signing: signing ? { notAfter: signing.notAfter } : null,
          auth: { notAfter: auth.notAfter },
        },
        collectedJukiCard: l.state.handover?.collectedJukiCard ?? false,
        collectedNotificationCard: l.state.handover?.collectedNotificationCard ?? false,
        operatorName: operator.displayName,
        issuedAt: l.state.handover?.completedAt ?? deps.now().toISOString(),
        practice: deps.practice,
        procedureId,
      });
      await audit(l, 'issuance.receipt-printed', { bytes: result.bytes });
      return { path, bytes: result.bytes };
    },

    async printDeferralSlip(procedureId: string): Promise<FileWrittenDto> {
      const l = await load(procedureId);
      if (l.state.kind !== 'parked') throw new IssuanceRefusal('step-not-allowed', l.state.kind);
      const db = deps.db();
      const resident = await getResident(db, l.residentId);
      const operator = await getOperator(db, deps.operatorId());
      const docs = await deps.documents();
      mkdirSync(deps.receiptsDir, { recursive: true });
      const path = join(deps.receiptsDir, `deferral-${l.noticeNumber}-${procedureId}.pdf`);
      const result = await docs.writeDeferralSlipPdf(path, {
        municipalityName: deps.municipality.name,
        noticeNumber: l.noticeNumber,
        residentName: resident.kanjiName,
        reasonCode: l.state.notice?.code ?? 'authority-unavailable',
        operatorName: operator.displayName,
        at: deps.now().toISOString(),
        practice: deps.practice,
        procedureId,
      });
      await audit(l, 'issuance.deferral-slip-printed', { bytes: result.bytes });
      return { path, bytes: result.bytes };
    },

    /** Practice: the ready applications whose card a trainer can put in the simulated reader. */
    async applicationCards(): Promise<{ noticeNumber: string; residentName: string }[]> {
      const db = deps.db();
      const out: { noticeNumber: string; residentName: string }[] = [];
      for (const app of await listIssuableApplications(db)) {
        const r = await getResident(db, app.residentId);
        out.push({ noticeNumber: app.noticeNumber, residentName: r.kanjiName });
      }
      return out;
    },

    /** Practice: the facts to build the card of an application (the 個人番号 reveal is audited). */
    async applicationCardFacts(noticeNumber: string): Promise<{
      name: string;
      address: string;
      birthDate: string;
      sex: Resident['sex'];
      myNumber: MyNumber;
      serial: string;
      cardExpiry: string;
    }> {
      const db = deps.db();
      const app = await findApplicationByNotice(db, noticeNumber);
      if (!app) throw new IssuanceRefusal('application-not-found');
      const card = await findCardOfApplication(db, app.id);
      if (app.status !== 'ready' || !card || !['received', 'prepared'].includes(card.state))
        throw new IssuanceRefusal('application-not-ready');
      const r = await getResident(db, app.residentId);
      const myNumber = await revealMyNumber(
        db,
        deps.cipher(),
        { residentId: r.id, operatorId: deps.operatorId(), purpose: 'practice-card' },
        deps.now,
      );
      return {
        name: r.kanjiName,
        address: r.address,
        birthDate: r.birthDate,
        sex: r.sex,
        myNumber,
        serial: card.serial,
        cardExpiry: card.expiry,
      };
    },

    /** Forgets every in-memory state (practice reset: the database was replaced). */
    forget(): void {
      const hadPrompt = openEntry() !== null;
      live.clear();
      if (hadPrompt) deps.emitPrompt(null);
    },
  };

  async function audit(l: Live, action: string, details: Details): Promise<void> {
    await deps.db().transaction((tx) =>
      appendAudit(
        tx,
        {
          operatorId: deps.operatorId(),
          action,
          residentId: l.residentId,
          cardId: l.cardId || null,
          details: { procedure: l.state.procedureId, ...details },
        },
        deps.now,
      ),
    );
  }
}

export { IssuanceRefusal } from './state';
