// Card health: what the counter needs to know about a card, read without spending a PIN try.
import type {
  CardHealthDto,
  CardHolderDto,
  CardRevocationDto,
  CertificateSummaryDto,
  NextActionCode,
  PinKind,
  PinStatusDto,
} from '../../preload/contract/dto';
import {
  cardExpiryState,
  certificateValidity,
  japanDate,
} from '../../preload/contract/rules/validity';
import { cardKindOfChip } from '../../preload/contract/rules/card-kinds';
import { atrHex, atrLabel } from './atr-table';
import { COMMON_AID, readChipState } from './apps/common';
import { JPKI_AID, readCertificate, readCertificatePresence } from './apps/jpki';
import type { JpkiCertificate } from './apps/jpki';
import { CardTerminatedError } from './card-errors';
import type { CardSession } from './card-session';
import type { PinStatus } from './domain';
import { readPinStates } from './pins';

type Validity = CertificateSummaryDto['validity'];

/**
 * Reads the health of the recognised card in `session` (which has already read the identity
 * and left the common application selected). About 16 APDUs plus the auth certificate's reads.
 */
export async function readCardHealth(session: CardSession, now: Date): Promise<CardHealthDto> {
  const identity = session.identity;

  await session.selectApplication(COMMON_AID);
  const chipState = await readChipState(session);
  // The DTO has no terminated state: a terminated card is an error (card-terminated).
  if (chipState === 'terminated') throw new CardTerminatedError(session.reader);

  await session.selectApplication(JPKI_AID);
  const presence = await readCertificatePresence(session);
  const authCert = presence.auth ? await readCertificate(session, 'auth') : null;
  // With JPKI still selected: the states need no second SELECT of it.
  const states = await readPinStates(session);
  const pins: PinStatusDto[] = PIN_ORDER.map((kind) => pinDto(kind, states[kind]));

  const authSummary = certificateSummary('auth', authCert, presence.auth, now);
  // The signing certificate (EF 0001) needs the signing password to be read, so health reports
  // its presence only. Both certificates are issued and renewed together (docs/card.md, Validity), so
  // its validity class is taken to be the auth certificate's; with no auth certificate to go
  // by, a present signing certificate is reported 'valid'.
  const signingSummary: CertificateSummaryDto = {
    kind: 'signing',
    present: presence.signing,
    notBefore: undefined,
    notAfter: undefined,
    validity: !presence.signing
      ? 'absent'
      : authSummary.validity === 'absent'
        ? 'valid'
        : authSummary.validity,
  };

  return {
    reader: session.reader,
    atrHex: atrHex(session.atr),
    atrLabel: atrLabel(session.atr),
    serial: identity.serial,
    municipalityCode: identity.municipalityCode,
    cardExpiry: identity.cardExpiry,
    chipState,
    pins,
    certificates: [signingSummary, authSummary],
    cardKind: cardKindOfChip({
      anyPinSet: pins.some((p) => p.state !== 'not-set'),
      signingPresent: presence.signing,
      authPresent: authSummary.present,
    }),
    nextActions: nextActions({
      pins,
      presence,
      authValidity: authSummary.validity,
      cardExpiry: identity.cardExpiry,
      chipState,
      now,
    }),
    readAt: now.toISOString(),
  };
}

/** The order the DTO lists the secrets in. */
const PIN_ORDER: readonly PinKind[] = ['signing', 'auth', 'juki', 'text'];

function pinDto(kind: PinKind, s: PinStatus): PinStatusDto {
  return { kind, state: s.state, triesLeft: s.triesLeft, maxTries: s.maxTries };
}

function certificateSummary(
  kind: 'auth' | 'signing',
  cert: JpkiCertificate | null,
  flaggedPresent: boolean,
  now: Date,
): CertificateSummaryDto {
  if (!cert) {
    // EF 0008 may claim a certificate the EF does not hold; the EF is the truth.
    if (flaggedPresent) console.warn(`[CardService] ${kind} certificate flagged but EF empty`);
    return { kind, present: false, validity: 'absent' };
  }
  return {
    kind,
    present: true,
    notBefore: japanDate(cert.notBefore),
    notAfter: japanDate(cert.notAfter),
    serialHex: cert.serialHex,
    issuer: cert.issuer,
    validity: certificateValidity(cert.notBefore, cert.notAfter, now),
  };
}

export function nextActions(facts: {
  pins: readonly PinStatusDto[];
  presence: { signing: boolean; auth: boolean };
  authValidity: Validity;
  cardExpiry: string;
  chipState: 'active' | 'suspended';
  now: Date;
}): NextActionCode[] {
  const { pins, presence } = facts;
  // A card fresh from the factory: nothing below applies until it is issued.
  if (pins.every((p) => p.state === 'not-set') && !presence.auth && !presence.signing) {
    return ['issue-card'];
  }
  const out: NextActionCode[] = [];
  // Every issued card has an authentication certificate (under 15 too): PINs without one mean an
  // issuance that stopped after the PINs (後日交付, a pulled card) and waits to be resumed.
  if (!presence.auth) out.push('finish-issuance');
  if (facts.chipState === 'suspended') out.push('release-suspension');
  if (pins.some((p) => p.state === 'locked')) out.push('reset-locked-pin');
  const card = cardExpiryState(facts.cardExpiry, facts.now);
  if (card === 'expired') out.push('card-expired');
  if (card === 'expiring') out.push('card-expiring');
  if (facts.authValidity === 'expired') out.push('certificates-expired');
  if (facts.authValidity === 'expiring') out.push('renew-certificates');
  return out.length > 0 ? out : ['none'];
}

/** What the database knows of a card, for its health (chip and database together). */
export interface DatabaseCardState {
  readonly state: 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';
  readonly destroyed: boolean;
  /** A newer card replaces it (再交付). */
  readonly replaced: boolean;
  /** Whose card it is. */
  readonly holder?: CardHolderDto;
  /** Its 廃止: reason and time. */
  readonly revocation?: CardRevocationDto;
  /** The card's certificate rows, oldest first; absent: the certificates are left as read. */
  readonly certificates?: readonly {
    readonly kind: 'signing' | 'auth';
    readonly serial: string;
    readonly status: 'issued' | 'on_hold' | 'revoked' | 'expired';
  }[];
}

/**
 * The card's health with its database state: a card terminated in the database is never usable
 * again, even when its chip still says active (a lost card found after 廃止): only its return
 * (穴あけ) and, when not replaced yet, a 再交付 remain. A card suspended in the database but not on
 * the chip still needs its release.
 */
export function withDatabaseState(
  health: CardHealthDto,
  db: DatabaseCardState | undefined,
): CardHealthDto {
  if (!db) return health;
  const known: CardHealthDto = {
    ...health,
    databaseState: db.state,
    ...(db.holder ? { holder: db.holder } : {}),
    ...(db.revocation ? { revocation: db.revocation } : {}),
    certificates: health.certificates.map((c) => withRevocation(c, db.certificates)),
  };
  if (db.state === 'terminated') {
    const actions: NextActionCode[] = [];
    if (!db.destroyed) actions.push('record-return');
    if (!db.replaced) actions.push('reissue');
    return { ...known, nextActions: actions.length > 0 ? actions : ['none'] };
  }
  if (db.state === 'suspended' && !known.nextActions.includes('release-suspension')) {
    const rest = known.nextActions.filter((a) => a !== 'none');
    return { ...known, nextActions: ['release-suspension', ...rest] };
  }
  return known;
}

/**
 * The certificate as revoked when its database row says so. The auth certificate is matched by
 * serial; the signing one, whose serial health cannot read without the password, by the card's
 * latest signing row (each issue writes both, so the latest row is the one on the chip).
 */
function withRevocation(
  cert: CertificateSummaryDto,
  rows: DatabaseCardState['certificates'],
): CertificateSummaryDto {
  if (!cert.present || !rows) return cert;
  const ofKind = rows.filter((r) => r.kind === cert.kind);
  const row =
    cert.serialHex !== undefined
      ? ofKind.find((r) => sameSerial(r.serial, cert.serialHex ?? ''))
      : ofKind.at(-1);
  return row?.status === 'revoked' ? { ...cert, validity: 'revoked' } : cert;
}

/** What the authority's status responder says of serials of one CA (upper-case hex keys). */
export type AuthorityStatusLookup = (
  kind: 'signing' | 'auth',
  serials: readonly string[],
) => Promise<
  ReadonlyMap<string, { status: 'good' | 'on-hold' | 'revoked' | 'unknown'; reason?: string }>
>;

/**
 * The card's health with what the issuing authority's responder says of its certificates: the
 * authority, not the chip, is where a suspension or revocation lives. The auth certificate is
 * asked by its serial on the chip, the signing one by the card's latest signing row. A responder
 * that does not answer (a card of another authority) leaves the health as it was.
 */
export async function withAuthorityStatus(
  health: CardHealthDto,
  rows: DatabaseCardState['certificates'],
  lookup: AuthorityStatusLookup,
): Promise<CardHealthDto> {
  const certificates = await Promise.all(
    health.certificates.map(async (cert) => {
      if (!cert.present) return cert;
      const serial = cert.serialHex ?? rows?.filter((r) => r.kind === cert.kind).at(-1)?.serial;
      if (!serial) return cert;
      let answer;
      try {
        answer = (await lookup(cert.kind, [serial])).get(normalisedSerial(serial));
      } catch (e) {
        console.warn(`[CardHealth] the authority's responder gave no answer: ${(e as Error).name}`);
        return cert;
      }
      if (!answer) return cert;
      // OCSP says a suspension as revoked with reason certificateHold (RFC 6960, 2.2).
      const status =
        answer.status === 'revoked' && answer.reason === 'certificateHold'
          ? 'on-hold'
          : answer.status;
      const reason =
        status === 'revoked' && answer.reason ? { authorityReason: answer.reason } : {};
      const validity = status === 'revoked' || status === 'on-hold' ? status : cert.validity;
      return { ...cert, validity, authorityStatus: status, ...reason };
    }),
  );
  const held = certificates.some((c) => c.authorityStatus === 'on-hold');
  const nextActions =
    held && !health.nextActions.includes('release-suspension')
      ? ['release-suspension' as const, ...health.nextActions.filter((a) => a !== 'none')]
      : health.nextActions;
  return { ...health, certificates, nextActions };
}

const normalisedSerial = (s: string): string =>
  s
    .replace(/[\s:]/g, '')
    .toUpperCase()
    .replace(/^(00)+(?=..)/, '');

// The database keeps serials lower case, the card reads them upper case.
function sameSerial(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/[\s:]/g, '')
      .toLowerCase()
      .replace(/^(00)+(?=..)/, '');
  return norm(a) === norm(b);
}

/**
 * The health with the chip's four facts compared with the resident record: when they differ (a
 * move, a new name since the card was issued) the card needs a 券面記載事項の変更, offered first.
 * `match` is the text application's answer read with 照合番号A; null when it was not compared.
 */
export function withRecordFacts(
  health: CardHealthDto,
  match: 'match' | 'facts-differ' | null,
): CardHealthDto {
  if (match === null) return health;
  if (match === 'match') return { ...health, factsMatchRecord: true };
  const rest = health.nextActions.filter((a) => a !== 'none');
  return { ...health, factsMatchRecord: false, nextActions: ['change-card-facts', ...rest] };
}
