// The local authority's certificates against facts of the national ones, transcribed from public
// sources (no file of theirs is copied): the J-LIS CA certificates of 2023 as a card's EF 0002
// and EF 000B hold them (published in the tkyz/0 repository, dataset/jpki/, read with openssl),
// and the JPKI test card of the soltia48/myna-card tests (holder born 1980-02-17, 清瀬市 13221).
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  CRLDistributionPoints,
  IssueAlternativeName,
  Name as AsnName,
  SubjectAlternativeName,
} from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCertificateRegistry } from '../../../main/authority/certificate-registry';
import {
  authCommonName,
  caValidity,
  certificateValidity,
  counterId,
  signingCommonName,
  type IssuingOffice,
} from '../../../main/authority/jpki-profile';
import { openLocalAuthority, type LocalAuthority } from '../../../main/authority/local-authority';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

/** Facts of the J-LIS signing CA of 2023 (serial 067C6A21; the auth CA's are the same in kind). */
const NATIONAL_CA_2023 = {
  notBefore: '2023-07-16T00:50:27.000Z',
  notAfter: '2033-07-15T14:59:59.000Z',
  // keyUsage (critical), subjectAltName, basicConstraints (critical), cRLDistributionPoints, SKI.
  extensionOrder: ['2.5.29.15', '2.5.29.17', '2.5.29.19', '2.5.29.31', '2.5.29.14'],
  serviceName: '公的個人認証サービス',
} as const;

/** Facts of the public test card's authentication certificate. */
const TEST_CARD_AUTH = {
  commonName: '997794E9AGCIEG13221003A',
  notBefore: '2025-10-27',
  notAfter: '2030-02-17',
  birthDate: '1980-02-17',
  cardExpiry: '2035-02-17',
} as const;

/** The test card's municipality as the signing certificate names it (subject L=Kiyose-shi). */
const KIYOSE: IssuingOffice = {
  prefecture: 'Tokyo-to',
  city: 'Kiyose-shi',
  municipalityCode: '13221',
  counterNumber: 3,
};

const ISSUED = new Date('2025-10-27T02:00:00Z');

let dir: { path: string; remove: () => Promise<void> };
let authority: LocalAuthority;
let ca: x509.X509Certificate;
let signing: x509.X509Certificate;
let auth: x509.X509Certificate;

beforeAll(async () => {
  dir = await tempDirectory();
  authority = await openLocalAuthority({
    directory: dir.path,
    keyProtector: new TestKeyProtector(),
    registry: new InMemoryCertificateRegistry(),
    office: KIYOSE,
    ocspUrl: 'http://127.0.0.1:8080/',
  });
  ca = new x509.X509Certificate(authority.caCertificate('signing'));
  const [s, a] = await Promise.all([holderKey(), holderKey()]);
  const issued = await authority.issueCertificates({
    holder: facts(TEST_CARD_AUTH.birthDate),
    cardExpiry: isoDate(TEST_CARD_AUTH.cardExpiry),
    signingPublicKey: s.spki,
    authPublicKey: a.spki,
    now: ISSUED,
  });
  signing = new x509.X509Certificate(issued.signing!);
  auth = new x509.X509Certificate(issued.auth);
}, 60_000);

afterAll(() => dir.remove());

const directoryNameOf = (der: ArrayBuffer): string =>
  new x509.Name(AsnConvert.serialize(AsnConvert.parse(der, AsnName))).toString();

describe('CA certificates as J-LIS issues them', () => {
  it('run ten years, to the end (Japan time) of the day before', () => {
    const v = caValidity(new Date(NATIONAL_CA_2023.notBefore));
    expect(v.notAfter.toISOString()).toBe(NATIONAL_CA_2023.notAfter);
  });

  it('carry the national extensions in their order, a CA without a path length', () => {
    expect(ca.extensions.map((e) => e.type)).toEqual(NATIONAL_CA_2023.extensionOrder);
    const bc = ca.getExtension(x509.BasicConstraintsExtension)!;
    expect(bc).toMatchObject({ ca: true, critical: true, pathLength: undefined });
    // The CRL of the CA is found under the CA's own name.
    const crldp = AsnConvert.parse(ca.getExtension('2.5.29.31')!.value, CRLDistributionPoints);
    const name = crldp[0]!.distributionPoint!.fullName![0]!.directoryName!;
    expect(new x509.Name(AsnConvert.serialize(name)).toString()).toBe(ca.subject);
    // subjectAltName: a directory name C=JP, O=<the service>, like 公的個人認証サービス.
    const san = AsnConvert.parse(ca.getExtension('2.5.29.17')!.value, SubjectAlternativeName);
    expect(new x509.Name(AsnConvert.serialize(san[0]!.directoryName!)).toString()).toBe(
      'C=JP, O=窓口ローカル認証局',
    );
  });
});

describe('holder certificates as the public test card has them', () => {
  it('the counter id ends both CNs: 13221 003 A for the test card', () => {
    expect(counterId(KIYOSE)).toBe('13221003A');
    expect(TEST_CARD_AUTH.commonName.endsWith(counterId(KIYOSE))).toBe(true);
    const cn = authCommonName(KIYOSE);
    expect(cn).toHaveLength(TEST_CARD_AUTH.commonName.length);
    expect(cn).toMatch(/^[0-9A-Z]{14}13221003A$/);
    expect(auth.subject).toMatch(/^C=JP, CN=[0-9A-Z]{14}13221003A$/);
  });

  it('the signing certificate names the municipality and the moment of the request', () => {
    expect(signing.subject).toMatch(
      /^C=JP, L=Tokyo-to, L=Kiyose-shi, CN=20251027110000\d{5}13221003A$/,
    );
    expect(signingCommonName(new Date('2025-12-31T15:00:00Z'), KIYOSE)).toMatch(/^20260101000000/);
  });

  it('run from the issue to the 5th birthday after it, as the test card’s', () => {
    const v = certificateValidity(
      TEST_CARD_AUTH.birthDate,
      TEST_CARD_AUTH.cardExpiry,
      new Date(`${TEST_CARD_AUTH.notBefore}T02:00:00Z`),
    );
    expect(v.notAfter.toISOString()).toBe(`${TEST_CARD_AUTH.notAfter}T14:59:59.000Z`);
    expect(auth.notAfter.toISOString()).toBe(`${TEST_CARD_AUTH.notAfter}T14:59:59.000Z`);
  });

  it('name the service, their CRL and the OCSP responder', () => {
    for (const cert of [signing, auth]) {
      const ian = AsnConvert.parse(cert.getExtension('2.5.29.18')!.value, IssueAlternativeName);
      expect(new x509.Name(AsnConvert.serialize(ian[0]!.directoryName!)).toString()).toBe(
        'C=JP, O=窓口ローカル認証局',
      );
      const aia = cert.getExtension(x509.AuthorityInfoAccessExtension)!;
      expect(aia.ocsp.map((g) => g.value)).toEqual(['http://127.0.0.1:8080/']);
    }
    const crl = (c: x509.X509Certificate) =>
      AsnConvert.parse(c.getExtension('2.5.29.31')!.value, CRLDistributionPoints)[0]!
        .distributionPoint!.fullName![0]!.directoryName!;
    expect(directoryNameOf(AsnConvert.serialize(crl(signing)))).toBe(
      'C=JP, O=JPKI-LOCAL, OU=JPKI for digital signature, OU=CRL Distribution Points, OU=Tokyo-to, CN=Kiyose-shi CRLDP',
    );
    expect(directoryNameOf(AsnConvert.serialize(crl(auth)))).toBe(auth.issuer);
  });

  it('the sex code of a holder whose sex is not known is 0 (JIS X 0303)', async () => {
    const key = await holderKey();
    const der = await authority.issueSigningCertificate({
      holder: facts(TEST_CARD_AUTH.birthDate, { sex: 'unknown' }),
      cardExpiry: isoDate(TEST_CARD_AUTH.cardExpiry),
      signingPublicKey: key.spki,
      now: ISSUED,
    });
    const san = AsnConvert.parse(
      new x509.X509Certificate(der).getExtension('2.5.29.17')!.value,
      SubjectAlternativeName,
    );
    const sex = san.find((n) => n.otherName?.typeId === '1.2.392.200149.8.5.5.3')!;
    // UTF8String '0': tag 0C, length 1, '0'.
    expect(Array.from(new Uint8Array(sex.otherName!.value))).toEqual([0x0c, 0x01, 0x30]);
  }, 30_000);
});
