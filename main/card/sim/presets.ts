// Card presets: simulated cards built from the data files in resources/cards, with their certificates.
import { generateKeyPair, webcrypto, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import { z } from 'zod';
import authLocked from '../../../resources/cards/auth-locked.json';
import certExpired from '../../../resources/cards/cert-expired.json';
import issued from '../../../resources/cards/issued.json';
import minor from '../../../resources/cards/minor.json';
import moved from '../../../resources/cards/moved.json';
import faceAuth from '../../../resources/cards/face-auth.json';
import prepared from '../../../resources/cards/prepared.json';
import signingLocked from '../../../resources/cards/signing-locked.json';
import suspended from '../../../resources/cards/suspended.json';
import tampered from '../../../resources/cards/tampered.json';
import tamperedNoAtr from '../../../resources/cards/tampered-no-atr.json';
import terminated from '../../../resources/cards/terminated.json';
import testCard from '../../../resources/cards/test-card.json';
import unknownCard from '../../../resources/cards/unknown-card.json';
import { SEX_CODES, sexOfCode } from '../../../preload/contract/rules/sex';
import { concat, derContext, derOid, derSequence, derUtf8, fromHex } from './bytes';
import {
  birthDateKey,
  certificateBirthDate,
  codeA,
  codeB,
  commonRecord,
  cvCertificateFile,
  isValidMyNumber,
  textAttributesFile,
  textBasicInfoFile,
  textSessionKeyFile,
  textSignedPublicKeyFile,
  textIntegrityFile,
  textMyNumberFile,
  visualAgeRecordFile,
  visualBasicInfoFile,
  visualFaceFile,
  visualMyNumberImageFile,
  type HolderFacts,
} from './card-files';
import type { SecretId } from './card-layout';
import { SimCard } from './sim-card';
import { GENERATIONS, type GenerationId } from './generations';
import { timingForAtr } from './timing';
import { defaultChipPhoto, type PortraitHints } from '../../images/portrait';

const generateRsa = promisify(generateKeyPair);
const crypto = webcrypto;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const PRESET_IDS = [
  'prepared',
  'issued',
  'signing-locked',
  'auth-locked',
  'suspended',
  'terminated',
  'cert-expired',
  'tampered',
  'unknown-card',
  'test-card',
  'minor',
  'moved',
  'tampered-no-atr',
  'face-auth',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const secret = z
  .object({ value: z.string(), triesLeft: z.number().int().min(0).max(5) })
  .nullable();

/** A holder's facts as a card file states them (presets, application cards). */
export const holderSchema = z.object({
  name: z.string().min(1),
  address: z.string().min(1),
  birthDate: isoDate,
  sex: z.enum(SEX_CODES),
  myNumber: z.string().refine(isValidMyNumber, 'not a valid 個人番号'),
  municipalityCode: z.string().regex(/^\d{5}$/),
  serial: z.string().regex(/^\d{15}$/),
  securityCode: z.string().regex(/^\d{4}$/),
  cardExpiry: isoDate,
});

const timingSchema = z
  .object({
    perApduMs: z.number(),
    perByteMs: z.number(),
    signMs: z.number(),
    keygenMs: z.number(),
  })
  .partial();

const myNumberPresetSchema = z.object({
  id: z.enum(PRESET_IDS),
  label: z.string(),
  profile: z.literal('my-number'),
  atr: z.string(),
  holder: holderSchema,
  issuedOn: isoDate,
  secrets: z.object({
    signingPassword: secret,
    authPin: secret,
    jukiPin: secret,
    commonPin: secret,
    textPin: secret,
  }),
  certificates: z.object({ sign: z.boolean(), auth: z.boolean(), issuedOn: isoDate }),
  chipState: z.enum(['active', 'suspended', 'terminated']),
  /** true: ATR, then no answer to any command; 'no-atr': not even an ATR. */
  tampered: z.union([z.boolean(), z.literal('no-atr')]),
  /** Overrides of the default timing model, used when timing is on. */
  timing: timingSchema.optional(),
});

const foreignPresetSchema = z.object({
  id: z.enum(PRESET_IDS),
  label: z.string(),
  profile: z.literal('foreign'),
  atr: z.string(),
  holder: z.null(),
  tampered: z.boolean(),
  timing: timingSchema.optional(),
});

const presetSchema = z.discriminatedUnion('profile', [myNumberPresetSchema, foreignPresetSchema]);
export type PresetData = z.infer<typeof presetSchema>;
export type MyNumberPresetData = z.infer<typeof myNumberPresetSchema>;

const RAW: Readonly<Record<PresetId, unknown>> = {
  prepared,
  issued,
  'signing-locked': signingLocked,
  'auth-locked': authLocked,
  suspended,
  terminated,
  'cert-expired': certExpired,
  tampered,
  'tampered-no-atr': tamperedNoAtr,
  'unknown-card': unknownCard,
  'test-card': testCard,
  minor,
  moved,
  'face-auth': faceAuth,
};

/** The preset's data file, validated: holder facts and the fixture PIN values practice mode shows trainers. */
export function presetData(id: PresetId): PresetData {
  const data = presetSchema.parse(RAW[id]);
  if (data.id !== id) throw new Error(`preset file ${id} names itself ${data.id}`);
  return data;
}

export function listPresets(): { id: PresetId; label: string }[] {
  return PRESET_IDS.map((id) => ({ id, label: presetData(id).label }));
}

// ---- the preset issuer (one per process) ----

/** The simulated issuer behind the presets: its CAs and the key its cards trust by default. */
export interface PresetAuthority {
  /** Opens issuer sessions (EXTERNAL AUTHENTICATE) and signs the text/visual records. */
  readonly issuerKey: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly signCa: CertificateAuthority;
  readonly authCa: CertificateAuthority;
}

export interface CertificateAuthority {
  readonly certificate: x509.X509Certificate;
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
}

const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};

const JLIS = 'Japan Agency for Local Authority Information Systems';
const ISSUER_OU = {
  sign: 'JPKI for digital signature',
  auth: 'JPKI for user authentication',
} as const;
const POLICY_OID = {
  sign: '1.2.392.200149.8.5.1.1.20',
  auth: '1.2.392.200149.8.5.1.3.30',
} as const;
const HOLDER_OID = '1.2.392.200149.8.5.5';

let authority: Promise<PresetAuthority> | null = null;

export function presetAuthority(): Promise<PresetAuthority> {
  authority ??= createAuthority();
  return authority;
}

async function createAuthority(): Promise<PresetAuthority> {
  const [issuerKey, signCa, authCa] = await Promise.all([
    generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 }),
    createCa('sign'),
    createCa('auth'),
  ]);
  return { issuerKey, signCa, authCa };
}

function issuerName(usage: 'sign' | 'auth'): x509.JsonName {
  // RDN order of the real issuer (docs/card.md), with the test organisation name.
  return [{ C: ['JP'] }, { O: ['JPKI-TEST'] }, { OU: [ISSUER_OU[usage]] }, { OU: [JLIS] }];
}

async function createCa(usage: 'sign' | 'auth'): Promise<CertificateAuthority> {
  const keys = (await crypto.subtle.generateKey(RSA_ALGORITHM, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: usage === 'sign' ? '01' : '02',
      name: issuerName(usage),
      notBefore: new Date('2014-01-01T00:00:00+09:00'),
      notAfter: new Date('2044-01-01T00:00:00+09:00'),
      keys,
      signingAlgorithm: RSA_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certificate, der: new Uint8Array(certificate.rawData), keys };
}

// ---- certificates for a card ----

/** The nth birthday strictly after a date (Feb 29 falls on Feb 28 in other years). */
export function nthBirthdayAfter(birthDate: string, after: string, n: number): string {
  const monthDay = birthDate.slice(5);
  let year = Number(after.slice(0, 4));
  if (`${year}-${monthDay}` <= after) year += 1;
  year += n - 1;
  const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return monthDay === '02-29' && !leap(year) ? `${year}-02-28` : `${year}-${monthDay}`;
}

/** Both certificates run to the 5th birthday after issue, never past the card (docs/card.md, Validity). */
export function certificateValidity(
  h: HolderFacts,
  issuedOn: string,
): { notBefore: Date; notAfter: Date } {
  const fifth = nthBirthdayAfter(h.birthDate, issuedOn, 5);
  const end = fifth < h.cardExpiry ? fifth : h.cardExpiry;
  return {
    notBefore: new Date(`${issuedOn}T00:00:00+09:00`),
    notAfter: new Date(`${end}T23:59:59+09:00`),
  };
}

/** subjectAltName with the four facts as otherName UTF8Strings, in the order a test card writes them. */
function holderAltNames(h: HolderFacts): x509.Extension {
  const other = (arc: number, value: string): Uint8Array =>
    derContext(0, concat(derOid(`${HOLDER_OID}.${arc}`), derContext(0, derUtf8(value))));
  const names = derSequence(
    other(1, h.name),
    other(4, certificateBirthDate(h.birthDate)),
    other(3, h.sex),
    other(5, h.address),
    other(2, '0'.repeat([...h.name].length)),
    other(6, '0'.repeat([...h.address].length)),
  );
  return new x509.Extension('2.5.29.17', false, names);
}

async function opaqueId(seed: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)),
  );
  return Array.from(digest.slice(0, 10), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/**
 * The serial number a preset card's certificate carries (hex, upper case, as the certificate
 * reads back): fixed per card serial and usage so the practice seed can record the same
 * certificates the simulated cards hold.
 */
export async function presetCertificateSerial(
  cardSerial: string,
  usage: 'sign' | 'auth',
): Promise<string> {
  const hex = (await opaqueId(`${cardSerial}:${usage}:serial`))
    .slice(0, 16)
    .replace(/^[89A-F]/, '1');
  // DER INTEGER has no leading zero bytes, so the certificate drops them.
  return hex.replace(/^(00)+(?=..)/, '');
}

/** An end-entity certificate for a card's public key (X.509 v3, RSA-2048, sha256WithRSAEncryption). */
export async function issueCardCertificate(
  ca: CertificateAuthority,
  usage: 'sign' | 'auth',
  cardPublicKey: KeyObject,
  h: HolderFacts,
  issuedOn: string,
): Promise<Uint8Array> {
  const spki = new Uint8Array(cardPublicKey.export({ type: 'spki', format: 'der' }));
  const { notBefore, notAfter } = certificateValidity(h, issuedOn);
  const usages =
    usage === 'sign'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
      : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(usages, true),
    new x509.CertificatePolicyExtension([POLICY_OID[usage]], true),
    await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey, false, crypto),
    await x509.SubjectKeyIdentifierExtension.create(spki, false, crypto),
  ];
  if (usage === 'sign') extensions.push(holderAltNames(h));
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: await presetCertificateSerial(h.serial, usage),
      issuer: ca.certificate.subject,
      subject: [{ C: ['JP'] }, { CN: [await opaqueId(`${h.serial}:${usage}`)] }],
      notBefore,
      notAfter,
      signingAlgorithm: RSA_ALGORITHM,
      publicKey: spki,
      signingKey: ca.keys.privateKey,
      extensions,
    },
    crypto,
  );
  return new Uint8Array(certificate.rawData);
}

// ---- building a card ----

export interface LoadPresetOptions {
  /** On: the card takes the time of a real one (practice mode, benchmarks). Off in unit tests. */
  readonly timing: boolean;
  /** The issuer key the card trusts; default: the preset authority's. */
  readonly issuerPublicKey?: KeyObject;
  /** Plays another card generation (its ATR and answers) instead of the preset's own ATR. */
  readonly generation?: GenerationId;
}

// The visual application's own key is only written into its records; nothing in this product
// signs with it, so one key per process serves every preset card (keeps tests fast).
let faceKey: Promise<KeyObject> | null = null;
function sharedFaceKey(): Promise<KeyObject> {
  faceKey ??= generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 }).then(
    (k) => k.publicKey,
  );
  return faceKey;
}

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

/** Builds a fresh card from a preset (each call a new card with new keys). Unknown ids throw. */
export async function loadPreset(
  id: PresetId | string,
  options: LoadPresetOptions,
): Promise<SimCard> {
  if (!isPresetId(id)) throw new Error(`no card preset named ${id}`);
  const data = presetData(id);
  const auth = await presetAuthority();
  const generation = options.generation ?? 'first';
  const atr = options.generation ? GENERATIONS[generation].atr : fromHex(data.atr);
  const card = new SimCard({
    profile: data.profile,
    generation,
    atr,
    timing: options.timing ? { ...timingForAtr(atr), ...data.timing } : null,
    issuerPublicKey: options.issuerPublicKey ?? auth.issuerKey.publicKey,
  });
  if (data.profile === 'my-number') await personalise(card, data, auth);
  if (data.tampered) card.tamper({ atr: data.tampered !== 'no-atr' });
  return card;
}

/** The hints a drawn portrait takes from the card's holder facts. */
export function portraitHintsOf(h: HolderFacts, on: Date = new Date()): PortraitHints {
  const sex = sexOfCode(h.sex) ?? undefined;
  const today = on.toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(h.birthDate.slice(0, 4));
  return { sex, age: today.slice(5) < h.birthDate.slice(5) ? years - 1 : years };
}

/**
 * What every My Number Card holds for its holder when it leaves the factory: the text, visual
 * and common files (records signed by `issuer`) and the codes that open them (照合番号A/B, the
 * birth-date key). PINs, keys and certificates are the counter's business, not written here.
 */
export async function writeHolderFiles(
  card: SimCard,
  h: HolderFacts,
  issuer: KeyObject,
  photo: Uint8Array,
): Promise<void> {
  const face = await sharedFaceKey();
  const myNumberFile = textMyNumberFile(h);
  const attributesFile = textAttributesFile(h);
  card.manufactureFile('text', 0x0001, myNumberFile);
  card.manufactureFile('text', 0x0002, attributesFile);
  card.manufactureFile('text', 0x0003, textIntegrityFile(myNumberFile, attributesFile, issuer));
  card.manufactureFile('text', 0x0004, cvCertificateFile(issuer, `TEXT${h.municipalityCode}`));
  card.manufactureFile('text', 0x0005, textBasicInfoFile());
  card.manufactureFile('text', 0x0006, textSessionKeyFile(face));
  card.manufactureFile('text', 0x0007, textSignedPublicKeyFile(face, issuer));
  card.manufactureFile('visual', 0x0001, visualAgeRecordFile(h, face, issuer));
  card.manufactureFile('visual', 0x0002, visualFaceFile(h, face, issuer, { photo }));
  card.manufactureFile('visual', 0x0003, visualBasicInfoFile(h));
  card.manufactureFile('visual', 0x0004, cvCertificateFile(issuer, `FACE${h.municipalityCode}`));
  card.manufactureFile('visual', 0x0005, visualMyNumberImageFile(face, issuer));
  card.manufactureRecords('common', 0x0001, [commonRecord(h)]);

  const derived: [SecretId, string][] = [
    ['text-a', codeA(h)],
    ['visual-a', codeA(h)],
    ['text-b', codeB(h)],
    ['visual-b', codeB(h)],
    ['visual-birth', birthDateKey(h)],
  ];
  for (const [secretId, value] of derived) card.manufactureSecret(secretId, value);
}

async function personalise(
  card: SimCard,
  data: MyNumberPresetData,
  auth: PresetAuthority,
): Promise<void> {
  const h: HolderFacts = data.holder;
  const photo = await defaultChipPhoto(h.serial, portraitHintsOf(h, new Date(data.issuedOn)));
  await writeHolderFiles(card, h, auth.issuerKey.privateKey, photo);
  card.manufactureChipState(data.chipState);

  const fixtures: [SecretId, { value: string; triesLeft: number } | null][] = [
    ['jpki-sign', data.secrets.signingPassword],
    ['jpki-auth', data.secrets.authPin],
    ['juki-pin', data.secrets.jukiPin],
    ['common-pin', data.secrets.commonPin],
    ['text-pin', data.secrets.textPin],
  ];
  for (const [secretId, value] of fixtures)
    card.manufactureSecret(secretId, value?.value ?? null, value?.triesLeft);

  const { sign, auth: authCert, issuedOn } = data.certificates;
  if (!sign && !authCert) return;
  const [signKey, authKey] = await Promise.all([
    sign ? card.manufactureKey('sign') : null,
    authCert ? card.manufactureKey('auth') : null,
  ]);
  if (signKey)
    card.manufactureFile(
      'jpki',
      0x0001,
      await issueCardCertificate(auth.signCa, 'sign', signKey, h, issuedOn),
    );
  if (authKey)
    card.manufactureFile(
      'jpki',
      0x000a,
      await issueCardCertificate(auth.authCa, 'auth', authKey, h, issuedOn),
    );
  card.manufactureFile('jpki', 0x0002, auth.signCa.der);
  card.manufactureFile('jpki', 0x000b, auth.authCa.der);
}
