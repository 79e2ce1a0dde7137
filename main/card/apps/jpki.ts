// 公的個人認証 (JPKI) application: recognition, certificates, PIN states and on-card signing.
import type { X509Certificate } from '@peculiar/x509';
import { concatBytes } from '../apdu';
import type { Apdu } from '../apdu';
import { secretBytes } from '../domain';
import type { Pin, PinStatus, SigningPassword } from '../domain';
import {
  readBinary,
  readBinaryBytes,
  readPinStatus,
  selectAid,
  selectEf,
  verify,
} from '../iso7816';
import type { VerifyResult } from '../iso7816';
import { CardDataError } from '../tlv';

export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
/** Label in EF 0006 of a physical My Number Card (phones serve the same AID with other labels). */
export const MY_NUMBER_CARD_TOKEN_LABEL = 'JPKIAPICCTOKEN2';

export const JPKI_EF = {
  signingCert: 0x0001,
  signingCaCert: 0x0002,
  tokenInfo: 0x0006,
  certPresence: 0x0008,
  authCert: 0x000a,
  authCaCert: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signingKey: 0x001a,
  signingPin: 0x001b,
} as const;

export const AUTH_PIN_MAX_TRIES = 3;
export const SIGNING_PASSWORD_MAX_TRIES = 5;

export type JpkiKeyKind = 'auth' | 'signing';

export interface JpkiCertificate {
  readonly kind: JpkiKeyKind | 'auth-ca' | 'signing-ca';
  readonly serialHex: string;
  readonly issuer: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The parsed certificate, for signature checks by the authentication flow. */
  readonly x509: X509Certificate;
}

export interface CertificatePresence {
  readonly signing: boolean;
  readonly auth: boolean;
}

const LABEL_LENGTH = 32;

export async function selectJpki(ch: Apdu): Promise<void> {
  await selectAid(ch, JPKI_AID);
}

/** With JPKI selected: the token label, the first 32 bytes of EF 0006 with padding trimmed. */
export async function readTokenLabel(ch: Apdu): Promise<string> {
  await selectEf(ch, JPKI_EF.tokenInfo);
  const raw = await readBinaryBytes(ch, LABEL_LENGTH);
  return String.fromCharCode(...raw).replace(/[\s\0\xff]+$/, '');
}

/**
 * EF 0008: byte 0 tells the signing certificate, byte 1 the auth certificate. A card carrying
 * one shows 8F there [?]; 00 (or unwritten FF) means none, so any other value counts as present.
 */
export function parseCertificatePresence(bytes: Uint8Array): CertificatePresence {
  if (bytes.length < 2) throw new CardDataError('JPKI EF 0008 shorter than 2 bytes');
  const present = (b: number) => b !== 0x00 && b !== 0xff;
  return { signing: present(bytes[0]!), auth: present(bytes[1]!) };
}

export async function readCertificatePresence(ch: Apdu): Promise<CertificatePresence> {
  await selectEf(ch, JPKI_EF.certPresence);
  return parseCertificatePresence(await readBinaryBytes(ch, 3));
}

/**
 * The X.509 parser is loaded on first use: it costs about 80 ms of process start-up (bench:db,
 * core ready), and the app starts long before the first certificate is read.
 */
let x509Parser: Promise<{ X509Certificate: typeof X509Certificate }> | null = null;

export async function parseCertificate(
  der: Uint8Array,
  kind: JpkiCertificate['kind'],
): Promise<JpkiCertificate> {
  x509Parser ??= import('@peculiar/x509');
  const { X509Certificate } = await x509Parser;
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    throw new CardDataError(`JPKI ${kind} certificate does not parse`);
  }
  return {
    kind,
    serialHex: x509.serialNumber.toUpperCase(),
    issuer: x509.issuer,
    subject: x509.subject,
    notBefore: x509.notBefore,
    notAfter: x509.notAfter,
    x509,
  };
}

const CERT_EF: Record<JpkiCertificate['kind'], number> = {
  auth: JPKI_EF.authCert,
  'auth-ca': JPKI_EF.authCaCert,
  signing: JPKI_EF.signingCert,
  'signing-ca': JPKI_EF.signingCaCert,
};

/**
 * With JPKI selected: a certificate, or null when its EF is empty. The signing certificate
 * needs the signing password verified in this session first (else 6982).
 */
export async function readCertificate(
  ch: Apdu,
  kind: JpkiCertificate['kind'],
): Promise<JpkiCertificate | null> {
  await selectEf(ch, CERT_EF[kind]);
  const der = await readBinary(ch);
  return der.length === 0 ? null : await parseCertificate(der, kind);
}

export async function readJpkiPinStatus(ch: Apdu, kind: JpkiKeyKind): Promise<PinStatus> {
  return kind === 'auth'
    ? readPinStatus(ch, JPKI_EF.authPin, AUTH_PIN_MAX_TRIES)
    : readPinStatus(ch, JPKI_EF.signingPin, SIGNING_PASSWORD_MAX_TRIES);
}

/** Presents the auth PIN or the signing password; the bytes sent are zeroed right after. */
export async function verifyJpki(
  ch: Apdu,
  secret: { kind: 'auth'; pin: Pin } | { kind: 'signing'; password: SigningPassword },
): Promise<VerifyResult> {
  await selectEf(ch, secret.kind === 'auth' ? JPKI_EF.authPin : JPKI_EF.signingPin);
  const bytes = secretBytes(secret.kind === 'auth' ? secret.pin : secret.password);
  try {
    return await verify(ch, bytes);
  } finally {
    bytes.fill(0);
  }
}

/** DER prefix of DigestInfo { sha256, NULL } before the 32-byte hash (docs/card.md, Reading and signing). */
const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);

export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new RangeError('a SHA-256 digest is 32 bytes');
  return concatBytes([SHA256_DIGEST_INFO_PREFIX, digest]);
}

/**
 * Signs a SHA-256 digest with the on-card key: selects key EF 0017/001A, then
 * `80 2A 00 80 Lc <DigestInfo> 00`. The caller must have verified the matching secret in this
 * same session, or the card answers 6982. Returns the 256-byte PKCS#1 v1.5 signature.
 */
export async function sign(
  ch: Apdu,
  keyKind: JpkiKeyKind,
  digest: Uint8Array,
): Promise<Uint8Array> {
  const data = sha256DigestInfo(digest);
  await selectEf(ch, keyKind === 'auth' ? JPKI_EF.authKey : JPKI_EF.signingKey);
  const signature = await ch.exchange({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data, le: 256 });
  if (signature.length !== 256) {
    throw new CardDataError(`signature of ${signature.length} bytes, not 256`);
  }
  return signature;
}
