// Certificates of the local authority in the JPKI profile of docs/card.md: names, OIDs, facts, validity.
import { ageOn } from '../../../preload/contract/rules/age';
import { AsnConvert } from '@peculiar/asn1-schema';
import { DirectoryString, SubjectAlternativeName } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningCertificateRefusedError } from '../../../main/authority/issuer-authority';
import {
  certificateBirthDate,
  certificateValidity,
  normaliseSerial,
  nthBirthdayAfter,
} from '../../../main/authority/jpki-profile';
import { openLocalAuthority, type LocalAuthority } from '../../../main/authority/local-authority';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

const HOLDER_ARC = '1.2.392.200149.8.5.5';
const SIGNING_POLICY = '1.2.392.200149.8.5.1.1.20';
const AUTH_POLICY = '1.2.392.200149.8.5.1.3.30';
const SAN_OID = '2.5.29.17';

/** otherName values of a subjectAltName, by type id. */
function otherNames(certificate: x509.X509Certificate): Map<string, string> {
  const ext = certificate.getExtension(SAN_OID);
  if (!ext) return new Map();
  const names = AsnConvert.parse(ext.value, SubjectAlternativeName);
  return new Map(
    names.map((n) => {
      if (!n.otherName) throw new Error('a subjectAltName entry that is not an otherName');
      const value = AsnConvert.parse(n.otherName.value, DirectoryString);
      if (value.utf8String === undefined) throw new Error('an otherName that is not UTF8String');
      return [n.otherName.typeId, value.utf8String];
    }),
  );
}

const policiesOf = (c: x509.X509Certificate): readonly string[] =>
  c.getExtension(x509.CertificatePolicyExtension)?.policies ?? [];

let dir: { path: string; remove: () => Promise<void> };
let authority: LocalAuthority;

beforeAll(async () => {
  dir = await tempDirectory();
  authority = await openLocalAuthority({
    directory: dir.path,
    keyProtector: new TestKeyProtector(),
  });
}, 60_000);

afterAll(() => dir.remove());

describe('JPKI profile: dates', () => {
  it('writes a birth date as era digit + Gregorian YYYYMMDD', () => {
    expect(certificateBirthDate('1980-02-17')).toBe('319800217'); // 昭和
    expect(certificateBirthDate('1989-01-07')).toBe('319890107'); // last day of 昭和
    expect(certificateBirthDate('1989-01-08')).toBe('419890108'); // first day of 平成
    expect(certificateBirthDate('2019-04-30')).toBe('420190430');
    expect(certificateBirthDate('2019-05-01')).toBe('520190501'); // 令和
    expect(certificateBirthDate('1926-12-24')).toBe('219261224'); // 大正
    expect(certificateBirthDate('1912-07-29')).toBe('119120729'); // 明治
  });

  it('counts age in completed years, a 29 February birthday falling on 1 March in other years', () => {
    expect(ageOn('2011-11-25', '2026-11-24')).toBe(14);
    expect(ageOn('2011-11-25', '2026-11-25')).toBe(15);
    expect(ageOn('2008-02-29', '2023-02-28')).toBe(14);
    expect(ageOn('2008-02-29', '2023-03-01')).toBe(15);
  });

  it('finds the 5th birthday strictly after the issue date', () => {
    expect(nthBirthdayAfter('1980-02-17', '2026-11-25', 5)).toBe('2031-02-17');
    expect(nthBirthdayAfter('1980-02-17', '2026-02-17', 5)).toBe('2031-02-17');
    expect(nthBirthdayAfter('1980-02-17', '2026-02-16', 5)).toBe('2030-02-17');
    expect(nthBirthdayAfter('2000-02-29', '2026-11-25', 5)).toBe('2031-02-28');
  });

  it('ends validity on the 5th birthday after issue, or on the card expiry if that is earlier', () => {
    const now = new Date('2026-11-25T01:00:00Z');
    expect(certificateValidity('1980-02-17', '2035-02-17', now).notAfter.toISOString()).toBe(
      '2031-02-17T14:59:59.000Z',
    );
    expect(certificateValidity('1980-02-17', '2029-06-30', now).notAfter.toISOString()).toBe(
      '2029-06-30T14:59:59.000Z',
    );
  });

  it('takes the issue date in Japan time (16:00 UTC is already the next day there)', () => {
    // 2026-02-16T16:00Z is 2026-02-17 01:00 JST: the birthday itself, so not "after" it.
    const v = certificateValidity('1980-02-17', '2040-01-01', new Date('2026-02-16T16:00:00Z'));
    expect(v.notAfter.toISOString()).toBe('2031-02-17T14:59:59.000Z');
  });
});

describe('JPKI profile: the certificates issued', () => {
  const now = new Date('2026-11-25T01:23:45.678Z');
  const holder = facts('1980-02-17', {
    name: '黒桐　幹也',
    address: '東京都西東京市本町１－２－３',
    sex: 'male',
  });
  let signing: x509.X509Certificate;
  let auth: x509.X509Certificate;
  let keys: { signing: Uint8Array; auth: Uint8Array };

  beforeAll(async () => {
    const [s, a] = await Promise.all([holderKey(), holderKey()]);
    keys = { signing: s.spki, auth: a.spki };
    const issued = await authority.issueCertificates({
      holder,
      cardExpiry: isoDate('2035-02-17'),
      signingPublicKey: s.spki,
      authPublicKey: a.spki,
      now,
    });
    if (!issued.signing) throw new Error('a signing certificate was expected');
    signing = new x509.X509Certificate(issued.signing);
    auth = new x509.X509Certificate(issued.auth);
  }, 30_000);

  it('are X.509 v3, sha256WithRSAEncryption, signed by the matching CA', async () => {
    for (const [cert, kind] of [
      [signing, 'signing'],
      [auth, 'auth'],
    ] as const) {
      const ca = new x509.X509Certificate(authority.caCertificate(kind));
      expect(cert.signatureAlgorithm).toMatchObject({
        name: 'RSASSA-PKCS1-v1_5',
        hash: { name: 'SHA-256' },
      });
      expect(cert.issuer).toBe(ca.subject);
      expect(await cert.verify({ publicKey: ca.publicKey, date: now })).toBe(true);
    }
    // Each CA signs only its own kind.
    const authCa = new x509.X509Certificate(authority.caCertificate('auth'));
    expect(await signing.verify({ publicKey: authCa.publicKey, signatureOnly: true })).toBe(false);
    // Version 3: the TBSCertificate opens with [0] { INTEGER 2 }.
    const der = new Uint8Array(signing.rawData);
    const tbsAt = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
    const tbsBodyAt = tbsAt + (der[tbsAt + 1]! & 0x80 ? 2 + (der[tbsAt + 1]! & 0x7f) : 2);
    expect(Array.from(der.subarray(tbsBodyAt, tbsBodyAt + 5))).toEqual([0xa0, 3, 2, 1, 2]);
  });

  it('certify the public keys they were asked for', () => {
    expect(Buffer.from(signing.publicKey.rawData)).toEqual(Buffer.from(keys.signing));
    expect(Buffer.from(auth.publicKey.rawData)).toEqual(Buffer.from(keys.auth));
  });

  it('have the subjects of the national profile, which say nothing about the holder', () => {
    // 見本県窓口市 (99999), counter 1: the default office.
    expect(signing.subject).toMatch(/^C=JP, L=Mihon-ken, L=Madoguchi-shi, CN=\d{19}99999001A$/);
    expect(auth.subject).toMatch(/^C=JP, CN=[0-9A-Z]{14}99999001A$/);
    for (const cert of [signing, auth]) expect(cert.subject).not.toContain('黒桐');
    expect(signing.subject).not.toBe(auth.subject);
    expect(signing.serialNumber).not.toBe(auth.serialNumber);
  });

  it('the signing certificate carries the four facts as otherName UTF8Strings', () => {
    const names = otherNames(signing);
    expect(names.get(`${HOLDER_ARC}.1`)).toBe('黒桐　幹也');
    expect(names.get(`${HOLDER_ARC}.3`)).toBe('1');
    expect(names.get(`${HOLDER_ARC}.4`)).toBe('319800217');
    expect(names.get(`${HOLDER_ARC}.5`)).toBe('東京都西東京市本町１－２－３');
    // UTF8String is tag 0C: the name's bytes follow it in the DER.
    const nameBytes = Buffer.from('黒桐　幹也', 'utf8');
    const tagged = Buffer.concat([Buffer.of(0x0c, nameBytes.length), nameBytes]);
    expect(Buffer.from(signing.rawData).includes(tagged)).toBe(true);
  });

  it('the authentication certificate carries none of the facts', () => {
    expect(auth.getExtension(SAN_OID)).toBeNull();
    const der = Buffer.from(auth.rawData);
    for (const value of ['黒桐', '319800217', '東京都'])
      expect(der.includes(Buffer.from(value, 'utf8'))).toBe(false);
  });

  it('carry the policy OIDs of their kind', () => {
    expect(policiesOf(signing)).toEqual([SIGNING_POLICY]);
    expect(policiesOf(auth)).toEqual([AUTH_POLICY]);
  });

  it('signing: digitalSignature + nonRepudiation; auth: digitalSignature only', () => {
    const usage = (c: x509.X509Certificate) => c.getExtension(x509.KeyUsagesExtension);
    expect(usage(signing)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );
    expect(usage(auth)?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(usage(signing)?.critical).toBe(true);
  });

  it('run from the moment of issue to the end of the 5th birthday after it (JST)', () => {
    for (const cert of [signing, auth]) {
      expect(cert.notBefore.toISOString()).toBe('2026-11-25T01:23:45.000Z');
      expect(cert.notAfter.toISOString()).toBe('2031-02-17T14:59:59.000Z');
    }
  });

  it('never run past the card expiry', async () => {
    const key = await holderKey();
    const issued = await authority.issueCertificates({
      holder,
      cardExpiry: isoDate('2028-03-31'),
      authPublicKey: key.spki,
      now,
    });
    expect(new x509.X509Certificate(issued.auth).notAfter.toISOString()).toBe(
      '2028-03-31T14:59:59.000Z',
    );
  }, 30_000);

  it('are recorded as good under their serials', async () => {
    expect(await authority.certificateStatus(signing.serialNumber)).toEqual({ status: 'good' });
    expect(await authority.certificateStatus(auth.serialNumber.toLowerCase())).toEqual({
      status: 'good',
    });
  });
});

describe('JPKI profile: holders under 15', () => {
  const now = new Date('2026-11-25T01:00:00Z');

  it('a holder one day short of 15 gets an authentication certificate only', async () => {
    const key = await holderKey();
    const issued = await authority.issueCertificates({
      holder: facts('2011-11-26'),
      cardExpiry: isoDate('2031-11-26'),
      authPublicKey: key.spki,
      now,
    });
    expect(issued.signing).toBeUndefined();
    expect(policiesOf(new x509.X509Certificate(issued.auth))).toEqual([AUTH_POLICY]);
  }, 30_000);

  it('a signing certificate asked for a holder under 15 is refused outright', async () => {
    const [s, a] = await Promise.all([holderKey(), holderKey()]);
    await expect(
      authority.issueCertificates({
        holder: facts('2011-11-26'),
        cardExpiry: isoDate('2031-11-26'),
        signingPublicKey: s.spki,
        authPublicKey: a.spki,
        now,
      }),
    ).rejects.toBeInstanceOf(SigningCertificateRefusedError);
  }, 30_000);

  it('on the 15th birthday the signing certificate is issued', async () => {
    const [s, a] = await Promise.all([holderKey(), holderKey()]);
    const issued = await authority.issueCertificates({
      holder: facts('2011-11-25'),
      cardExpiry: isoDate('2031-11-25'),
      signingPublicKey: s.spki,
      authPublicKey: a.spki,
      now,
    });
    expect(issued.signing).toBeInstanceOf(Uint8Array);
  }, 30_000);

  it('refuses a key that is not RSA-2048', async () => {
    await expect(
      authority.issueCertificates({
        holder: facts('1980-02-17'),
        cardExpiry: isoDate('2035-02-17'),
        authPublicKey: Uint8Array.of(0x30, 0x00),
        now,
      }),
    ).rejects.toThrow(/RSA-2048/);
  });
});

describe('JPKI profile: serials', () => {
  it('compares serials however a tool prints them', () => {
    expect(normaliseSerial('01:dc:b5:f2')).toBe('01DCB5F2');
    expect(normaliseSerial('1DCB5F2')).toBe('01DCB5F2');
    expect(normaliseSerial('0001DCB5F2')).toBe('01DCB5F2');
    expect(normaliseSerial('00')).toBe('00');
  });
});
