// The embedded local authority: signing and authentication CAs, their CRLs, and the issuer key.
//
// Storage (a choice the spec left open): key material lives as JSON files in the directory the
// caller gives (one per mode), private keys sealed with AES-256-GCM under a data key that the
// KeyProtector wraps; authority.json is the commit point of creation. The certificate registry
// (serials, statuses, CRL numbers) is an interface: the app gives the database's.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  sign as rsaSign,
  webcrypto,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import type { CrlReason } from '../../preload/contract/rules/reasons';
import type { Apdu } from '../card/apdu';
import {
  JsonFileCertificateRegistry,
  writeFileAtomic,
  type CertificateRecord,
  type CertificateRegistry,
} from './certificate-registry';
import {
  AuthorityStateError,
  CertificateStatusError,
  SigningCertificateRefusedError,
  UnknownCertificateError,
  type CertificateStatus,
  type Der,
  type IssueCertificatesRequest,
  type SigningCertificateRequest,
  type IssuedCertificates,
  type IssuerAuthority,
  type IssuerSession,
  type KeyKind,
} from './issuer-authority';
import { isUnder15 } from '../../preload/contract/rules/age';
import { japanDate } from '../../preload/contract/rules/validity';
import { openCardIssuerSession } from './issuer-session';
import {
  RSA_SHA256,
  certificateValidity,
  createCaCertificate,
  createHolderCertificate,
  isRsa2048Spki,
  normaliseSerial,
  DEFAULT_OFFICE,
  authCommonName,
  signingCommonName,
  type IssuingOffice,
  randomSerial,
  type AuthorityIdentity,
  type CaKeys,
} from './jpki-profile';
import { answerOcspRequest } from './ocsp';
import { newDataKey, seal, unseal, type KeyProtector, type SealedBox } from './sealed-keys';

const crypto = webcrypto;
const generateRsa = promisify(generateKeyPair);

/**
 * Files in the authority's directory. authority.json is written last: it holds the wrapped data
 * key and a digest of each key file, so a directory without it was never used and is rebuilt.
 */
export const AUTHORITY_FILES = {
  manifest: 'authority.json',
  signingCa: 'ca-sign.json',
  authCa: 'ca-auth.json',
  issuerKey: 'issuer-key.json',
  registry: 'certificates.json',
} as const;

const CA_FILE: Readonly<Record<KeyKind, string>> = {
  signing: AUTHORITY_FILES.signingCa,
  auth: AUTHORITY_FILES.authCa,
};

/** Associated data of each sealed key: a box opens only in the file it was made for. */
const PURPOSE = {
  signing: 'madoguchi/authority/ca-sign',
  auth: 'madoguchi/authority/ca-auth',
  issuer: 'madoguchi/authority/issuer-key',
} as const;

export const DEFAULT_IDENTITY: AuthorityIdentity = {
  organization: 'JPKI-LOCAL',
  operator: 'Madoguchi Local Issuer Authority',
  serviceName: '窓口ローカル認証局',
};

const CRL_VALIDITY_MS = 24 * 60 * 60 * 1000;

const CRL_REASON: Readonly<Record<CrlReason, x509.X509CrlReason>> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
  privilegeWithdrawn: x509.X509CrlReason.privilegeWithdrawn,
};

export interface LocalAuthorityOptions {
  /** Where the authority keeps its files (production and practice each have their own). */
  readonly directory: string;
  /** Wraps the data key that encrypts the private keys (safeStorage in the app, a key file in tests). */
  readonly keyProtector: KeyProtector;
  /** Used only when the authority is created; afterwards the stored identity wins. */
  readonly identity?: AuthorityIdentity;
  /**
   * The app gives the database's (DbCertificateRegistry). Without one, a JSON file in the
   * directory, as earlier versions kept it: for tools and tests that run the authority alone.
   */
  readonly registry?: CertificateRegistry;
  /** The clock for creation and for status changes without an explicit time. */
  readonly now?: () => Date;
  /** The counter that asks for issues (its municipality and number); default DEFAULT_OFFICE. */
  readonly office?: IssuingOffice;
  /** The OCSP responder's URL written in each holder certificate (authorityInfoAccess). */
  readonly ocspUrl?: string;
}

export interface LocalAuthority extends IssuerAuthority {
  /** The key a card must trust for this authority's issuer sessions (SimCard issuerPublicKey). */
  readonly issuerPublicKey: KeyObject;
  readonly identity: AuthorityIdentity;
  /** True when this call created the authority; false when it loaded an existing one. */
  readonly created: boolean;
  /**
   * The OCSP responder (RFC 6960): the DER OCSPResponse to a DER OCSPRequest, signed by the CA
   * of the certificates asked about. Held certificates answer revoked with certificateHold.
   */
  answerOcsp(request: Der, now?: Date): Promise<Der>;
}

interface Manifest {
  readonly version: 1;
  readonly createdAt: string;
  readonly identity: AuthorityIdentity;
  /** The AES-256 data key, wrapped by the KeyProtector, base64. */
  readonly dataKey: string;
  /** SHA-256 (hex) of each key file as written. */
  readonly files: Readonly<Record<string, string>>;
}

interface CaFile {
  readonly version: 1;
  readonly kind: KeyKind;
  readonly certificate: string;
  readonly privateKey: SealedBox;
}

interface IssuerKeyFile {
  readonly version: 1;
  readonly publicKey: string;
  readonly privateKey: SealedBox;
}

interface Ca {
  readonly certificate: x509.X509Certificate;
  readonly der: Der;
  readonly keys: CaKeys;
}

interface Material {
  readonly identity: AuthorityIdentity;
  readonly cas: Readonly<Record<KeyKind, Ca>>;
  readonly issuer: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
}

/** Opens the authority in `directory`, creating its CAs and issuer key on first start. */
export async function openLocalAuthority(options: LocalAuthorityOptions): Promise<LocalAuthority> {
  const now = options.now ?? (() => new Date());
  await mkdir(options.directory, { recursive: true, mode: 0o700 });
  const manifest = await readManifest(options.directory);
  const material = manifest
    ? await loadMaterial(options.directory, manifest, options.keyProtector)
    : await createMaterial(
        options.directory,
        options.keyProtector,
        options.identity ?? DEFAULT_IDENTITY,
        now(),
      );
  const registry =
    options.registry ??
    (await JsonFileCertificateRegistry.open(join(options.directory, AUTHORITY_FILES.registry)));
  await sweepUnconfirmed(registry, now());
  return buildAuthority(material, registry, now, manifest === null, {
    office: options.office ?? DEFAULT_OFFICE,
    ...(options.ocspUrl ? { ocspUrl: options.ocspUrl } : {}),
  });
}

/**
 * How long a signed certificate may wait for the counter's record before it counts as left behind
 * by a stopped process: far longer than the moment between the two, so that another counter's
 * issue under way is never taken for one.
 */
export const UNCONFIRMED_GRACE_MS = 10 * 60 * 1000;

/** Revokes (superseded) what a stopped process signed and never recorded. */
async function sweepUnconfirmed(registry: CertificateRegistry, now: Date): Promise<void> {
  if (!registry.revokeUnconfirmed) return;
  const swept = await registry.revokeUnconfirmed(
    new Date(now.getTime() - UNCONFIRMED_GRACE_MS),
    now,
  );
  if (swept.length > 0)
    console.warn(`[Authority] revoked ${swept.length} certificate(s) signed but never recorded`);
}

// ---- creation and loading ----

async function readManifest(directory: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(directory, AUTHORITY_FILES.manifest), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.version !== 1) throw new Error('version');
    return manifest;
  } catch {
    throw new AuthorityStateError('the authority manifest is damaged or of another version');
  }
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

async function createMaterial(
  directory: string,
  protector: KeyProtector,
  identity: AuthorityIdentity,
  now: Date,
): Promise<Material> {
  const dataKey = newDataKey();
  try {
    const files: Record<string, string> = {};
    const write = async (name: string, content: object): Promise<void> => {
      const text = JSON.stringify(content, null, 2);
      await writeFileAtomic(join(directory, name), text);
      files[name] = sha256Hex(text);
    };

    const cas = {} as Record<KeyKind, Ca>;
    for (const kind of ['signing', 'auth'] as const) {
      const generated = (await crypto.subtle.generateKey(RSA_SHA256, true, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair;
      const der = await createCaCertificate(kind, identity, generated, now);
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', generated.privateKey));
      const file: CaFile = {
        version: 1,
        kind,
        certificate: Buffer.from(der).toString('base64'),
        privateKey: seal(dataKey, PURPOSE[kind], pkcs8),
      };
      pkcs8.fill(0);
      await write(CA_FILE[kind], file);
      // From here on the key in memory cannot be exported again.
      cas[kind] = await caFromFile(file, dataKey);
    }

    const issuer = await generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const issuerPkcs8 = issuer.privateKey.export({ type: 'pkcs8', format: 'der' });
    const issuerFile: IssuerKeyFile = {
      version: 1,
      publicKey: issuer.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      privateKey: seal(dataKey, PURPOSE.issuer, issuerPkcs8),
    };
    issuerPkcs8.fill(0);
    await write(AUTHORITY_FILES.issuerKey, issuerFile);

    const manifest: Manifest = {
      version: 1,
      createdAt: now.toISOString(),
      identity,
      dataKey: protector.protect(dataKey).toString('base64'),
      files,
    };
    await writeFileAtomic(
      join(directory, AUTHORITY_FILES.manifest),
      JSON.stringify(manifest, null, 2),
    );
    return { identity, cas, issuer };
  } finally {
    dataKey.fill(0);
  }
}

async function loadMaterial(
  directory: string,
  manifest: Manifest,
  protector: KeyProtector,
): Promise<Material> {
  const dataKey = protector.unprotect(Buffer.from(manifest.dataKey, 'base64'));
  try {
    const read = async <T>(name: string): Promise<T> => {
      let text: string;
      try {
        text = await readFile(join(directory, name), 'utf8');
      } catch {
        throw new AuthorityStateError(`authority file ${name} is missing`);
      }
      if (manifest.files[name] !== sha256Hex(text))
        throw new AuthorityStateError(`authority file ${name} was changed after creation`);
      return JSON.parse(text) as T;
    };
    const cas = {} as Record<KeyKind, Ca>;
    for (const kind of ['signing', 'auth'] as const) {
      const file = await read<CaFile>(CA_FILE[kind]);
      if (file.kind !== kind) throw new AuthorityStateError(`${CA_FILE[kind]} holds another CA`);
      cas[kind] = await caFromFile(file, dataKey);
    }
    const issuerFile = await read<IssuerKeyFile>(AUTHORITY_FILES.issuerKey);
    const issuer = issuerFromFile(issuerFile, dataKey);
    return { identity: manifest.identity, cas, issuer };
  } finally {
    dataKey.fill(0);
  }
}

async function caFromFile(file: CaFile, dataKey: Buffer): Promise<Ca> {
  const der = new Uint8Array(Buffer.from(file.certificate, 'base64'));
  const certificate = new x509.X509Certificate(der);
  const pkcs8 = openBox(dataKey, PURPOSE[file.kind], file.privateKey);
  try {
    const algorithm = { name: RSA_SHA256.name, hash: RSA_SHA256.hash };
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
    const publicKey = await crypto.subtle.importKey(
      'spki',
      certificate.publicKey.rawData,
      algorithm,
      true,
      ['verify'],
    );
    // A key that does not match its certificate would sign certificates nobody can verify.
    const probe = new TextEncoder().encode('madoguchi authority key check');
    const signature = await crypto.subtle.sign(algorithm.name, privateKey, probe);
    if (!(await crypto.subtle.verify(algorithm.name, publicKey, signature, probe)))
      throw new AuthorityStateError(`the ${file.kind} CA key does not match its certificate`);
    return { certificate, der, keys: { privateKey, publicKey } };
  } finally {
    pkcs8.fill(0);
  }
}

function issuerFromFile(
  file: IssuerKeyFile,
  dataKey: Buffer,
): { privateKey: KeyObject; publicKey: KeyObject } {
  const pkcs8 = openBox(dataKey, PURPOSE.issuer, file.privateKey);
  try {
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({
      key: Buffer.from(file.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    if (!derived.equals(publicKey.export({ type: 'spki', format: 'der' })))
      throw new AuthorityStateError('the issuer private key does not match its public key');
    return { privateKey, publicKey };
  } finally {
    pkcs8.fill(0);
  }
}

function openBox(dataKey: Buffer, purpose: string, box: SealedBox): Buffer {
  try {
    return unseal(dataKey, purpose, box);
  } catch {
    throw new AuthorityStateError(`cannot decrypt ${purpose}: wrong key protector or damaged file`);
  }
}

// ---- the authority ----

/** A record as the status the authority gives; a reserved certificate is good to everyone. */
function statusOf(record: CertificateRecord | null): CertificateStatus {
  if (!record) return { status: 'unknown' };
  if (record.status === 'on-hold') return { status: 'on-hold', since: new Date(record.heldAt!) };
  if (record.status === 'revoked')
    return {
      status: 'revoked',
      reason: record.reason ?? 'unspecified',
      since: new Date(record.revokedAt!),
    };
  return { status: 'good' };
}

function buildAuthority(
  material: Material,
  registry: CertificateRegistry,
  clock: () => Date,
  created: boolean,
  issuing: { readonly office: IssuingOffice; readonly ocspUrl?: string },
): LocalAuthority {
  const { cas, issuer, identity } = material;

  async function findRecord(serial: string): Promise<CertificateRecord> {
    const normalised = normaliseSerial(serial);
    const record = await registry.get(normalised);
    if (!record) throw new UnknownCertificateError(normalised);
    return record;
  }

  /** The card, the holder's age and the keys of a request; the certificates' validity. */
  function checkRequest(
    request: Omit<IssueCertificatesRequest, 'authPublicKey'>,
    keys: readonly (Der | undefined)[],
  ): { notBefore: Date; notAfter: Date } {
    const today = japanDate(request.now);
    if (request.cardExpiry <= today) throw new RangeError('the card has expired');
    if (request.signingPublicKey && isUnder15(request.holder.birthDate, today))
      throw new SigningCertificateRefusedError('under-15');
    for (const key of keys)
      if (key && !isRsa2048Spki(key))
        throw new RangeError('a holder key must be an RSA-2048 public key');
    return certificateValidity(request.holder.birthDate, request.cardExpiry, request.now);
  }

  async function issueOne(
    kind: KeyKind,
    publicKey: Der,
    request: Omit<IssueCertificatesRequest, 'authPublicKey'>,
    validity: { notBefore: Date; notAfter: Date },
  ): Promise<Der> {
    const serial = randomSerial();
    const subjectId =
      kind === 'signing'
        ? signingCommonName(request.now, issuing.office)
        : authCommonName(issuing.office);
    // The row comes first: a serial is kept even when the process stops right after signing.
    // A registry that confirms issues holds it as reserved until the counter records it.
    await registry.add({
      serial,
      kind,
      subjectId,
      cardSerial: request.cardSerial ?? null,
      notBefore: validity.notBefore.toISOString(),
      notAfter: validity.notAfter.toISOString(),
      issuedAt: request.now.toISOString(),
      status: registry.revokeUnconfirmed ? 'reserved' : 'good',
      heldAt: null,
      revokedAt: null,
      reason: null,
    });
    return createHolderCertificate({
      kind,
      ca: cas[kind],
      who: identity,
      ...issuing,
      publicKey,
      holder: request.holder,
      serial,
      subjectId,
      ...validity,
    });
  }

  return {
    issuerPublicKey: issuer.publicKey,
    identity,
    created,

    openIssuerSession(session: Apdu): Promise<IssuerSession> {
      return openCardIssuerSession(
        session,
        async (challenge) => new Uint8Array(rsaSign('sha256', challenge, issuer.privateKey)),
      );
    },

    async issueCertificates(request: IssueCertificatesRequest): Promise<IssuedCertificates> {
      const validity = checkRequest(request, [request.authPublicKey, request.signingPublicKey]);
      const auth = await issueOne('auth', request.authPublicKey, request, validity);
      if (!request.signingPublicKey) return { auth };
      const signing = await issueOne('signing', request.signingPublicKey, request, validity);
      return { signing, auth };
    },

    async issueSigningCertificate(request: SigningCertificateRequest): Promise<Der> {
      const validity = checkRequest(request, [request.signingPublicKey]);
      return issueOne('signing', request.signingPublicKey, request, validity);
    },

    caCertificate(kind: KeyKind): Der {
      return Uint8Array.from(cas[kind].der);
    },

    async revoke(serial: string, reason: CrlReason, now = clock()): Promise<void> {
      if (!Object.hasOwn(CRL_REASON, reason))
        throw new CertificateStatusError(`not a revocation reason`);
      const record = await findRecord(serial);
      if (record.status === 'revoked') {
        if (record.reason === reason) return;
        throw new CertificateStatusError(`certificate ${record.serial} is already revoked`);
      }
      await registry.update({
        ...record,
        status: 'revoked',
        reason,
        revokedAt: now.toISOString(),
      });
    },

    async hold(serial: string, now = clock()): Promise<void> {
      const record = await findRecord(serial);
      if (record.status === 'on-hold') return;
      if (record.status === 'revoked')
        throw new CertificateStatusError(`certificate ${record.serial} is revoked, not holdable`);
      await registry.update({ ...record, status: 'on-hold', heldAt: now.toISOString() });
    },

    async certificateStatus(serial: string): Promise<CertificateStatus> {
      return statusOf(await registry.get(normaliseSerial(serial)));
    },

    answerOcsp(request: Der, now = clock()): Promise<Der> {
      return answerOcspRequest(
        request,
        {
          cas,
          status: async (kind, serial) => {
            const record = await registry.get(serial);
            // A serial of the other CA is not this CA's to answer for.
            return statusOf(record?.kind === kind ? record : null);
          },
        },
        now,
      );
    },

    async publishCrl(kind: KeyKind, now: Date): Promise<Der> {
      await sweepUnconfirmed(registry, now);
      const ca = cas[kind];
      // An expired certificate needs no CRL entry (RFC 5280, 3.3): the list stays short.
      const listed = (await registry.listRevoked(kind)).filter((r) => new Date(r.notAfter) >= now);
      const entries: x509.X509CrlEntryParams[] = listed.map((r) =>
        r.status === 'on-hold'
          ? {
              serialNumber: r.serial,
              revocationDate: new Date(r.heldAt!),
              reason: x509.X509CrlReason.certificateHold,
            }
          : {
              serialNumber: r.serial,
              revocationDate: new Date(r.revokedAt!),
              reason: CRL_REASON[r.reason ?? 'unspecified'],
            },
      );
      const crlNumber = await registry.nextCrlNumber(kind);
      const crl = await x509.X509CrlGenerator.create(
        {
          issuer: ca.certificate.subjectName,
          thisUpdate: now,
          nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS),
          signingAlgorithm: RSA_SHA256,
          signingKey: ca.keys.privateKey,
          entries,
          extensions: [
            await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey, false, crypto),
            new x509.Extension(
              id_ce_cRLNumber,
              false,
              AsnConvert.serialize(new CRLNumber(crlNumber)),
            ),
          ],
        },
        crypto,
      );
      return new Uint8Array(crl.rawData);
    },
  };
}
