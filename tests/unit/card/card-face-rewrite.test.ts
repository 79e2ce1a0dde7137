// 券面記載事項の変更 on the card itself: the issuer rewrites both the text application and the card face
// (券面事項確認AP: its name and address images, birth date and sex, signed anew), and a reader of
// the card then sees the new facts in both; the photo stays.
import { sign, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openCardIssuerSession,
  type ChallengeSigner,
} from '../../../main/authority/issuer-session';
import {
  matchTextContents,
  readIntegrityRecord,
  readTextContents,
} from '../../../main/card/apps/text';
import {
  cardFaceDiffers,
  cardFaceSignedData,
  matchCardFace,
  parseCardFaceFacts,
  readCardFaceFacts,
  readCardFaceFile,
  readFacePhoto,
  VISUAL_AID,
  VISUAL_EF_CARD_FACE,
} from '../../../main/card/apps/visual';
import { CardStatusError } from '../../../main/card/apdu';
import { parseIsoDate, parseMyNumber, type BasicFourFacts } from '../../../main/card/domain';
import { selectAid, selectEf } from '../../../main/card/iso7816';
import { loadPreset, presetAuthority, presetData } from '../../../main/card/sim/presets';
import { encodeTlv, parseTlv, parseTlvList } from '../../../main/card/tlv';
import { encodeBilevelPng } from '../../../main/images/png';
import { simCounter } from './sim-session';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const moved = presetData('moved');
if (moved.profile !== 'my-number') throw new Error('the moved preset is a My Number Card');
const myNumber = parseMyNumber(moved.holder.myNumber);
/** The record after the move (and, for the name, a marriage). */
const RECORD: BasicFourFacts = {
  name: '転居　健太',
  address: '見本県窓口市桜町８－８－８',
  birthDate: parseIsoDate(moved.holder.birthDate),
  sex: 'male',
};

let signer: ChallengeSigner;
let issuerPublic: Parameters<typeof verify>[2];

beforeAll(async () => {
  const { issuerKey } = await presetAuthority();
  signer = async (data) => new Uint8Array(sign('sha256', data, issuerKey.privateKey));
  issuerPublic = issuerKey.publicKey;
});

/** DF22..DF2A of a card face, by tag, as encoded objects. */
function objectsOf(file: Uint8Array): Map<number, Uint8Array> {
  const outer = parseTlv(file);
  const start = outer.offset + outer.headerLength;
  const list = parseTlvList(file, start, start + outer.length);
  return new Map(list.map((o) => [o.tag, encodeTlv(o.tag, o.value)]));
}

describe('the card face rewritten with the text application', SLOW, () => {
  it('a reader sees the new facts in both applications; the photo stays; the signature verifies', async () => {
    const card = await loadPreset('moved', { timing: false });
    const counter = await simCounter(card);
    const before = await counter.run(async (session) => ({
      face: await readCardFaceFacts(session, myNumber),
      photo: await readFacePhoto(session, myNumber),
      differs: await cardFaceDiffers(session, RECORD, myNumber),
      file: await readCardFaceFile(session, myNumber),
    }));
    expect(before.face).toMatchObject({ name: moved.holder.name, address: moved.holder.address });
    expect(before.differs).toBe(true);

    await counter.run(async (session) => {
      expect((await readTextContents(session, RECORD, myNumber)).match).toBe('facts-differ');
      const integrity = await readIntegrityRecord(session);
      const cardFace = await readCardFaceFile(session, myNumber);
      const issuer = await openCardIssuerSession(session, signer);
      await issuer.writeTextFacts(RECORD, integrity);
      await issuer.writeCardFace(RECORD, cardFace);
    });

    // A later session, as card health or the next procedure reads the card.
    const after = await counter.run(async (session) => ({
      text: await matchTextContents(session, RECORD, myNumber),
      face: await readCardFaceFacts(session, myNumber),
      differs: await cardFaceDiffers(session, RECORD, myNumber),
      photo: await readFacePhoto(session, myNumber),
      file: await readCardFaceFile(session, myNumber),
    }));
    expect(after.text).toBe('match');
    expect(after.face).toEqual({
      name: RECORD.name,
      address: RECORD.address,
      birthDate: RECORD.birthDate,
      sex: 'male',
    });
    expect(after.differs).toBe(false);
    expect(matchCardFace(after.face, RECORD)).toBe('match');
    expect(after.photo).toEqual(before.photo);
    // DF28: the issuer's signature over the three digests, made anew over the new images.
    const o = objectsOf(after.file);
    const signed = cardFaceSignedData(
      [o.get(0xdf22)!, o.get(0xdf23)!, o.get(0xdf24)!],
      [o.get(0xdf25)!, o.get(0xdf26)!],
      [o.get(0xdf27)!],
    );
    const signature = parseTlv(o.get(0xdf28)!).value;
    expect(verify('sha256', signed, issuerPublic, signature)).toBe(true);
    // The expiry and the security code are kept.
    const old = objectsOf(before.file);
    expect(o.get(0xdf29)).toEqual(old.get(0xdf29));
    expect(o.get(0xdf2a)).toEqual(old.get(0xdf2a));
    expect(o.get(0xdf25)).not.toEqual(old.get(0xdf25));
  });

  it('the card face takes no write outside an issuer session', async () => {
    const card = await loadPreset('moved', { timing: false });
    const counter = await simCounter(card);
    const refused = await counter.run(async (session) => {
      await selectAid(session, VISUAL_AID);
      await selectEf(session, VISUAL_EF_CARD_FACE);
      return session
        .exchange({ cla: 0x00, ins: 0xd6, p1: 0, p2: 0, data: Uint8Array.of(0xff) })
        .then(
          () => null,
          (e: unknown) => e,
        );
    });
    expect(refused).toBeInstanceOf(CardStatusError);
    expect((refused as CardStatusError).sw).toBe(0x6982);
    expect(await counter.run((s) => readCardFaceFacts(s, myNumber))).toMatchObject({
      address: moved.holder.address,
    });
  });

  it('a card face whose images carry no words (a real card) is unknown, never different', () => {
    const face = parseCardFaceFacts(
      encodeTlv(
        0xff20,
        Uint8Array.from(
          Buffer.concat([
            encodeTlv(0xdf22, new TextEncoder().encode('19800606')),
            encodeTlv(0xdf23, new TextEncoder().encode('1')),
            encodeTlv(0xdf25, encodeBilevelPng(96, 16)),
            encodeTlv(0xdf26, encodeBilevelPng(192, 32)),
          ]),
        ),
      ),
    );
    expect(face).toMatchObject({ name: null, address: null });
    expect(matchCardFace(face, RECORD)).toBe('unknown');
    // Its birth date and sex are fields: another birth date differs all the same.
    expect(matchCardFace(face, { ...RECORD, birthDate: parseIsoDate('1980-06-07') })).toBe(
      'differs',
    );
  });
});
