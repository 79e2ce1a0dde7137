// The JPKI certificate profile of docs/card.md: names, OIDs, the holder's facts in subjectAltName, validity.
import { createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AccessDescription,
  AuthorityInfoAccessSyntax,
  CRLDistributionPoints,
  DirectoryString,
  DistributionPoint,
  DistributionPointName,
  GeneralName,
  IssueAlternativeName,
  Name as AsnName,
  OtherName,
  SubjectAlternativeName,
  id_ad_ocsp,
  id_ce_cRLDistributionPoints,
  id_ce_issuerAltName,
  id_ce_subjectAltName,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { sexCodeOf } from '../../preload/contract/rules/sex';
import { certificateBirthdaysOn, japanDate } from '../../preload/contract/rules/validity';
import type { BasicFourFacts } from '../card/domain';
import type { Der, KeyKind } from './issuer-authority';

const crypto = webcrypto;

export const RSA_SHA256 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

export const POLICY_OID: Readonly<Record<KeyKind, string>> = {
  signing: '1.2.392.200149.8.5.1.1.20',
  auth: '1.2.392.200149.8.5.1.3.30',
};

/** The holder's facts under 1.2.392.200149.8.5.5 (docs/card.md, Data formats). */
export const HOLDER_OID = {
  name: '1.2.392.200149.8.5.5.1',
  sex: '1.2.392.200149.8.5.5.3',
  birthDate: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
} as const;

const ISSUER_OU: Readonly<Record<KeyKind, string>> = {
  signing: 'JPKI for digital signature',
  auth: 'JPKI for user authentication',
};

/** Who the local authority says it is; the national one is O=JPKI + J-LIS. */
export interface AuthorityIdentity {
  /** O= of both CAs: JPKI-LOCAL by default, JPKI-PRACTICE for practice mode, or a municipality's. */
  readonly organization: string;
  /** The last OU=, where the national CAs name J-LIS: the municipality or office running this. */
  readonly operator: string;
  /**
   * The service's name in the CAs' subjectAltName and the holders' issuerAltName, a directory
   * name C=JP, O=<this>; the national CAs write 公的個人認証サービス. Earlier authorities had none.
   */
  readonly serviceName?: string;
}

/** The national CAs' service name (the public CA certificates of 2023, subjectAltName). */
export const NATIONAL_SERVICE_NAME = '公的個人認証サービス';

/**
 * The counter that asks for an issue, as the national profile names it: the municipality's
 * prefecture and city in romaji (the signing certificate's L= and its CRL distribution point)
 * and the counter's 9-character id (受付窓口識別記号) that ends both holders' CNs.
 */
export interface IssuingOffice {
  /** e.g. Tokyo-to */
  readonly prefecture: string;
  /** e.g. Kiyose-shi */
  readonly city: string;
  /** 5 digits, e.g. 13221 */
  readonly municipalityCode: string;
  /** 1 … 999: which counter of the municipality. */
  readonly counterNumber: number;
}

/** The fictional practice municipality (見本県窓口市, 99999), counter 1. */
export const DEFAULT_OFFICE: IssuingOffice = {
  prefecture: 'Mihon-ken',
  city: 'Madoguchi-shi',
  municipalityCode: '99999',
  counterNumber: 1,
};

/**
 * The counter's id at the end of both holders' CNs: the municipality code, a 3-digit counter
 * number and `A`. The public test card's authentication CN ends `13221003A` (清瀬市, 13221); what
 * the last four characters stand for is not published, this reading is the product's.
 */
export function counterId(office: IssuingOffice): string {
  if (!/^\d{5}$/.test(office.municipalityCode))
    throw new RangeError('a municipality code has 5 digits');
  if (
    !Number.isInteger(office.counterNumber) ||
    office.counterNumber < 1 ||
    office.counterNumber > 999
  )
    throw new RangeError('a counter number is 1 … 999');
  return `${office.municipalityCode}${String(office.counterNumber).padStart(3, '0')}A`;
}

const CN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** n characters of [0-9A-Z] from the system's random source. */
function randomAlphanumeric(n: number): string {
  const bytes = randomBytes(n);
  // 252 = 7 × 36: bytes above it would bias the first letters; redraw them.
  return Array.from(bytes, (b) =>
    b < 252 ? CN_ALPHABET[b % 36] : CN_ALPHABET[randomBytes(1)[0]! % 36],
  ).join('');
}

/**
 * The signing certificate's CN: the moment of the request in Japan time (YYYYMMDDhhmmss), a
 * 5-digit sequence number and the counter's id (the national profile as read from public card
 * readers' notes). The sequence is drawn at random here: the serial is what is unique.
 */
export function signingCommonName(at: Date, office: IssuingOffice): string {
  const jst = new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString();
  const stamp = jst.slice(0, 19).replace(/[-T:]/g, '');
  const sequence = String(randomBytes(4).readUInt32BE() % 100000).padStart(5, '0');
  return `${stamp}${sequence}${counterId(office)}`;
}

/**
 * The authentication certificate's CN: 14 opaque characters and the counter's id, 23 in all, as
 * the public test card's (`997794E9AGCIEG13221003A`). Nothing about the holder can be read from it.
 */
export function authCommonName(office: IssuingOffice): string {
  return `${randomAlphanumeric(14)}${counterId(office)}`;
}

/** A directory name as the ASN.1 schema's Name, from @peculiar/x509 JSON. */
function asnName(name: x509.JsonNameParams): AsnName {
  return AsnConvert.parse(new x509.Name(name).toArrayBuffer(), AsnName);
}

/** The service's directory name C=JP, O=<service name> (UTF8String), as a GeneralName. */
function serviceGeneralName(who: AuthorityIdentity): GeneralName {
  return new GeneralName({
    directoryName: asnName([
      { C: [{ printableString: 'JP' }] },
      { O: [{ utf8String: who.serviceName ?? NATIONAL_SERVICE_NAME }] },
    ]),
  });
}

/** cRLDistributionPoints with one directory name, as the national CAs and certificates have. */
function crlDistributionPoint(name: x509.JsonNameParams): x509.Extension {
  const points = new CRLDistributionPoints([
    new DistributionPoint({
      distributionPoint: new DistributionPointName({
        fullName: [new GeneralName({ directoryName: asnName(name) })],
      }),
    }),
  ]);
  return new x509.Extension(id_ce_cRLDistributionPoints, false, AsnConvert.serialize(points));
}

/** RDN order of the national CAs (docs/card.md, Data formats) with the local organisation's names. */
export function caName(kind: KeyKind, who: AuthorityIdentity): x509.JsonName {
  return [
    { C: ['JP'] },
    { O: [who.organization] },
    { OU: [ISSUER_OU[kind]] },
    { OU: [who.operator] },
  ];
}

// ---- dates: certificates follow the holder's calendar, which is Japan's ----

/** The last second of a Japanese calendar day. */
function endOfJapanDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59+09:00`);
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Eras by first day (Gregorian). 明治 counts from 1868-01-25, the first day of its year; earlier
 * dates do not occur for living holders.
 */
const ERAS = [
  { digit: 5, start: '2019-05-01' }, // 令和
  { digit: 4, start: '1989-01-08' }, // 平成
  { digit: 3, start: '1926-12-25' }, // 昭和
  { digit: 2, start: '1912-07-30' }, // 大正
  { digit: 1, start: '1868-01-25' }, // 明治
] as const;

/** The certificate's birth date: era digit + Gregorian YYYYMMDD ('319800217' for 1980-02-17). */
export function certificateBirthDate(birthDate: string): string {
  const digit = ERAS.find((e) => birthDate >= e.start)?.digit ?? 1;
  return `${digit}${birthDate.replaceAll('-', '')}`;
}

/**
 * The nth birthday strictly after `after`. A 29 February birthday falls on 28 February in other
 * years, so a certificate never outlives the day it is due (same rule as the simulated cards).
 */
export function nthBirthdayAfter(birthDate: string, after: string, n: number): string {
  const monthDay = birthDate.slice(5);
  let year = Number(after.slice(0, 4));
  if (`${year}-${monthDay}` <= after) year += 1;
  year += n - 1;
  return monthDay === '02-29' && !isLeap(year) ? `${year}-02-28` : `${year}-${monthDay}`;
}

/**
 * From the moment of issue to the end of the rule set's birthday after it (the 5th today), never
 * past the card's expiry.
 */
export function certificateValidity(
  birthDate: string,
  cardExpiry: string,
  now: Date,
): { notBefore: Date; notAfter: Date } {
  const today = japanDate(now);
  const fifth = nthBirthdayAfter(birthDate, today, certificateBirthdaysOn(today));
  const last = fifth < cardExpiry ? fifth : cardExpiry;
  // Whole seconds: X.509 times carry no fractions, and the stored record must match the DER.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { notBefore, notAfter: endOfJapanDay(last) };
}

// ---- the holder's facts ----

/**
 * subjectAltName with the four facts as otherName UTF8Strings, in the order a JPKI test card
 * has them (name, birth date, sex, address). Built from ASN.1 schema classes, not by hand.
 */
export function holderAltNames(holder: BasicFourFacts): x509.Extension {
  const other = (typeId: string, value: string): GeneralName =>
    new GeneralName({
      otherName: new OtherName({
        typeId,
        value: AsnConvert.serialize(new DirectoryString({ utf8String: value })),
      }),
    });
  const names = new SubjectAlternativeName([
    other(HOLDER_OID.name, holder.name),
    other(HOLDER_OID.birthDate, certificateBirthDate(holder.birthDate)),
    other(HOLDER_OID.sex, sexCodeOf(holder.sex)),
    other(HOLDER_OID.address, holder.address),
  ]);
  return new x509.Extension(id_ce_subjectAltName, false, AsnConvert.serialize(names));
}

// ---- serials and subjects ----

/** A positive random serial of 16 bytes, upper-case hex, first byte 01..7F (no sign, no padding). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

/** Serials compare as upper-case hex without separators or leading zero bytes. */
export function normaliseSerial(serial: string): string {
  const hex = serial.replace(/[\s:]/g, '').toUpperCase();
  // Some tools print the serial as an integer, dropping a leading zero nibble.
  return (hex.length % 2 === 1 ? `0${hex}` : hex).replace(/^(00)+(?=..)/, '');
}

// ---- certificates ----

export interface CaKeys {
  readonly publicKey: webcrypto.CryptoKey;
  readonly privateKey: webcrypto.CryptoKey;
}

/** A CA runs 10 years: from its creation to the end (Japan time) of the day before, 10 years on. */
export const CA_VALIDITY_YEARS = 10;

/**
 * The CA's validity as the national CAs of 2023 have it: 2023-07-16 00:50 UTC to 2033-07-15
 * 23:59:59 Japan time (notAfter 14:59:59Z).
 */
export function caValidity(now: Date): { notBefore: Date; notAfter: Date } {
  const today = japanDate(now);
  const end = new Date(
    `${Number(today.slice(0, 4)) + CA_VALIDITY_YEARS}${today.slice(4)}T00:00:00+09:00`,
  );
  end.setTime(end.getTime() - 1000);
  return { notBefore: new Date(Math.floor(now.getTime() / 1000) * 1000), notAfter: end };
}

/** A CA serial as the national ones are: a small positive integer (4 bytes, 067C6A21 in 2023). */
function caSerial(): string {
  const bytes = randomBytes(4);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

/**
 * A self-signed CA certificate for one kind of holder certificate, with the extensions of the
 * national CAs in their order: keyUsage (critical), subjectAltName (the service's directory
 * name), basicConstraints (critical, CA, no path length), cRLDistributionPoints (the CA's own
 * name), subjectKeyIdentifier.
 */
export async function createCaCertificate(
  kind: KeyKind,
  who: AuthorityIdentity,
  keys: CaKeys,
  now: Date,
): Promise<Der> {
  const name = caName(kind, who);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: caSerial(),
      name,
      ...caValidity(now),
      keys,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        new x509.Extension(
          id_ce_subjectAltName,
          false,
          AsnConvert.serialize(new SubjectAlternativeName([serviceGeneralName(who)])),
        ),
        new x509.BasicConstraintsExtension(true, undefined, true),
        crlDistributionPoint(name),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return new Uint8Array(certificate.rawData);
}

export interface HolderCertificateParams {
  readonly kind: KeyKind;
  readonly ca: { readonly certificate: x509.X509Certificate; readonly keys: CaKeys };
  readonly who: AuthorityIdentity;
  readonly office: IssuingOffice;
  readonly publicKey: Der;
  readonly holder: BasicFourFacts;
  readonly serial: string;
  /** The CN: signingCommonName() or authCommonName(). */
  readonly subjectId: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The authority's OCSP responder, written in authorityInfoAccess when there is one. */
  readonly ocspUrl?: string;
}

/** The holder's subject: C=JP, L=<prefecture>, L=<city>, CN=… (signing); C=JP, CN=… (auth). */
export function holderSubject(
  kind: KeyKind,
  office: IssuingOffice,
  commonName: string,
): x509.JsonNameParams {
  const cn = { CN: [{ utf8String: commonName }] };
  if (kind === 'auth') return [{ C: [{ printableString: 'JP' }] }, cn];
  return [
    { C: [{ printableString: 'JP' }] },
    { L: [{ utf8String: office.prefecture }] },
    { L: [{ utf8String: office.city }] },
    cn,
  ];
}

/**
 * Where a holder certificate's CRL is: for a signing certificate, the issuing municipality's
 * partition (C=JP, O=<org>, OU=JPKI for digital signature, OU=CRL Distribution Points,
 * OU=<prefecture>, CN=<city> CRLDP, as public mocks of the national certificates show); for an
 * authentication certificate, the CA's own name, as the CA certificates carry it.
 */
export function holderCrlName(
  kind: KeyKind,
  who: AuthorityIdentity,
  office: IssuingOffice,
): x509.JsonNameParams {
  if (kind === 'auth') return caName('auth', who);
  return [
    { C: [{ printableString: 'JP' }] },
    { O: [{ utf8String: who.organization }] },
    { OU: [{ utf8String: ISSUER_OU.signing }] },
    { OU: [{ utf8String: 'CRL Distribution Points' }] },
    { OU: [{ utf8String: office.prefecture }] },
    { CN: [{ utf8String: `${office.city} CRLDP` }] },
  ];
}

/**
 * A holder certificate (X.509 v3, sha256WithRSAEncryption): keyUsage (critical), the holder's
 * facts (signing only), certificatePolicies, issuerAltName (the service's directory name),
 * cRLDistributionPoints, authorityInfoAccess (OCSP, when the authority serves it), the key ids.
 */
export async function createHolderCertificate(p: HolderCertificateParams): Promise<Der> {
  const usages =
    p.kind === 'signing'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
      : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [new x509.KeyUsagesExtension(usages, true)];
  // The authentication certificate proves "this card", never who holds it (docs/card.md).
  if (p.kind === 'signing') extensions.push(holderAltNames(p.holder));
  extensions.push(
    new x509.CertificatePolicyExtension([POLICY_OID[p.kind]], true),
    new x509.Extension(
      id_ce_issuerAltName,
      false,
      AsnConvert.serialize(new IssueAlternativeName([serviceGeneralName(p.who)])),
    ),
    crlDistributionPoint(holderCrlName(p.kind, p.who, p.office)),
  );
  if (p.ocspUrl)
    extensions.push(
      new x509.Extension(
        id_pe_authorityInfoAccess,
        false,
        AsnConvert.serialize(
          new AuthorityInfoAccessSyntax([
            new AccessDescription({
              accessMethod: id_ad_ocsp,
              accessLocation: new GeneralName({ uniformResourceIdentifier: p.ocspUrl }),
            }),
          ]),
        ),
      ),
    );
  extensions.push(
    await x509.AuthorityKeyIdentifierExtension.create(p.ca.keys.publicKey, false, crypto),
    await x509.SubjectKeyIdentifierExtension.create(p.publicKey, false, crypto),
  );
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: p.serial,
      issuer: p.ca.certificate.subjectName,
      subject: new x509.Name(holderSubject(p.kind, p.office, p.subjectId)),
      notBefore: p.notBefore,
      notAfter: p.notAfter,
      signingAlgorithm: RSA_SHA256,
      publicKey: p.publicKey,
      signingKey: p.ca.keys.privateKey,
      extensions,
    },
    crypto,
  );
  return new Uint8Array(certificate.rawData);
}

/** True for a DER SubjectPublicKeyInfo of an RSA key with a 2048-bit modulus (docs/card.md). */
export function isRsa2048Spki(spki: Der): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 2048;
  } catch {
    return false;
  }
}
