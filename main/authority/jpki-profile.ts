// The JPKI certificate profile of docs/card.md: names, OIDs, the holder's facts in subjectAltName, validity.
import { createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  DirectoryString,
  GeneralName,
  OtherName,
  SubjectAlternativeName,
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
  return new x509.Extension('2.5.29.17', false, AsnConvert.serialize(names));
}

// ---- serials and subjects ----

/** A positive random serial of 16 bytes, upper-case hex, first byte 01..7F (no sign, no padding). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

/** An opaque subject id: nothing about the holder can be read from it. */
export function opaqueSubjectId(): string {
  return randomBytes(10).toString('hex').toUpperCase();
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

/** A self-signed CA certificate for one kind of holder certificate. */
export async function createCaCertificate(
  kind: KeyKind,
  who: AuthorityIdentity,
  keys: CaKeys,
  now: Date,
  years: number,
): Promise<Der> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: caName(kind, who),
      notBefore: now,
      notAfter,
      keys,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
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
  readonly publicKey: Der;
  readonly holder: BasicFourFacts;
  readonly serial: string;
  readonly subjectId: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A holder certificate (X.509 v3, sha256WithRSAEncryption, subject C=JP + CN=<opaque id>). */
export async function createHolderCertificate(p: HolderCertificateParams): Promise<Der> {
  const usages =
    p.kind === 'signing'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
      : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(usages, true),
    new x509.CertificatePolicyExtension([POLICY_OID[p.kind]], true),
    await x509.AuthorityKeyIdentifierExtension.create(p.ca.keys.publicKey, false, crypto),
    await x509.SubjectKeyIdentifierExtension.create(p.publicKey, false, crypto),
  ];
  // The authentication certificate proves "this card", never who holds it (docs/card.md).
  if (p.kind === 'signing') extensions.push(holderAltNames(p.holder));
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: p.serial,
      issuer: p.ca.certificate.subjectName,
      subject: [{ C: ['JP'] }, { CN: [p.subjectId] }],
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
