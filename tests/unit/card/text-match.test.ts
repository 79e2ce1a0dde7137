// The text application against a resident's record: 照合番号A, the 個人番号, then the four facts read
// or compared through the integrity record's digest. Transcripts, the published card, the sim.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../main/card/apdu';
import {
  encodeBasicFourFields,
  matchTextContents,
  sameBasicFour,
} from '../../../main/card/apps/text';
import { parseIsoDate, parseMyNumber, type BasicFourFacts } from '../../../main/card/domain';
import { loadPreset } from '../../../main/card/sim/presets';
import { PUBLISHED_TEST_CARD as card } from '../../fixtures/published-test-card';
import { readTlvScript, textCodeAScript, textDigestScript } from './card-script';
import { playScript } from './scripted-transport';
import { simCounter } from './sim-session';

const MY_NUMBER = parseMyNumber(card.myNumber);
const FACTS: BasicFourFacts = {
  name: card.name,
  address: card.address,
  birthDate: parseIsoDate(card.birthDate),
  sex: card.sex,
};
const MOVED: BasicFourFacts = { ...FACTS, address: '東京都清瀬市観布子北１－１－１' };
/** EF 0002 of the published card from DF22 on: the offset table takes its first 14 bytes. */
const FIELDS = card.text0002.subarray(14);

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

describe('text application: the fields DF32 digests', () => {
  it('are written as the published card holds them', () => {
    expect(toHex(encodeBasicFourFields(FACTS))).toBe(toHex(FIELDS));
  });

  it('facts compare in NFC', () => {
    const composed = { ...FACTS, name: 'ガ\u3000テスト' };
    const decomposed = { ...FACTS, name: 'カ\u3099\u3000テスト' };
    expect(sameBasicFour(composed, decomposed)).toBe(true);
    expect(sameBasicFour(FACTS, MOVED)).toBe(false);
    expect(sameBasicFour(FACTS, { ...FACTS, sex: FACTS.sex === 'male' ? 'female' : 'male' })).toBe(
      false,
    );
  });
});

describe('text application: matching a resident', () => {
  it('EF 0002 readable: the facts read are compared', async () => {
    for (const [expected, result] of [
      [FACTS, 'match'],
      [MOVED, 'facts-differ'],
    ] as const) {
      const { t, ch } = playScript(`
        ${textCodeAScript({ presented: card.myNumber })}
        => 00A4020C02 0002
        <= 9000
        ${readTlvScript(card.text0002)}
      `);
      expect(await matchTextContents(ch, expected, MY_NUMBER)).toBe(result);
      t.assertDone();
    }
  });

  it('EF 0002 closed: the facts are compared through the SHA-256 in EF 0003', async () => {
    for (const [expected, result] of [
      [FACTS, 'match'],
      [MOVED, 'facts-differ'],
    ] as const) {
      const { t, ch } = playScript(
        textCodeAScript({ presented: card.myNumber }) + textDigestScript(sha256(FIELDS)),
      );
      expect(await matchTextContents(ch, expected, MY_NUMBER)).toBe(result);
      t.assertDone();
    }
  });

  it('照合番号A refused: another 個人番号, and nothing more is read', async () => {
    const { t, ch } = playScript(textCodeAScript({ presented: card.myNumber, codeA: '63C9' }));
    expect(await matchTextContents(ch, FACTS, MY_NUMBER)).toBe('my-number-differs');
    t.assertDone();
  });

  it('EF 0001 holding another 個人番号 is another 個人番号', async () => {
    const { t, ch } = playScript(
      textCodeAScript({ presented: card.myNumber, onCard: '123456789018' }),
    );
    expect(await matchTextContents(ch, FACTS, MY_NUMBER)).toBe('my-number-differs');
    t.assertDone();
  });

  it('EF 0002 closed and no digest of it in EF 0003: the facts are unknown', async () => {
    const { t, ch } = playScript(
      textCodeAScript({ presented: card.myNumber }) + textDigestScript(null),
    );
    expect(await matchTextContents(ch, FACTS, MY_NUMBER)).toBe('facts-unknown');
    t.assertDone();
  });

  it('any other refusal of EF 0002 is the card error it is', async () => {
    const { t, ch } = playScript(`
      ${textCodeAScript({ presented: card.myNumber })}
      => 00A4020C02 0002
      <= 9000
      => 00B0000000
      <= 6A82
    `);
    await expect(matchTextContents(ch, FACTS, MY_NUMBER)).rejects.toMatchObject({
      name: 'CardStatusError',
      sw: 0x6a82,
    });
    t.assertDone();
  });

  it('the simulated test card matches its own holder and tells a move', async () => {
    const counter = await simCounter(await loadPreset('test-card', { timing: false }));
    expect(await counter.run((s) => matchTextContents(s, FACTS, MY_NUMBER))).toBe('match');
    expect(await counter.run((s) => matchTextContents(s, MOVED, MY_NUMBER))).toBe('facts-differ');
  }, 30_000);
});
