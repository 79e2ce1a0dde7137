// The issuer authority adapter: everything issuer-privileged the counter asks of a card and its CAs.
import type { PinKind } from '../../preload/contract/dto';
import type { CrlReason } from '../../preload/contract/rules/reasons';
import type { Apdu } from '../card/apdu';
import type { BasicFourFacts, IsoDate, Pin, SigningPassword } from '../card/domain';

/** The four secrets an issuer session sets (docs/card.md, Secrets); 'juki' covers 住基 and 共通. */
export type IssuerPinKind = PinKind;

/** The value type of each secret: only the validators in main/card/domain make these. */
export type IssuerPinValue<K extends IssuerPinKind> = K extends 'signing' ? SigningPassword : Pin;

export type KeyKind = 'signing' | 'auth';

/** The certificate EFs an issuer session writes: the holder's two and their CAs'. */
export type CertificateSlot = KeyKind | 'signing-ca' | 'auth-ca';

export type CardState = 'active' | 'suspended' | 'terminated';

/** DER bytes of a certificate, a CRL or a SubjectPublicKeyInfo. */
export type Der = Uint8Array;

/**
 * Issuer-privileged commands on one card, inside one card session (withCard). PIN values go
 * only into the call that sends them; nothing here keeps, logs or reports them.
 */
export interface IssuerSession {
  /** Initial setting of a secret (交付前設定): a fresh value and a full retry counter. */
  setPin<K extends IssuerPinKind>(kind: K, value: IssuerPinValue<K>): Promise<void>;
  /** Reset after a lockout or a forgotten PIN (初期化・再設定): a fresh value and counter. */
  resetPin<K extends IssuerPinKind>(kind: K, value: IssuerPinValue<K>): Promise<void>;
  /** Generates a key pair on the card; returns its public key (SubjectPublicKeyInfo DER). */
  generateKeyPair(kind: KeyKind): Promise<Der>;
  /**
   * The public key the card already holds for `kind` (ISO 7816-8 GENERATE P1=81, read existing
   * public key), or null when the key EF holds no key yet. Generates nothing: a resumed issuance
   * uses it to learn whether a key pair was made before the card was pulled.
   */
  readPublicKey(kind: KeyKind): Promise<Der | null>;
  writeCertificate(slot: CertificateSlot, der: Der): Promise<void>;
  /**
   * Empties a holder's certificate EF (顔認証: the signing certificate taken off the card, after
   * its revocation): its first bytes overwritten, so that it no longer starts a certificate.
   */
  clearCertificate(slot: KeyKind): Promise<void>;
  /** Takes a secret off the card: it reads as not set (顔認証: no PIN on the card). */
  clearPin(kind: IssuerPinKind): Promise<void>;
  /**
   * Writes the four facts to the text application (券面記載事項の変更): EF 0002, and EF 0003's
   * digest of it signed again with the issuer key. `integrity` is EF 0003 as read before (with
   * 照合番号A), whose digest of EF 0001 is kept.
   */
  writeTextFacts(facts: BasicFourFacts, integrity: Uint8Array): Promise<void>;
  /**
   * Rewrites the card face (券面事項確認AP EF 0002) with the four facts: the name and address
   * images, birth date and sex, and the issuer's signature over them made anew; the photo, the
   * application's key, the expiry and the security code kept. `cardFace` is EF 0002 as read
   * before (with 照合番号A).
   */
  writeCardFace(facts: BasicFourFacts, cardFace: Uint8Array): Promise<void>;
  setCardState(state: CardState): Promise<void>;
}

export interface IssueCertificatesRequest {
  readonly holder: BasicFourFacts;
  readonly cardExpiry: IsoDate;
  /** Absent when the resident declines the signing certificate; refused for a holder under 15. */
  readonly signingPublicKey?: Der;
  readonly authPublicKey: Der;
  readonly now: Date;
  /** The card the certificates go on, recorded with them. */
  readonly cardSerial?: string;
}

export type SigningCertificateRequest = Omit<
  IssueCertificatesRequest,
  'authPublicKey' | 'signingPublicKey'
> & { readonly signingPublicKey: Der };

export interface IssuedCertificates {
  readonly signing?: Der;
  readonly auth: Der;
}

export type CertificateStatus =
  | { readonly status: 'good' }
  | { readonly status: 'on-hold'; readonly since: Date }
  | { readonly status: 'revoked'; readonly reason: CrlReason; readonly since: Date }
  | { readonly status: 'unknown' };

export interface IssuerAuthority {
  /**
   * Opens an issuer session on the card of `session` (GET CHALLENGE + EXTERNAL AUTHENTICATE with
   * the issuer key). Rejects with IssuerSessionRefusedError when the card does not trust this
   * authority.
   */
  openIssuerSession(session: Apdu): Promise<IssuerSession>;
  issueCertificates(request: IssueCertificatesRequest): Promise<IssuedCertificates>;
  /**
   * A signing certificate alone (電子証明書の更新 after a change of the four facts): the
   * authentication certificate of the card stays as it is.
   */
  issueSigningCertificate(request: SigningCertificateRequest): Promise<Der>;
  /** The CA certificate that issues certificates of `kind` (to write into EF 0002 / 000B). */
  caCertificate(kind: KeyKind): Der;
  /** Revokes a good or held certificate. Revoking again with the same reason changes nothing. */
  /** `reason` is the CRL reason (rules/reasons.ts); certificateHold is hold()'s, not a revocation. */
  revoke(serial: string, reason: CrlReason, now?: Date): Promise<void>;
  /** Puts a good certificate on hold (suspension). A hold is never lifted: only revoke follows. */
  hold(serial: string, now?: Date): Promise<void>;
  certificateStatus(serial: string): Promise<CertificateStatus>;
  /** One CRL per CA, signed by that CA, listing its held and revoked certificates. */
  publishCrl(kind: KeyKind, now: Date): Promise<Der>;
}

/** The card refused this authority's issuer key: it was made for another issuer. */
export class IssuerSessionRefusedError extends Error {
  override readonly name = 'IssuerSessionRefusedError';
  constructor() {
    super('the card refused the issuer session (it trusts another issuer key)');
  }
}

/** No certificate with this serial was ever issued by this authority. */
export class UnknownCertificateError extends Error {
  override readonly name = 'UnknownCertificateError';
  constructor(readonly serial: string) {
    super(`no certificate with serial ${serial}`);
  }
}

/** The status change asked for is not allowed (releasing a hold, holding a revoked certificate…). */
export class CertificateStatusError extends Error {
  override readonly name = 'CertificateStatusError';
}

/** A signing certificate was asked for a holder who may not have one (under 15 at issue). */
export class SigningCertificateRefusedError extends Error {
  override readonly name = 'SigningCertificateRefusedError';
  constructor(readonly why: 'under-15') {
    super(`no signing certificate: holder ${why}`);
  }
}

/** The authority's files are damaged, partial in a way it cannot repair, or of another version. */
export class AuthorityStateError extends Error {
  override readonly name = 'AuthorityStateError';
}
