// The card work every certificate-writing procedure shares: key pairs generated on the card (or the
// one generated before a pulled card reused), certificates issued (or the journaled ones reused),
// written, read back and checked against the keys, and a test signature verified with each.
import {
  constants,
  createHash,
  createPublicKey,
  publicDecrypt,
  randomBytes,
  verify,
} from 'node:crypto';
import type { PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type { Details } from '../../audit/details-guard';
import type { IssuerAuthority, IssuerSession, KeyKind } from '../../authority/issuer-authority';
import type { CardSession } from '../../card/card-service';
import {
  readCertificate,
  selectJpki,
  sha256DigestInfo,
  sign,
  verifyJpki,
  type JpkiCertificate,
} from '../../card/apps/jpki';
import {
  parseIsoDate,
  type BasicFourFacts,
  type MyNumber,
  type Pin,
  type SigningPassword,
} from '../../card/domain';
import type { Db, Queryable, Tx } from '../../db/connection';
import type { MyNumberCipher } from '../../db/my-number-crypto';
import { confirmAuthorityCertificates } from '../../db/repositories/authority-registry';
import { addCertificate } from '../../db/repositories/certificates';
import type { Card } from '../../db/repositories/cards';
import { listSteps } from '../../db/repositories/journal';
import { revealMyNumber } from '../../db/repositories/residents';
import { WorkflowRefusal } from '../refusal';

export type { KeyKind };

/** The key pairs the card gets: no signing key under 15 (no signing certificate then). */
export function requiredKeyKinds(under15: boolean): readonly KeyKind[] {
  return under15 ? ['auth'] : ['signing', 'auth'];
}

/** What the card work needs of the card service: one exclusive session per operation. */
export interface CardAccess {
  withCard<T>(reader: string, op: (session: CardSession) => Promise<T>): Promise<T>;
}

/** What every procedure working on the card needs of the main process (issuance and later life). */
export interface CardWorkDeps {
  db(): Db;
  cipher(): MyNumberCipher;
  cards: CardAccess;
  authority(): Promise<IssuerAuthority>;
  /** Practice fault: the authority refuses to issue (後日交付 practice in issuance). */
  authorityOffline(): boolean;
  /** The operator of the current call (the router has checked the role). */
  operatorId(): number;
  now(): Date;
}

/** The resident's 個人番号 for one purpose, read by the current operator (the read is audited). */
export async function myNumberFor(
  deps: CardWorkDeps,
  residentId: number,
  purpose: string,
): Promise<MyNumber> {
  return revealMyNumber(
    deps.db(),
    deps.cipher(),
    { residentId, operatorId: deps.operatorId(), purpose },
    deps.now,
  );
}

/** The values the resident entered, only for the duration of the submit call. */
export type Secrets = Partial<Record<PinKind, Pin | SigningPassword>>;

/** The authority could not issue: the procedure waits (issuance parks it: 後日交付). */
export class AuthorityFailure extends Error {
  override readonly name = 'AuthorityFailure';
  constructor(readonly code: ErrorCode) {
    super(`authority failure: ${code}`);
  }
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

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

/**
 * The key pair of `kind`: the one journaled in this procedure when the card still holds it (read
 * with GENERATE P1=81, nothing generated), else a new one. `generated` says which, so that only a
 * new key is journaled.
 */
export async function generateOrReuseKey(
  issuer: IssuerSession,
  kind: KeyKind,
  journaled: string | undefined,
): Promise<{ spki: string; generated: boolean }> {
  if (journaled) {
    const existing = await issuer.readPublicKey(kind);
    if (existing && sameKey(existing, unb64(journaled)))
      return { spki: journaled, generated: false };
  }
  return { spki: b64(await issuer.generateKeyPair(kind)), generated: true };
}

export interface IssuedDer {
  readonly signing: Uint8Array | null;
  readonly auth: Uint8Array | null;
}

/** The certificates journaled by this procedure (a resumed run must not issue them twice). */
async function journaledCertificates(q: Queryable, procedureId: string): Promise<IssuedDer | null> {
  const rows = await listSteps(q, procedureId);
  const row = rows.filter((r) => r.step === 'certificates-issued').at(-1);
  if (!row) return null;
  const d = row.data as { signing?: string | null; auth?: string | null };
  return {
    signing: typeof d.signing === 'string' ? unb64(d.signing) : null,
    auth: typeof d.auth === 'string' ? unb64(d.auth) : null,
  };
}

async function readDer(der: Uint8Array, kind: KeyKind): Promise<JpkiCertificate> {
  const { parseCertificate } = await import('../../card/apps/jpki');
  return parseCertificate(der, kind);
}

export interface IssueRequest {
  readonly db: Queryable;
  readonly procedureId: string;
  readonly authority: IssuerAuthority;
  /** Practice fault: the authority refuses to issue. */
  readonly offline: boolean;
  readonly holder: BasicFourFacts;
  readonly card: Card;
  /** The public keys (SPKI, base64) of the certificates to issue: signing alone, auth, or both. */
  readonly keys: Partial<Record<KeyKind, string>>;
  readonly now: Date;
  /** Journals the issue with the certificate rows, in one transaction. */
  commit(data: Details, effects: (tx: Tx) => Promise<void>, audit: Details): Promise<void>;
}

/**
 * The certificates for the keys, issued by the authority and recorded (journal row + certificate
 * rows in one transaction), or the ones this procedure recorded before.
 */
export async function issueOrReuse(
  r: IssueRequest,
): Promise<IssuedDer & { readonly reused: boolean }> {
  const reused = await journaledCertificates(r.db, r.procedureId);
  if (reused) return { ...reused, reused: true };
  if (r.offline) throw new AuthorityFailure('authority-unavailable');
  const common = {
    holder: r.holder,
    cardExpiry: parseIsoDate(r.card.expiry),
    now: r.now,
    cardSerial: r.card.serial,
  };
  let issued: IssuedDer;
  try {
    if (r.keys.auth) {
      const both = await r.authority.issueCertificates({
        ...common,
        ...(r.keys.signing ? { signingPublicKey: unb64(r.keys.signing) } : {}),
        authPublicKey: unb64(r.keys.auth),
      });
      issued = { signing: both.signing ?? null, auth: both.auth };
    } else if (r.keys.signing) {
      const signing = await r.authority.issueSigningCertificate({
        ...common,
        signingPublicKey: unb64(r.keys.signing),
      });
      issued = { signing, auth: null };
    } else {
      throw new Error('no key to certify');
    }
  } catch (e) {
    console.warn(`[CardWork] the authority did not issue: ${(e as Error).name}`);
    throw new AuthorityFailure('authority-unavailable');
  }
  const parsed = [
    issued.signing ? await readDer(issued.signing, 'signing') : null,
    issued.auth ? await readDer(issued.auth, 'auth') : null,
  ].filter((c): c is JpkiCertificate => c !== null);
  await r.commit(
    {
      signing: issued.signing ? b64(issued.signing) : null,
      auth: issued.auth ? b64(issued.auth) : null,
    },
    async (tx) => {
      // The local authority holds what it signed as reserved until this commit: the two are
      // recorded together, or what it signed is revoked as left behind (db-certificate-registry).
      await confirmAuthorityCertificates(
        tx,
        parsed.map((c) => c.serialHex),
      );
      for (const c of parsed) {
        await addCertificate(
          tx,
          {
            cardId: r.card.id,
            kind: c.kind === 'signing' ? 'signing' : 'auth',
            serial: c.serialHex,
            notBefore: c.notBefore.toISOString(),
            notAfter: c.notAfter.toISOString(),
          },
          () => r.now,
        );
      }
    },
    { signing: issued.signing !== null, auth: issued.auth !== null },
  );
  return { ...issued, reused: false };
}

/** The serials (hex, as the database holds them) of certificates issued in this procedure. */
export async function serialsOf(issued: IssuedDer): Promise<string[]> {
  const out: string[] = [];
  if (issued.signing) out.push((await readDer(issued.signing, 'signing')).serialHex);
  if (issued.auth) out.push((await readDer(issued.auth, 'auth')).serialHex);
  return out;
}

/** Writes each issued certificate and its CA's into the card's EFs. */
export async function writeCertificates(
  issuer: IssuerSession,
  authority: IssuerAuthority,
  issued: IssuedDer,
): Promise<void> {
  if (issued.signing) {
    await issuer.writeCertificate('signing', issued.signing);
    await issuer.writeCertificate('signing-ca', authority.caCertificate('signing'));
  }
  if (issued.auth) {
    await issuer.writeCertificate('auth', issued.auth);
    await issuer.writeCertificate('auth-ca', authority.caCertificate('auth'));
  }
}

function certificateKey(c: JpkiCertificate) {
  return createPublicKey({
    key: Buffer.from(c.x509.publicKey.rawData),
    format: 'der',
    type: 'spki',
  });
}

/**
 * Reads the certificates of `kinds` back, compares their keys with the generated ones and their
 * CAs with the authority's, and verifies a test signature with each key.
 */
export async function checkOnCard(
  ch: CardSession,
  o: {
    readonly kinds: readonly KeyKind[];
    readonly keys: Partial<Record<KeyKind, string>>;
    readonly secrets: Secrets;
    readonly authority: IssuerAuthority;
    /** Signed in the test signature of the signing key (procedure and its id). */
    readonly label: string;
    /** Each key's read-back and test signature begins (the resident's progress bar). */
    readonly stage?: (stage: 'read-back' | 'test-sign') => void;
  },
): Promise<void> {
  const fail = (what: string): never => {
    throw new WorkflowRefusal('certificate-check-failed', what);
  };
  await selectJpki(ch);
  for (const kind of o.kinds) {
    o.stage?.('read-back');
    if (kind === 'signing') {
      const v = await verifyJpki(ch, {
        kind: 'signing',
        password: o.secrets.signing as SigningPassword,
      });
      if (v.kind !== 'verified') fail('signing-password');
    }
    const cert = await readCertificate(ch, kind);
    if (!cert) fail(kind);
    const journaled = o.keys[kind];
    if (!journaled || !sameKey(new Uint8Array(cert!.x509.publicKey.rawData), unb64(journaled)))
      fail(`${kind}-key`);
    const ca = await readCertificate(ch, kind === 'signing' ? 'signing-ca' : 'auth-ca');
    const caDer = o.authority.caCertificate(kind);
    if (!ca || !sameBytes(new Uint8Array(ca.x509.rawData), caDer)) fail(`${kind}-ca`);
    const key = certificateKey(cert!);
    o.stage?.('test-sign');
    if (kind === 'signing') {
      const text = `窓口 ${o.label} 署名用電子証明書 試験署名`;
      const digest = createHash('sha256').update(text, 'utf8').digest();
      const signature = await sign(ch, 'signing', digest);
      if (!verify('sha256', Buffer.from(text, 'utf8'), key, signature)) fail('signing-signature');
    } else {
      const v = await verifyJpki(ch, { kind: 'auth', pin: o.secrets.auth as Pin });
      if (v.kind !== 'verified') fail('auth-pin');
      const challenge = randomBytes(32);
      const signature = await sign(ch, 'auth', challenge);
      const recovered = publicDecrypt(
        { key, padding: constants.RSA_PKCS1_PADDING },
        Buffer.from(signature),
      );
      if (!sameBytes(new Uint8Array(recovered), sha256DigestInfo(challenge)))
        fail('auth-signature');
    }
  }
}

/** The events of the certificate sequence, the same in every procedure's state. */
export type CertificatePhase =
  | { readonly type: 'keys-generated'; readonly kind: KeyKind; readonly spki: string }
  | { readonly type: 'certificates-issued' }
  | { readonly type: 'certificates-written' }
  | { readonly type: 'certificates-verified' };

/** The state event a journal row of the certificate sequence stands for (a restart replays it). */
export function certificatePhaseOf(
  step: string,
  data: Record<string, unknown>,
): CertificatePhase | null {
  switch (step) {
    case 'keys-generated':
      return { type: 'keys-generated', kind: data.kind as KeyKind, spki: String(data.spki) };
    case 'certificates-issued':
    case 'certificates-written':
    case 'certificates-verified':
      return { type: step };
    default:
      return null;
  }
}

export interface CertificateRun {
  readonly session: CardSession;
  readonly issuer: IssuerSession;
  readonly authority: IssuerAuthority;
  /** The certificates to renew or issue, in the order their keys are generated. */
  readonly kinds: readonly KeyKind[];
  /** The keys this procedure journaled before: reused when the card still holds them. */
  readonly journaledKeys: Partial<Record<KeyKind, string>>;
  readonly secrets: Secrets;
  /** Signed in the test signature (procedure and its id). */
  readonly label: string;
  readonly db: Queryable;
  readonly procedureId: string;
  readonly holder: BasicFourFacts;
  readonly card: Card;
  /** Read when the authority is asked, as the clock: a practice fault may have changed since. */
  offline(): boolean;
  now(): Date;
  /**
   * One journal step of the procedure (row + audit, with the effects, in one transaction): the
   * procedure's state moves on with it and is shown.
   */
  commit(
    step: string,
    data: Details,
    more?: { readonly effects?: (tx: Tx) => Promise<void>; readonly audit?: Details },
  ): Promise<void>;
  /** A fact this run reuses from an earlier one (no row): the state moves on and is shown. */
  phase(e: CertificatePhase): Promise<void>;
  /** A stage of the sequence begins (the resident's progress bar); called once per step. */
  progress?(stage: CertificateStage): void;
}

/** The steps of the certificate sequence the progress counts: a key and a check per kind. */
export type CertificateStage = 'keys' | 'certificates' | 'write' | 'read-back' | 'test-sign';

/** How many progress steps runCertificates reports for `kinds`. */
export function certificateSteps(kinds: readonly KeyKind[]): number {
  return kinds.length === 0 ? 0 : 3 * kinds.length + 2;
}

/**
 * Keys (generated or the journaled ones reused), certificates (issued or the journaled ones
 * reused), written, read back and test-signed: each stage journaled (keys-generated,
 * certificates-issued, certificates-written, certificates-verified) before the state moves on.
 */
export async function runCertificates(r: CertificateRun): Promise<IssuedDer> {
  const keys: Partial<Record<KeyKind, string>> = { ...r.journaledKeys };
  for (const kind of r.kinds) {
    r.progress?.('keys');
    const { spki, generated } = await generateOrReuseKey(r.issuer, kind, keys[kind]);
    if (generated) await r.commit('keys-generated', { kind, spki }, { audit: { kind } });
    else await r.phase({ type: 'keys-generated', kind, spki });
    keys[kind] = spki;
  }
  r.progress?.('certificates');
  const certs = await issueOrReuse({
    db: r.db,
    procedureId: r.procedureId,
    authority: r.authority,
    offline: r.offline(),
    holder: r.holder,
    card: r.card,
    keys: Object.fromEntries(r.kinds.map((k) => [k, keys[k]!])),
    now: r.now(),
    commit: (data, effects, audit) => r.commit('certificates-issued', data, { effects, audit }),
  });
  if (certs.reused) await r.phase({ type: 'certificates-issued' });
  r.progress?.('write');
  await writeCertificates(r.issuer, r.authority, certs);
  await r.commit('certificates-written', {});
  await checkOnCard(r.session, {
    kinds: r.kinds,
    keys,
    secrets: r.secrets,
    authority: r.authority,
    label: r.label,
    ...(r.progress ? { stage: r.progress } : {}),
  });
  await r.commit('certificates-verified', {});
  return certs;
}
