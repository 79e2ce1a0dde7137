// The simulated My Number Card: an APDU processor (bytes in, bytes out) that follows docs/card.md.
import {
  createHash,
  generateKeyPair,
  privateEncrypt,
  sign as signMessage,
  randomBytes,
  verify as verifySignature,
  constants as cryptoConstants,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';
import { SW, swTriesLeft, type StatusWord } from '../status-words';
import type { Bytes } from '../transport';
import { ascii, concat, equalBytes } from './bytes';
import {
  APP_AIDS,
  CHIP_STATE_BYTES,
  CHIP_STATE_EF,
  FILES,
  MY_NUMBER_ATR,
  SECRET_RULES,
  certificateAvailability,
  type Access,
  type AppName,
  type ChipState,
  type FileDef,
  type KeyId,
  type SecretId,
} from './card-layout';
import { jpkiTokenInfoFile } from './card-files';
import {
  atrFacts,
  GENERATIONS,
  type AtrFacts,
  type GenerationProfile,
  type GenerationId,
} from './generations';
import type { SimCardPort } from './sim-card-port';
import { exchangeCostMs, waitModelled, type TimingModel } from './timing';

const generateRsa = promisify(generateKeyPair);

/** Status words the simulator uses beyond those of status-words.ts (ISO 7816-4 meanings). */
export const SIM_SW = {
  /** 6981: command incompatible with file structure (READ BINARY of a record EF, …). */
  WRONG_FILE_STRUCTURE: 0x6981,
  /** 6986: command not allowed, no current EF. */
  NO_CURRENT_EF: 0x6986,
  /** 6A80: wrong data (a new PIN of the wrong format, an unknown chip state). */
  WRONG_DATA: 0x6a80,
  /** 6A83: record not found. */
  RECORD_NOT_FOUND: 0x6a83,
  /** 6F00: the simulator caught an internal error instead of crashing. */
  UNKNOWN_ERROR: 0x6f00,
  /** 6884: command chaining not supported (a card whose ATR does not announce it). */
  CHAINING_NOT_SUPPORTED: 0x6884,
  /** 69FC: secure messaging asked of the JPKI application (as recorded). */
  JPKI_SECURE_MESSAGING: 0x69fc,
} as const;

/** 61xx: more response data is waiting for GET RESPONSE (xx bytes, 00 meaning 256 or more). */
const SW_MORE_DATA_BASE = 0x6100;

/** 6883: the last command of a chain was expected. */
const SW_LAST_COMMAND_EXPECTED = 0x6883;

const MAX_CHAINED_DATA = 1024;

/** The most a PKCS#1 v1.5 type-1 block of a 2048-bit key can carry (256 − 11). */
const MAX_SIGN_INPUT = 245;

export type SimCardProfile = 'my-number' | 'foreign';

export interface SimCardOptions {
  /** 'my-number' has the five applications; 'foreign' has none and answers 6A82 to every AID. */
  readonly profile: SimCardProfile;
  /** The card generation whose answers it gives (default 'first'); its ATR unless `atr` is set. */
  readonly generation?: GenerationId;
  /** Another ATR: what it announces (extended length, chaining) is what the card accepts. */
  readonly atr?: Bytes;
  /** null: answers at once and models no time (unit tests). */
  readonly timing?: TimingModel | null;
  /** The issuer key this card trusts for EXTERNAL AUTHENTICATE; without one no issuer session opens. */
  readonly issuerPublicKey?: KeyObject | null;
}

interface Apdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Bytes | null;
  /** Ne: 1..256 (short) or 1..65536 (extended), or null when the command has no Le. */
  readonly le: number | null;
  /** Sent with an extended Lc or Le. */
  readonly extended: boolean;
}

interface SecretState {
  value: Bytes | null;
  triesLeft: number;
}

interface Outcome {
  readonly data?: Bytes;
  readonly sw: StatusWord;
  readonly extraMs?: number;
}

const sw = (value: StatusWord): Outcome => ({ sw: value });
const ok = (data?: Bytes): Outcome => (data ? { data, sw: SW.OK } : { sw: SW.OK });

/**
 * Short APDUs, and extended ones where a 256-byte RSA block has to fit in Lc (EXTERNAL
 * AUTHENTICATE). Anything inconsistent yields null (6700).
 */
function parseApdu(bytes: Bytes): Apdu | null {
  if (bytes.length < 4) return null;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const head = { cla, ins, p1, p2, extended: false };
  if (bytes.length === 4) return { ...head, data: null, le: null };
  const p3 = bytes[4]!;
  if (bytes.length === 5) return { ...head, data: null, le: p3 === 0 ? 256 : p3 };
  if (p3 !== 0) {
    if (bytes.length === 5 + p3) return { ...head, data: bytes.slice(5, 5 + p3), le: null };
    if (bytes.length === 6 + p3) {
      const le = bytes[5 + p3]!;
      return { ...head, data: bytes.slice(5, 5 + p3), le: le === 0 ? 256 : le };
    }
    return null;
  }
  // Extended length: 00 then two bytes of Le (case 2E) or of Lc (cases 3E, 4E).
  if (bytes.length < 7) return null;
  const n = (bytes[5]! << 8) | bytes[6]!;
  const ext = { ...head, extended: true };
  if (bytes.length === 7) return { ...ext, data: null, le: n === 0 ? 65536 : n };
  if (n === 0) return null;
  if (bytes.length === 7 + n) return { ...ext, data: bytes.slice(7, 7 + n), le: null };
  if (bytes.length === 9 + n) {
    const le = (bytes[7 + n]! << 8) | bytes[8 + n]!;
    return { ...ext, data: bytes.slice(7, 7 + n), le: le === 0 ? 65536 : le };
  }
  return null;
}

const fileKey = (app: AppName, fid: number): string => `${app}:${fid}`;

const SHA256_DIGEST_INFO = Uint8Array.from(
  Buffer.from('3031300d060960864801650304020105000420', 'hex'),
);

/** Input lengths of the signing schemes: a hash for 02/04, what PKCS#1 v1.5 leaves for 00. */
function signInputFits(scheme: number, length: number): boolean {
  if (scheme === 0x02 || scheme === 0x04) return length === 32;
  if (scheme === 0x00) return length >= 1 && length <= MAX_SIGN_INPUT;
  return length >= 1 && length <= 255;
}

const sha256 = (data: Bytes): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());

function pkcs1(key: KeyObject, block: Bytes): Uint8Array {
  return new Uint8Array(privateEncrypt({ key, padding: cryptoConstants.RSA_PKCS1_PADDING }, block));
}

/** RSASSA-PSS over a given SHA-256 hash (EMSA-PSS, MGF1 with SHA-256, 32-byte salt), raw RSA. */
function pssOverHash(key: KeyObject, hash: Bytes): Uint8Array {
  const emLength = 256;
  const salt = new Uint8Array(randomBytes(32));
  const h = sha256(concat(new Uint8Array(8), hash, salt));
  const db = new Uint8Array(emLength - 32 - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = new Uint8Array(db.length);
  for (let counter = 0, at = 0; at < mask.length; counter++, at += 32) {
    const c = Uint8Array.of(
      counter >>> 24,
      (counter >>> 16) & 0xff,
      (counter >>> 8) & 0xff,
      counter & 0xff,
    );
    mask.set(sha256(concat(h, c)).slice(0, mask.length - at), at);
  }
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0x7f; // emBits = 2047: the top bit of a 2048-bit modulus's block stays clear
  const em = concat(db, h, Uint8Array.of(0xbc));
  return new Uint8Array(privateEncrypt({ key, padding: cryptoConstants.RSA_NO_PADDING }, em));
}

function signWithScheme(key: KeyObject, scheme: number, data: Bytes): Uint8Array {
  switch (scheme) {
    case 0x00:
      return pkcs1(key, data);
    case 0x01:
      return pkcs1(key, sha256(data));
    case 0x02:
      return pkcs1(key, concat(SHA256_DIGEST_INFO, data));
    case 0x03:
      return pkcs1(key, concat(SHA256_DIGEST_INFO, sha256(data)));
    case 0x04:
      return pssOverHash(key, data);
    default:
      return new Uint8Array(
        signMessage('sha256', data, {
          key,
          padding: cryptoConstants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        }),
      );
  }
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * One simulated card. Contents are set at "manufacture" (the manufacture* methods, refused once
 * the card has answered its first APDU); after that the card changes only through APDUs.
 * Private keys live in private fields with no accessor, so no export or snapshot can reach them.
 */
export class SimCard implements SimCardPort {
  /** Modelled card time accumulated so far (stays 0 while timing is null). */
  cardTimeMs = 0;
  apduCount = 0;
  bytesIn = 0;
  bytesOut = 0;
  timing: TimingModel | null;
  readonly profile: SimCardProfile;
  readonly generation: GenerationProfile;
  /** What the ATR announces; the card accepts extended length and chaining only where it does. */
  readonly atrFacts: AtrFacts;

  readonly #atr: Bytes;
  #issuerPublicKey: KeyObject | null;
  #tampered = false;
  /** The tamper state that also silences the ATR: the reader sees no card answering at all. */
  #atrSilenced = false;
  #powered = false;
  #fielded = false;
  readonly #files = new Map<string, Uint8Array>();
  readonly #records = new Map<string, Bytes[]>();
  readonly #secrets = new Map<SecretId, SecretState>();
  readonly #privateKeys = new Map<KeyId, KeyObject>();
  /** SubjectPublicKeyInfo DER of each key the card holds (ISO 7816-8 GENERATE P1=81 reads it back). */
  readonly #publicKeys = new Map<KeyId, Bytes>();
  readonly #keyGenerations = new Map<KeyId, number>();
  #queue: Promise<unknown> = Promise.resolve();

  // Security state of the current card session: cleared by reset, power-off and application change.
  #app: AppName | null = null;
  #ef: number | null = null;
  readonly #verified = new Set<SecretId>();
  #issuerSession = false;
  #challenge: Bytes | null = null;
  #pendingResponse: Bytes | null = null;
  #chain: (Apdu & { readonly data: Bytes }) | null = null;

  constructor(options: SimCardOptions) {
    this.profile = options.profile;
    this.generation = GENERATIONS[options.generation ?? 'first'];
    this.#atr = Uint8Array.from(options.atr ?? this.generation.atr ?? MY_NUMBER_ATR);
    this.atrFacts = atrFacts(this.#atr);
    this.timing = options.timing ?? null;
    this.#issuerPublicKey = options.issuerPublicKey ?? null;
    if (this.profile === 'my-number') this.#formatFiles();
  }

  /**
   * The ATR. A tampered card still answers to reset (the reader powers the chip and reads its
   * ATR) but its operating system then answers no command: the host sees a My Number Card ATR
   * followed by silence, which the client reports as tampering, not as a mute card (no ATR at
   * all; made with `atr: new Uint8Array(0)`).
   */
  get atr(): Bytes {
    return this.#atrSilenced ? new Uint8Array(0) : Uint8Array.from(this.#atr);
  }

  /**
   * How many key pairs this key EF has been given, at manufacture or by GENERATE ASYMMETRIC KEY
   * PAIR (tests: an interrupted issuance resumed must not generate a second one).
   */
  keyGenerations(key: KeyId): number {
    return this.#keyGenerations.get(key) ?? 0;
  }

  get tampered(): boolean {
    return this.#tampered;
  }

  /**
   * Sends the card into its tamper state: from now on it answers no command. With `atr: false`
   * it gives no ATR either, so a reader cannot tell it from a broken or unpowered chip.
   */
  tamper(options: { readonly atr?: boolean } = {}): void {
    this.#tampered = true;
    if (options.atr === false) this.#atrSilenced = true;
  }

  powerOn(): void {
    this.#powered = true;
    this.#clearSession();
  }

  powerOff(): void {
    this.#powered = false;
    this.#clearSession();
  }

  reset(): void {
    this.#clearSession();
  }

  transmit(command: Bytes): Promise<Bytes> {
    if (this.#tampered) return never();
    const copy = Uint8Array.from(command);
    const run = this.#queue.then(() => this.#exchange(copy));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  // ---- manufacture (before the card reaches a reader) ----

  /** Writes a binary EF's content at manufacture; the rest of the file stays FF. */
  manufactureFile(app: AppName, fid: number, content: Bytes): void {
    this.#assertFactory();
    const def = FILES[app].get(fid);
    if (def?.type !== 'binary' || def.derived)
      throw new Error(`no writable binary EF ${fid} in ${app}`);
    if (content.length > def.size) throw new Error(`content too long for EF ${fid} in ${app}`);
    const file = new Uint8Array(def.size).fill(0xff);
    file.set(content);
    this.#files.set(fileKey(app, fid), file);
  }

  manufactureRecords(app: AppName, fid: number, records: readonly Bytes[]): void {
    this.#assertFactory();
    if (FILES[app].get(fid)?.type !== 'record') throw new Error(`no record EF ${fid} in ${app}`);
    this.#records.set(
      fileKey(app, fid),
      records.map((r) => Uint8Array.from(r)),
    );
  }

  /** Sets a secret (null: never set, VERIFY answers 6A88) and its tries left (default: all). */
  manufactureSecret(id: SecretId, value: string | null, triesLeft?: number): void {
    this.#assertFactory();
    const max = SECRET_RULES[id].maxTries;
    this.#secrets.set(id, {
      value: value === null ? null : ascii(value),
      triesLeft: Math.max(0, Math.min(max, triesLeft ?? max)),
    });
  }

  /** Generates an on-card key pair; only the public key leaves the card. */
  async manufactureKey(key: KeyId): Promise<KeyObject> {
    this.#assertFactory();
    return this.#generateKey(key);
  }

  manufactureChipState(state: ChipState): void {
    this.manufactureFile(
      CHIP_STATE_EF.app,
      CHIP_STATE_EF.fid,
      Uint8Array.of(CHIP_STATE_BYTES[state]),
    );
  }

  /** The issuer key trusted by EXTERNAL AUTHENTICATE (the local authority of practice mode sets its own). */
  trustIssuer(publicKey: KeyObject | null): void {
    this.#issuerPublicKey = publicKey;
  }

  #assertFactory(): void {
    if (this.#fielded) throw new Error('the card has left the factory: change it through APDUs');
  }

  #formatFiles(): void {
    for (const app of Object.keys(FILES) as AppName[]) {
      for (const [fid, def] of FILES[app]) {
        if (def.type === 'binary' && !def.derived)
          this.#files.set(fileKey(app, fid), new Uint8Array(def.size).fill(0xff));
        if (def.type === 'record') this.#records.set(fileKey(app, fid), []);
        if (def.type === 'secret' && !this.#secrets.has(def.secret)) {
          this.#secrets.set(def.secret, {
            value: null,
            triesLeft: SECRET_RULES[def.secret].maxTries,
          });
        }
      }
    }
    this.#files.get(fileKey('jpki', 0x0006))!.set(jpkiTokenInfoFile());
    this.#files.get(fileKey('text', 0x0008))!.fill(0xff);
    // Blocked from the factory, as on every card examined: no tries, no value anyone knows.
    this.#secrets.set('text-blocked', { value: new Uint8Array(0), triesLeft: 0 });
    this.#files.get(fileKey(CHIP_STATE_EF.app, CHIP_STATE_EF.fid))![0] = CHIP_STATE_BYTES.active;
  }

  async #generateKey(key: KeyId): Promise<KeyObject> {
    const { privateKey, publicKey } = await generateRsa('rsa', {
      modulusLength: 2048,
      publicExponent: 0x10001,
    });
    this.#privateKeys.set(key, privateKey);
    this.#publicKeys.set(key, new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
    this.#keyGenerations.set(key, this.keyGenerations(key) + 1);
    return publicKey;
  }

  // ---- the exchange ----

  async #exchange(command: Bytes): Promise<Bytes> {
    if (this.#tampered) return never();
    if (!this.#powered) throw new Error('the simulated card is not powered');
    this.#fielded = true;
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await this.#process(command);
    } catch {
      // Never crash on a strange APDU: a real card answers something.
      outcome = sw(SIM_SW.UNKNOWN_ERROR);
    }
    const data = outcome.data ?? new Uint8Array(0);
    const response = concat(data, Uint8Array.of(outcome.sw >> 8, outcome.sw & 0xff));
    this.apduCount += 1;
    this.bytesIn += command.length;
    this.bytesOut += response.length;
    if (this.timing) {
      const modelled = exchangeCostMs(
        this.timing,
        command.length,
        response.length,
        outcome.extraMs ?? 0,
      );
      this.cardTimeMs += modelled;
      await waitModelled(modelled - (performance.now() - started));
    }
    if (this.#tampered) return never();
    return response;
  }

  async #process(bytes: Bytes): Promise<Outcome> {
    if (bytes.length < 4) return sw(SW.WRONG_LENGTH);
    const cla = bytes[0]!;
    if (cla === 0xff) return sw(SW.CLA_NOT_SUPPORTED);
    // First interindustry class (0x0X) and its proprietary twin (0x8X) only.
    if ((cla & 0x60) !== 0)
      return sw((cla & 0x40) !== 0 ? SW.LOGICAL_CHANNEL_NOT_SUPPORTED : SW.CLA_NOT_SUPPORTED);
    if ((cla & 0x0c) !== 0)
      return sw(
        this.#app === 'jpki' ? SIM_SW.JPKI_SECURE_MESSAGING : SW.SECURE_MESSAGING_NOT_SUPPORTED,
      );
    if ((cla & 0x03) !== 0) return sw(SW.LOGICAL_CHANNEL_NOT_SUPPORTED);
    const parsed = parseApdu(bytes);
    if (!parsed) return sw(SW.WRONG_LENGTH);
    // Only what the ATR announces. This product's issuer profile is the exception: its EXTERNAL
    // AUTHENTICATE carries a 256-byte signature in an extended Lc on every generation.
    if (parsed.extended && !this.atrFacts.extendedLength && parsed.ins !== 0x82)
      return sw(SW.WRONG_LENGTH);
    if (parsed.cla & 0x10 && !this.atrFacts.commandChaining)
      return sw(SIM_SW.CHAINING_NOT_SUPPORTED);
    if (parsed.ins !== 0xc0) this.#pendingResponse = null;
    if (this.#chipState() === 'terminated' && parsed.ins !== 0xa4)
      return sw(SW.CONDITIONS_NOT_SATISFIED);
    const apdu = this.#chained(parsed);
    if (typeof apdu === 'number') return sw(apdu);
    const proprietary = (cla & 0x80) !== 0;
    if (proprietary) {
      switch (apdu.ins) {
        case 0x2a:
          return this.#sign(apdu);
        case 0x32:
          return this.#changeReferenceData(apdu, 'proprietary');
        case 0xfc:
          // The phone token's last-command indicator: physical cards refuse it with 6700.
          return sw(SW.WRONG_LENGTH);
        default:
          return sw(SW.INS_NOT_SUPPORTED);
      }
    }
    switch (apdu.ins) {
      case 0xa4:
        return this.#select(apdu);
      case 0xb0:
        return this.#readBinary(apdu);
      case 0xb2:
        return this.#readRecord(apdu);
      case 0x20:
        return this.#verify(apdu);
      case 0x24:
        return this.#changeReferenceData(apdu, 'iso');
      case 0x84:
        return this.#getChallenge(apdu);
      case 0x82:
        return this.#externalAuthenticate(apdu);
      case 0x2c:
        return this.#resetRetryCounter(apdu);
      case 0x47:
        return this.#generateKeyPair(apdu);
      case 0xd6:
        return this.#updateBinary(apdu);
      case 0xc0:
        return this.#getResponse(apdu);
      case 0xca:
        return this.#getData(apdu);
      default:
        return sw(SW.INS_NOT_SUPPORTED);
    }
  }

  /**
   * ISO 7816-4 command chaining (CLA bit 0x10), a short-APDU way to send a 256-byte RSA block
   * (EXTERNAL AUTHENTICATE) besides an extended Lc. Returns the whole command once the last part
   * arrives, or a status word: 9000 for a part taken, 6883 when a chain is broken off.
   */
  #chained(apdu: Apdu): Apdu | StatusWord {
    const chain = this.#chain;
    if (apdu.cla & 0x10) {
      if (!apdu.data) return SW.WRONG_LENGTH;
      const same = chain && chain.ins === apdu.ins && chain.p1 === apdu.p1 && chain.p2 === apdu.p2;
      const data = same ? concat(chain.data, apdu.data) : apdu.data;
      if (data.length > MAX_CHAINED_DATA) {
        this.#chain = null;
        return SW.WRONG_LENGTH;
      }
      this.#chain = { ...apdu, cla: apdu.cla & ~0x10, data };
      return SW.OK;
    }
    if (!chain) return apdu;
    this.#chain = null;
    if (chain.ins !== apdu.ins || chain.p1 !== apdu.p1 || chain.p2 !== apdu.p2)
      return SW_LAST_COMMAND_EXPECTED;
    return { ...apdu, data: concat(chain.data, apdu.data ?? new Uint8Array(0)) };
  }

  #clearSession(): void {
    this.#chain = null;
    this.#app = null;
    this.#ef = null;
    this.#verified.clear();
    this.#issuerSession = false;
    this.#challenge = null;
    this.#pendingResponse = null;
  }

  #chipState(): ChipState {
    const byte = this.#files.get(fileKey(CHIP_STATE_EF.app, CHIP_STATE_EF.fid))?.[0];
    if (byte === CHIP_STATE_BYTES.terminated) return 'terminated';
    if (byte === CHIP_STATE_BYTES.suspended) return 'suspended';
    return 'active';
  }

  #currentDef(): FileDef | null {
    return this.#app === null || this.#ef === null
      ? null
      : (FILES[this.#app].get(this.#ef) ?? null);
  }

  #canRead(access: Access): boolean {
    return access === 'free' || access.anyOf.some((s) => this.#verified.has(s));
  }

  /** Response data longer than Ne goes out in pieces: data + 61xx, then GET RESPONSE. */
  #respond(data: Bytes, le: number): Outcome {
    if (data.length <= le) return ok(data);
    const rest = data.slice(le);
    this.#pendingResponse = rest;
    return {
      data: data.slice(0, le),
      sw: SW_MORE_DATA_BASE | (rest.length > 0xff ? 0 : rest.length),
    };
  }

  // ---- SELECT ----

  #select(apdu: Apdu): Outcome {
    // 00 A4 00 00, the ISO form of "select the MF": 6A86 straight after reset, and 9000 without
    // any effect while an application is selected, as recorded.
    if (apdu.p1 === 0x00 && apdu.p2 === 0x00 && !apdu.data)
      return sw(this.#app === null ? SW.INCORRECT_P1P2 : SW.OK);
    if (apdu.p2 !== 0x0c) return sw(SW.INCORRECT_P1P2);
    if (![0x00, 0x02, 0x04, 0x08, 0x09].includes(apdu.p1)) return sw(SW.INCORRECT_P1P2);
    if (!apdu.data) return sw(SW.WRONG_LENGTH);
    if (apdu.p1 === 0x04) {
      const app = this.profile === 'my-number' ? this.#appByAid(apdu.data) : null;
      if (!app) return sw(SW.FILE_NOT_FOUND);
      this.#clearSession();
      this.#app = app;
      return ok();
    }
    // Paths (08, 09) and the MF are not offered: clients select an application by AID.
    if (apdu.p1 === 0x08 || apdu.p1 === 0x09) return sw(SW.FILE_NOT_FOUND);
    if (apdu.data.length !== 2) return sw(SW.WRONG_LENGTH);
    const fid = (apdu.data[0]! << 8) | apdu.data[1]!;
    if (fid === 0x3f00 || this.#app === null || !FILES[this.#app].has(fid))
      return sw(SW.FILE_NOT_FOUND);
    this.#ef = fid;
    return ok();
  }

  #appByAid(aid: Bytes): AppName | null {
    for (const [name, value] of Object.entries(APP_AIDS) as [AppName, Bytes][]) {
      if (equalBytes(value, aid)) return name;
    }
    return null;
  }

  // ---- READ BINARY / READ RECORD ----

  #readBinary(apdu: Apdu): Outcome {
    if (apdu.data || apdu.le === null) return sw(SW.WRONG_LENGTH);
    let offset: number;
    if (apdu.p1 & 0x80) {
      // Short EF identifier in P1: selects EF 00xx of the current application, P2 is the offset.
      if (apdu.p1 & 0x60) return sw(SW.INCORRECT_P1P2);
      const fid = apdu.p1 & 0x1f;
      if (this.#app === null || FILES[this.#app].get(fid)?.type !== 'binary')
        return sw(SW.FILE_NOT_FOUND);
      this.#ef = fid;
      offset = apdu.p2;
    } else {
      offset = (apdu.p1 << 8) | apdu.p2;
    }
    const def = this.#currentDef();
    if (!def || this.#app === null || this.#ef === null) return sw(SIM_SW.NO_CURRENT_EF);
    if (def.type === 'secret' || def.type === 'key') return sw(SW.SECURITY_NOT_SATISFIED);
    if (def.type !== 'binary') return sw(SIM_SW.WRONG_FILE_STRUCTURE);
    if (!this.#canRead(def.read)) return sw(SW.SECURITY_NOT_SATISFIED);
    const content = def.derived
      ? this.#certPresence()
      : this.#files.get(fileKey(this.#app, this.#ef))!;
    if (offset >= content.length) return sw(SW.WRONG_PARAMETERS_OFFSET);
    // Near the end the card returns what is left, fewer bytes than Le, with 9000.
    return ok(content.slice(offset, offset + apdu.le));
  }

  /** JPKI 0008, derived from what the certificate EFs hold (certificateAvailability). */
  #certPresence(): Bytes {
    const present = (fid: number): boolean => this.#files.get(fileKey('jpki', fid))?.[0] === 0x30;
    return certificateAvailability({ sign: present(0x0001), auth: present(0x000a) });
  }

  #readRecord(apdu: Apdu): Outcome {
    if (apdu.data || apdu.le === null) return sw(SW.WRONG_LENGTH);
    if ((apdu.p2 & 0x07) !== 0x04 || apdu.p1 === 0) return sw(SW.INCORRECT_P1P2);
    const sfi = apdu.p2 >> 3;
    if (sfi !== 0) {
      if (this.#app === null || !FILES[this.#app].has(sfi)) return sw(SW.FILE_NOT_FOUND);
      this.#ef = sfi;
    }
    const def = this.#currentDef();
    if (!def || this.#app === null || this.#ef === null) return sw(SIM_SW.NO_CURRENT_EF);
    if (def.type !== 'record') return sw(SIM_SW.WRONG_FILE_STRUCTURE);
    if (!this.#canRead(def.read)) return sw(SW.SECURITY_NOT_SATISFIED);
    const record = this.#records.get(fileKey(this.#app, this.#ef))?.[apdu.p1 - 1];
    if (!record) return sw(SIM_SW.RECORD_NOT_FOUND);
    return ok(record.slice(0, apdu.le));
  }

  // ---- secrets ----

  #currentSecret(): SecretId | null {
    const def = this.#currentDef();
    return def?.type === 'secret' ? def.secret : null;
  }

  /**
   * P2 80 names the current EF; 80 | n names EF 00nn by its short identifier and makes it current
   * (00 20 00 98 is the authentication PIN, as recorded). Anything else: 6A86.
   */
  #referencedEf(p2: number, type: FileDef['type']): boolean {
    if ((p2 & 0xe0) !== 0x80) return false;
    const sfi = p2 & 0x1f;
    if (sfi === 0) return true;
    if (sfi === 0x1f || this.#app === null || FILES[this.#app].get(sfi)?.type !== type)
      return false;
    this.#ef = sfi;
    return true;
  }

  #verify(apdu: Apdu): Outcome {
    if (apdu.p1 !== 0x00 || !this.#referencedEf(apdu.p2, 'secret')) return sw(SW.INCORRECT_P1P2);
    const id = this.#currentSecret();
    const secret = id ? this.#secrets.get(id) : undefined;
    if (!id || !secret || secret.value === null) return sw(SW.REFERENCED_DATA_NOT_FOUND);
    if (secret.triesLeft === 0)
      return sw(apdu.data ? SW.PIN_LOCKED : this.generation.emptyVerifyWhenLocked);
    // Empty VERIFY: the tries-left query, which spends nothing. After a VERIFY in this session
    // one generation still answers 63Cx (what OpenSC's JPKI driver needs), the other 9000.
    if (!apdu.data)
      return this.#verified.has(id) && this.generation.emptyVerifyWhenVerified === 'ok'
        ? ok()
        : sw(swTriesLeft(secret.triesLeft));
    if (equalBytes(apdu.data, secret.value)) {
      secret.triesLeft = SECRET_RULES[id].maxTries;
      this.#verified.add(id);
      return ok();
    }
    secret.triesLeft -= 1;
    this.#verified.delete(id);
    return sw(swTriesLeft(secret.triesLeft));
  }

  #changeReferenceData(apdu: Apdu, command: 'iso' | 'proprietary'): Outcome {
    const p1 = command === 'iso' ? 0x01 : 0x00;
    if (apdu.p1 !== p1 || apdu.p2 !== 0x80) return sw(SW.INCORRECT_P1P2);
    if (!apdu.data) return sw(SW.WRONG_LENGTH);
    const id = this.#currentSecret();
    const secret = id ? this.#secrets.get(id) : undefined;
    if (!id || !secret || secret.value === null) return sw(SW.REFERENCED_DATA_NOT_FOUND);
    if (SECRET_RULES[id].change !== command) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (secret.triesLeft === 0) return sw(SW.PIN_LOCKED);
    if (!this.#verified.has(id)) return sw(SW.SECURITY_NOT_SATISFIED);
    if (!this.#validValue(id, apdu.data)) return sw(SIM_SW.WRONG_DATA);
    secret.value = Uint8Array.from(apdu.data);
    secret.triesLeft = SECRET_RULES[id].maxTries;
    return ok();
  }

  #validValue(id: SecretId, value: Bytes): boolean {
    if (!value.every((b) => b >= 0x20 && b < 0x7f)) return false;
    return SECRET_RULES[id].format.test(String.fromCharCode(...value));
  }

  // ---- signing ----

  /**
   * 80 2A P1 P2: P1 is the scheme (00 pad what is sent, 01 SHA-256 then pad the bare hash, 02 a
   * given hash in a DigestInfo, 03 SHA-256 in a DigestInfo, 04 PSS over a given hash, 05 SHA-256
   * then PSS; others 6A86), P2 80 the current key EF or 80 | n the key EF 00nn (97, 9A).
   */
  #sign(apdu: Apdu): Outcome {
    if (apdu.p1 > 0x05 || !this.#referencedEf(apdu.p2, 'key')) return sw(SW.INCORRECT_P1P2);
    const data = apdu.data;
    const scheme = apdu.p1;
    if (!data || !signInputFits(scheme, data.length)) return sw(SW.WRONG_LENGTH);
    const def = this.#currentDef();
    if (def?.type !== 'key') return sw(SW.CONDITIONS_NOT_SATISFIED);
    const key = this.#privateKeys.get(def.key);
    if (!key) return sw(SW.REFERENCED_DATA_NOT_FOUND);
    if (!this.#verified.has(def.pin)) return sw(SW.SECURITY_NOT_SATISFIED);
    return {
      ...this.#respond(signWithScheme(key, scheme, data), apdu.le ?? 256),
      extraMs: this.timing?.signMs ?? 0,
    };
  }

  // ---- issuer profile (docs/card.md, The issuer profile of this product) ----

  /** Any length from 1 to 256, with or without an application selected; extended Le: 6985. */
  #getChallenge(apdu: Apdu): Outcome {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return sw(SW.INCORRECT_P1P2);
    if (apdu.extended) return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (apdu.data || apdu.le === null) return sw(SW.WRONG_LENGTH);
    this.#challenge = new Uint8Array(randomBytes(apdu.le));
    return ok(Uint8Array.from(this.#challenge));
  }

  /**
   * GET DATA: only 5F51, the contact ATR as the card stores it (without TS, with TCK). One
   * generation answers it with no application selected too; otherwise, and for other tags, 6A88.
   */
  #getData(apdu: Apdu): Outcome {
    if (apdu.data || apdu.le === null) return sw(SW.WRONG_LENGTH);
    if (((apdu.p1 << 8) | apdu.p2) !== 0x5f51 || this.profile !== 'my-number')
      return sw(SW.REFERENCED_DATA_NOT_FOUND);
    if (this.#app === null && !this.generation.contactAtrWithoutApplication)
      return sw(SW.REFERENCED_DATA_NOT_FOUND);
    return this.#respond(this.#atr.slice(1), apdu.le);
  }

  #externalAuthenticate(apdu: Apdu): Outcome {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return sw(SW.INCORRECT_P1P2);
    if (!apdu.data) return sw(SW.WRONG_LENGTH);
    const challenge = this.#challenge;
    this.#challenge = null; // one challenge, one attempt
    if (!challenge) return sw(SW.CONDITIONS_NOT_SATISFIED);
    const issuer = this.#issuerPublicKey;
    let valid = false;
    try {
      valid = issuer !== null && verifySignature('sha256', challenge, issuer, apdu.data);
    } catch {
      valid = false;
    }
    if (!valid) return sw(SW.SECURITY_NOT_SATISFIED);
    this.#issuerSession = true;
    return ok();
  }

  #resetRetryCounter(apdu: Apdu): Outcome {
    if ((apdu.p1 !== 0x02 && apdu.p1 !== 0x03) || apdu.p2 !== 0x80) return sw(SW.INCORRECT_P1P2);
    if (apdu.p1 === 0x02 ? !apdu.data : apdu.data) return sw(SW.WRONG_LENGTH);
    if (!this.#issuerSession) return sw(SW.SECURITY_NOT_SATISFIED);
    const id = this.#currentSecret();
    const secret = id ? this.#secrets.get(id) : undefined;
    if (!id || !secret) return sw(SW.REFERENCED_DATA_NOT_FOUND);
    if (apdu.p1 === 0x03 || !apdu.data) {
      // This product's issuer profile: P1=03 without data takes the secret off (顔認証 cards).
      secret.value = null;
      secret.triesLeft = SECRET_RULES[id].maxTries;
      this.#verified.delete(id);
      return ok();
    }
    if (!this.#validValue(id, apdu.data)) return sw(SIM_SW.WRONG_DATA);
    secret.value = Uint8Array.from(apdu.data);
    secret.triesLeft = SECRET_RULES[id].maxTries;
    this.#verified.delete(id);
    return ok();
  }

  /**
   * GENERATE ASYMMETRIC KEY PAIR (ISO 7816-8) on the key EF selected before (00 A4 02 0C 02
   * 0017|001A); the command carries no data. P1=80 generates (issuer session only) and returns
   * the new public key; P1=81 reads the existing public key back, needing nothing because it is
   * public, and answers 6A88 while the EF holds no key.
   */
  async #generateKeyPair(apdu: Apdu): Promise<Outcome> {
    if ((apdu.p1 !== 0x80 && apdu.p1 !== 0x81) || apdu.p2 !== 0x00) return sw(SW.INCORRECT_P1P2);
    if (apdu.data) return sw(SW.WRONG_LENGTH);
    const generate = apdu.p1 === 0x80;
    if (generate && !this.#issuerSession) return sw(SW.SECURITY_NOT_SATISFIED);
    const def = this.#currentDef();
    if (def?.type !== 'key') return sw(SW.CONDITIONS_NOT_SATISFIED);
    if (!generate) {
      const existing = this.#publicKeys.get(def.key);
      if (!existing) return sw(SW.REFERENCED_DATA_NOT_FOUND);
      return this.#respond(Uint8Array.from(existing), apdu.le ?? 256);
    }
    await this.#generateKey(def.key);
    const spki = Uint8Array.from(this.#publicKeys.get(def.key)!);
    return { ...this.#respond(spki, apdu.le ?? 256), extraMs: this.timing?.keygenMs ?? 0 };
  }

  #updateBinary(apdu: Apdu): Outcome {
    if (apdu.p1 & 0x80) return sw(SW.INCORRECT_P1P2);
    if (!apdu.data) return sw(SW.WRONG_LENGTH);
    if (!this.#issuerSession) return sw(SW.SECURITY_NOT_SATISFIED);
    const def = this.#currentDef();
    if (!def || this.#app === null || this.#ef === null) return sw(SIM_SW.NO_CURRENT_EF);
    if (def.type !== 'binary') return sw(SIM_SW.WRONG_FILE_STRUCTURE);
    if (!def.issuerWritable) return sw(SW.SECURITY_NOT_SATISFIED);
    const offset = (apdu.p1 << 8) | apdu.p2;
    const file = this.#files.get(fileKey(this.#app, this.#ef))!;
    if (offset >= file.length) return sw(SW.WRONG_PARAMETERS_OFFSET);
    if (offset + apdu.data.length > file.length) return sw(SW.WRONG_LENGTH);
    if (this.#app === CHIP_STATE_EF.app && this.#ef === CHIP_STATE_EF.fid) {
      if (!Object.values(CHIP_STATE_BYTES).includes(apdu.data[0] as 1 | 2 | 3))
        return sw(SIM_SW.WRONG_DATA);
    }
    file.set(apdu.data, offset);
    return ok();
  }

  #getResponse(apdu: Apdu): Outcome {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return sw(SW.INCORRECT_P1P2);
    if (apdu.data || apdu.le === null) return sw(SW.WRONG_LENGTH);
    const pending = this.#pendingResponse;
    this.#pendingResponse = null;
    if (!pending) return sw(SW.CONDITIONS_NOT_SATISFIED);
    return this.#respond(pending, apdu.le);
  }
}
