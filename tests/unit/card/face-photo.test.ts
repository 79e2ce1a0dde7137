// The chip photo: read from the visual application with 照合番号A, parsed from the card face, decoded.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  VisualCodeRefusedError,
  parseCardFacePhoto,
  readFacePhoto,
} from '../../../main/card/apps/visual';
import { myNumberCheckDigit, parseMyNumber } from '../../../main/card/domain';
import { readPinStatus, selectAid } from '../../../main/card/iso7816';
import { VISUAL_AID, VISUAL_EF_CODE_A } from '../../../main/card/apps/visual';
import {
  loadApplicationCard,
  type ApplicationCardFacts,
} from '../../../main/card/sim/application-card';
import { concat, u16 } from '../../../main/card/sim/bytes';
import { CardDataError, encodeTlv } from '../../../main/card/tlv';
import { decodeJp2, encodeJp2 } from '../../../main/images/jp2';
import { simCounter } from './sim-session';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const issuerPublicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;

const FACTS: ApplicationCardFacts = {
  name: '窓口　花子',
  address: '見本県窓口市本町１－２－３',
  birthDate: '1992-07-08',
  sex: 'female',
  myNumber: '123456789018',
  municipalityCode: '99999',
  serial: '990000000000001',
  cardExpiry: '2036-07-08',
};

/** A recognisable 40 × 30 greyscale photo: a diagonal gradient. */
function gradientPhoto(): Promise<Uint8Array> {
  const pixels = Uint8Array.from(
    { length: 40 * 30 },
    (_, i) => ((i % 40) + Math.floor(i / 40)) * 3,
  );
  return encodeJp2(pixels, 40, 30);
}

describe('readFacePhoto', SLOW, () => {
  it('returns the very JPEG 2000 bytes the card was made with', async () => {
    const photo = await gradientPhoto();
    const card = await loadApplicationCard(FACTS, { timing: false, issuerPublicKey, photo });
    const counter = await simCounter(card);
    const read = await counter.run((s) => readFacePhoto(s, parseMyNumber(FACTS.myNumber)));
    expect(read).toEqual(photo);
    const image = await decodeJp2(read);
    expect([image.width, image.height, image.channels]).toEqual([40, 30, 1]);
  });

  it('reads a drawn portrait when the card was made without a photo', async () => {
    const card = await loadApplicationCard(FACTS, { timing: false, issuerPublicKey });
    const counter = await simCounter(card);
    const read = await counter.run((s) => readFacePhoto(s, parseMyNumber(FACTS.myNumber)));
    const image = await decodeJp2(read);
    expect(image.height / image.width).toBeCloseTo(4 / 3, 1);
    // A portrait, not a blank: more than a handful of grey levels.
    expect(new Set(image.data).size).toBeGreaterThan(20);
  });

  it('a wrong 個人番号 is refused and spends one try of the visual key 0013', async () => {
    const card = await loadApplicationCard(FACTS, { timing: false, issuerPublicKey });
    const counter = await simCounter(card);
    const first11 = '23456789012';
    const other = parseMyNumber(`${first11}${myNumberCheckDigit(first11)}`);
    const failure = await counter.run((s) => readFacePhoto(s, other)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(VisualCodeRefusedError);
    expect((failure as VisualCodeRefusedError).result).toEqual({ kind: 'wrong', triesLeft: 2 });
    expect((failure as Error).message).not.toContain(other);
    const status = await counter.run(async (s) => {
      await selectAid(s, VISUAL_AID);
      return readPinStatus(s, VISUAL_EF_CODE_A, 3);
    });
    expect(status).toEqual({ state: 'ok', triesLeft: 2, maxTries: 3 });
    // The right number still opens it, and resets the count.
    await counter.run((s) => readFacePhoto(s, parseMyNumber(FACTS.myNumber)));
    const after = await counter.run(async (s) => {
      await selectAid(s, VISUAL_AID);
      return readPinStatus(s, VISUAL_EF_CODE_A, 3);
    });
    expect(after.triesLeft).toBe(3);
  });
});

describe('parseCardFacePhoto', SLOW, () => {
  /** FF 20 { DF21 offsets, the objects } with the offsets computed or given. */
  function face(objects: Uint8Array[], offsets?: number[]): Uint8Array {
    const tableLength = 3 + objects.length * 2;
    const body = objects.reduce((n, o) => n + o.length, 0) + tableLength;
    // Two tag bytes, then a one-, two- or three-byte length.
    const header = body < 0x80 ? 3 : body < 0x100 ? 4 : 5;
    const computed: number[] = [];
    let at = header + tableLength;
    for (const o of objects) {
      computed.push(at);
      at += o.length;
    }
    const table = encodeTlv(0xdf21, concat(...(offsets ?? computed).map(u16)));
    return encodeTlv(0xff20, concat(table, ...objects));
  }
  const photo = Uint8Array.of(0xff, 0x4f, 0xff, 0x51, 1, 2, 3);
  const objects = [
    encodeTlv(0xdf22, Uint8Array.of(0x31)),
    encodeTlv(0xdf27, photo),
    encodeTlv(0xdf29, Uint8Array.of(0x32)),
  ];

  it('takes DF27 out of the card face', () => {
    expect(parseCardFacePhoto(face(objects))).toEqual(photo);
  });

  it('refuses an offset table that points elsewhere, a face without DF27, and another template', () => {
    const good = face(objects);
    const wrongTable = face(objects, [good.length, 0, 0]);
    expect(() => parseCardFacePhoto(wrongTable)).toThrow(CardDataError);
    expect(() => parseCardFacePhoto(face([objects[0]!, objects[2]!]))).toThrow(/no DF27/);
    const other = Uint8Array.from(good);
    other[1] = 0x30;
    expect(() => parseCardFacePhoto(other)).toThrow(/not FF 20/);
  });
});
