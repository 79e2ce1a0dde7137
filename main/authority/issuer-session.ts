// The client side of this product's issuer profile (docs/card.md, The issuer profile of this product): APDUs of an issuer session.
import type { Apdu } from '../card/apdu';
import { CardStatusError } from '../card/apdu';
import { COMMON_AID, COMMON_EF_CHIP_STATE } from '../card/apps/common';
import { rewriteCardFace, VISUAL_AID, VISUAL_EF_CARD_FACE } from '../card/apps/visual';
import { JPKI_AID, JPKI_EF } from '../card/apps/jpki';
import {
  encodeBasicFourFields,
  TEXT_AID,
  TEXT_EF_BASIC_FOUR,
  TEXT_EF_INTEGRITY,
} from '../card/apps/text';
import { concatBytes } from '../card/apdu';
import { CardDataError, encodeTlv, parseTlv, parseTlvList } from '../card/tlv';
import { createHash } from 'node:crypto';
import { parsePin, parseSigningPassword, secretBytes, type BasicFourFacts } from '../card/domain';
import { selectAid, selectEf } from '../card/iso7816';
import { SECRET_LOCATIONS } from '../card/pins';
import { SW } from '../card/status-words';
import type { Bytes } from '../card/transport';
import {
  IssuerSessionRefusedError,
  type CardState,
  type CertificateSlot,
  type Der,
  type IssuerPinKind,
  type IssuerPinValue,
  type IssuerSession,
  type KeyKind,
} from './issuer-authority';
import { isRsa2048Spki } from './jpki-profile';

/** Signs an 8-byte card challenge with the issuer key (RSA PKCS#1 v1.5, SHA-256). */
export type ChallengeSigner = (challenge: Bytes) => Promise<Bytes>;

const INS_GET_CHALLENGE = 0x84;
const INS_EXTERNAL_AUTHENTICATE = 0x82;
const INS_RESET_RETRY_COUNTER = 0x2c;
const INS_GENERATE_KEY_PAIR = 0x47;
const INS_UPDATE_BINARY = 0xd6;
/** GENERATE ASYMMETRIC KEY PAIR P1: 80 generates, 81 reads the existing public key (ISO 7816-8). */
const P1_GENERATE = 0x80;
const P1_READ_PUBLIC_KEY = 0x81;
const CHALLENGE_LENGTH = 8;
/** Short APDUs only: each UPDATE BINARY carries at most this much of a certificate. */
const UPDATE_CHUNK = 0xf0;

const KEY_EF: Readonly<Record<KeyKind, number>> = {
  signing: JPKI_EF.signingKey,
  auth: JPKI_EF.authKey,
};

const CERT_EF: Readonly<Record<CertificateSlot, number>> = {
  signing: JPKI_EF.signingCert,
  auth: JPKI_EF.authCert,
  'signing-ca': JPKI_EF.signingCaCert,
  'auth-ca': JPKI_EF.authCaCert,
};

const CHIP_STATE_BYTE: Readonly<Record<CardState, number>> = {
  active: 0x01,
  suspended: 0x02,
  terminated: 0x03,
};

/**
 * Proves the issuer key to the card for the application selected now: GET CHALLENGE, then
 * EXTERNAL AUTHENTICATE with the signed challenge. 6982 means the card trusts another issuer.
 */
export async function authenticateIssuer(ch: Apdu, signChallenge: ChallengeSigner): Promise<void> {
  const challenge = await ch.exchange({
    cla: 0x00,
    ins: INS_GET_CHALLENGE,
    p1: 0x00,
    p2: 0x00,
    le: CHALLENGE_LENGTH,
  });
  if (challenge.length !== CHALLENGE_LENGTH) throw new CardStatusError(SW.WRONG_LENGTH);
  const signature = await signChallenge(challenge);
  // A 256-byte signature does not fit a short Lc: the codec sends it as an extended APDU.
  const res = await ch.send({
    cla: 0x00,
    ins: INS_EXTERNAL_AUTHENTICATE,
    p1: 0x00,
    p2: 0x00,
    data: signature,
  });
  if (res.sw === SW.SECURITY_NOT_SATISFIED) throw new IssuerSessionRefusedError();
  if (res.sw !== SW.OK) throw new CardStatusError(res.sw, INS_EXTERNAL_AUTHENTICATE);
}

/**
 * Opens an issuer session on the card behind `ch`. The card ends an issuer session whenever an
 * application is selected, so every operation selects its application and authenticates again;
 * that also keeps the session valid when other code selects applications in between.
 */
export async function openCardIssuerSession(
  ch: Apdu,
  signChallenge: ChallengeSigner,
): Promise<IssuerSession> {
  const enter = async (aid: Bytes): Promise<void> => {
    await selectAid(ch, aid);
    await authenticateIssuer(ch, signChallenge);
  };

  // Fails here, before any write, when the card belongs to another issuer.
  await enter(JPKI_AID);

  const writePin = async <K extends IssuerPinKind>(
    kind: K,
    value: IssuerPinValue<K>,
  ): Promise<void> => {
    // Brands are a compile-time promise; check again before the value reaches a card.
    const bytes = secretBytes(kind === 'signing' ? parseSigningPassword(value) : parsePin(value));
    try {
      // Every place the secret lives: the 住基 PIN is written to both applications that hold one.
      for (const { aid, ef } of SECRET_LOCATIONS[kind]) {
        await enter(aid);
        await selectEf(ch, ef);
        await ch.exchange({
          cla: 0x00,
          ins: INS_RESET_RETRY_COUNTER,
          p1: 0x02,
          p2: 0x80,
          data: bytes,
        });
      }
    } finally {
      bytes.fill(0);
    }
  };

  return {
    setPin: writePin,
    resetPin: writePin,

    async generateKeyPair(kind: KeyKind): Promise<Der> {
      await enter(JPKI_AID);
      await selectEf(ch, KEY_EF[kind]);
      const spki = await ch.exchange({
        cla: 0x00,
        ins: INS_GENERATE_KEY_PAIR,
        p1: P1_GENERATE,
        p2: 0x00,
        le: 256,
      });
      // Anything but an RSA-2048 key is not a JPKI key pair.
      if (!isRsa2048Spki(spki)) throw new Error('the card returned no RSA-2048 public key');
      return spki;
    },

    async readPublicKey(kind: KeyKind): Promise<Der | null> {
      // Public data: the JPKI application is selected, no issuer authentication is needed.
      await selectAid(ch, JPKI_AID);
      await selectEf(ch, KEY_EF[kind]);
      const res = await ch.send({
        cla: 0x00,
        ins: INS_GENERATE_KEY_PAIR,
        p1: P1_READ_PUBLIC_KEY,
        p2: 0x00,
        le: 256,
      });
      if (res.sw === SW.REFERENCED_DATA_NOT_FOUND) return null;
      if (res.sw !== SW.OK) throw new CardStatusError(res.sw, INS_GENERATE_KEY_PAIR);
      if (!isRsa2048Spki(res.data)) throw new Error('the card returned no RSA-2048 public key');
      return res.data;
    },

    async writeCertificate(slot: CertificateSlot, der: Der): Promise<void> {
      await enter(JPKI_AID);
      await selectEf(ch, CERT_EF[slot]);
      await updateBinary(ch, der);
    },

    async clearCertificate(slot: KeyKind): Promise<void> {
      await enter(JPKI_AID);
      await selectEf(ch, CERT_EF[slot]);
      // A certificate EF is read as holding one when it starts a DER SEQUENCE (30): four zero
      // bytes end that; the rest of the old bytes mean nothing without their header.
      await updateBinary(ch, new Uint8Array(4));
    },

    async clearPin(kind: IssuerPinKind): Promise<void> {
      for (const { aid, ef } of SECRET_LOCATIONS[kind]) {
        await enter(aid);
        await selectEf(ch, ef);
        // This product's issuer profile: RESET RETRY COUNTER with P1=03 and no data clears it.
        await ch.exchange({ cla: 0x00, ins: INS_RESET_RETRY_COUNTER, p1: 0x03, p2: 0x80 });
      }
    },

    async writeTextFacts(facts: BasicFourFacts, integrity: Uint8Array): Promise<void> {
      const fields = encodeBasicFourFields(facts);
      const attributes = basicFourFile(fields);
      const record = parseTlv(integrity);
      const myNumberDigest = parseTlvList(record.value).find((t) => t.tag === TAG_MY_NUMBER_DIGEST);
      if (!myNumberDigest) throw new CardDataError('text EF 0003 has no DF31');
      const signed = concatBytes([
        encodeTlv(TAG_MY_NUMBER_DIGEST, myNumberDigest.value),
        encodeTlv(TAG_BASIC_FOUR_DIGEST, sha256(fields)),
      ]);
      const signature = await signChallenge(signed);
      const newRecord = encodeTlv(
        TAG_INTEGRITY,
        concatBytes([signed, encodeTlv(TAG_ISSUER_SIGNATURE, signature)]),
      );
      await enter(TEXT_AID);
      await selectEf(ch, TEXT_EF_BASIC_FOUR);
      await updateBinary(ch, attributes);
      await selectEf(ch, TEXT_EF_INTEGRITY);
      await updateBinary(ch, newRecord);
    },

    async writeCardFace(facts: BasicFourFacts, cardFace: Uint8Array): Promise<void> {
      const file = await rewriteCardFace(cardFace, facts, signChallenge);
      await enter(VISUAL_AID);
      await selectEf(ch, VISUAL_EF_CARD_FACE);
      await updateBinary(ch, file);
    },

    async setCardState(state: CardState): Promise<void> {
      await enter(COMMON_AID);
      await selectEf(ch, COMMON_EF_CHIP_STATE);
      await updateBinary(ch, Uint8Array.of(CHIP_STATE_BYTE[state]));
    },
  };
}

const TAG_INTEGRITY = 0xff30;
const TAG_MY_NUMBER_DIGEST = 0xdf31;
const TAG_BASIC_FOUR_DIGEST = 0xdf32;
const TAG_ISSUER_SIGNATURE = 0xdf33;

const sha256 = (data: Bytes): Bytes => new Uint8Array(createHash('sha256').update(data).digest());

/**
 * Text EF 0002 from its four fields: `FF 20` holding DF21 (the 2-byte offsets, from the file
 * start, of DF22..DF25) and the fields, as the text application reads it.
 */
function basicFourFile(fields: Bytes): Bytes {
  const children = parseTlvList(fields);
  const tableLength = 3 + 2 * children.length;
  const innerLength = tableLength + fields.length;
  const header = encodeTlv(0xff20, new Uint8Array(innerLength)).length - innerLength;
  const offsets = children.map((c) => {
    const at = header + tableLength + c.offset;
    return Uint8Array.of(at >> 8, at & 0xff);
  });
  return encodeTlv(0xff20, concatBytes([encodeTlv(0xdf21, concatBytes(offsets)), fields]));
}

/** UPDATE BINARY `00 D6 <offset> Lc <data>` in short chunks, into the EF selected before. */
async function updateBinary(ch: Apdu, content: Bytes): Promise<void> {
  for (let offset = 0; offset < content.length; offset += UPDATE_CHUNK) {
    await ch.exchange({
      cla: 0x00,
      ins: INS_UPDATE_BINARY,
      p1: offset >> 8,
      p2: offset & 0xff,
      data: content.subarray(offset, offset + UPDATE_CHUNK),
    });
  }
}
