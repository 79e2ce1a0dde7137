// Parsers against the published bytes of a JPKI test card (tests/fixtures/published-test-card.ts).
import { describe, expect, it } from 'vitest';
import { ApduChannel, toHex } from '../../../main/card/apdu';
import {
  parseBasicFourFacts,
  parseMyNumberFile,
  readBasicFourFacts,
} from '../../../main/card/apps/text';
import { PUBLISHED_TEST_CARD as card } from '../../fixtures/published-test-card';
import { ScriptedTransport } from './scripted-transport';

describe('published test card: text application files', () => {
  it('the fixture has the published sizes and offsets', () => {
    expect(card.text0001.length).toBe(17);
    expect(card.text0002.length).toBe(104);
    expect(toHex(card.text0002.subarray(3, 14))).toBe('DF2108000E002000590064');
  });

  it('EF 0001 gives the 個人番号, check digit valid', () => {
    expect(parseMyNumberFile(card.text0001)).toBe(card.myNumber);
  });

  it('EF 0001 with one digit changed fails its check digit', () => {
    const bad = card.text0001.slice();
    bad[5] = bad[5]! === 0x39 ? 0x30 : bad[5]! + 1;
    expect(() => parseMyNumberFile(bad)).toThrow(/fails its check/);
  });

  it('EF 0002 gives the basic four facts', () => {
    expect(parseBasicFourFacts(card.text0002)).toEqual({
      name: card.name,
      address: card.address,
      birthDate: card.birthDate,
      sex: card.sex,
    });
  });

  it('EF 0002 with an offset table that disagrees is refused', () => {
    const bad = card.text0002.slice();
    bad[7] = 0x0f; // first offset 000E -> 000F
    expect(() => parseBasicFourFacts(bad)).toThrow(/offset 0 disagrees/);
  });

  it('EF 0002 read over a transcript: one READ BINARY, FF filler dropped', async () => {
    const t = new ScriptedTransport(`
      => 00 A4 02 0C 02 0002
      <= 9000
      => 00 B0 00 00 00
      <= ${toHex(card.text0002)} ${'FF'.repeat(24)} 9000
    `);
    const facts = await readBasicFourFacts(new ApduChannel(t, { reader: 'R', timeoutMs: 500 }));
    expect(facts.name).toBe('黒桐\u3000幹也');
    expect(facts.birthDate).toBe('1980-02-17');
    t.assertDone();
  });
});
