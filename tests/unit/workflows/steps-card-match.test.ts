// The workflow's card match: what the text application's answer means for the procedure (go on,
// facts differ, or refused with the reason the clerk sees), over a scripted card session.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBasicFourFields } from '../../../main/card/apps/text';
import { parseIsoDate, parseMyNumber, type BasicFourFacts } from '../../../main/card/domain';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { assertSerial, matchCardContents } from '../../../main/workflows/steps/card-match';
import { scriptedSession, textCodeAScript, textDigestScript } from '../card/card-script';

const MY_NUMBER = '123456789018';
const FACTS: BasicFourFacts = {
  name: '窓口\u3000花子',
  address: '見本県窓口市本町１－２－３',
  birthDate: parseIsoDate('1992-07-08'),
  sex: 'female',
};
const digestOf = (f: BasicFourFacts) =>
  new Uint8Array(createHash('sha256').update(encodeBasicFourFields(f)).digest());

async function match(script: string, expected: BasicFourFacts = FACTS) {
  const { t, session } = await scriptedSession(script);
  const result = await matchCardContents(session, expected, parseMyNumber(MY_NUMBER)).catch(
    (e: unknown) => e,
  );
  t.assertDone();
  return result;
}

describe('card match', () => {
  it('the same facts go on; other facts are left to the procedure to decide', async () => {
    const script = textCodeAScript({ presented: MY_NUMBER }) + textDigestScript(digestOf(FACTS));
    expect(await match(script)).toBe('match');
    expect(await match(script, { ...FACTS, name: '窓口\u3000花' })).toBe('facts-differ');
  });

  it('a card refusing 照合番号A is refused as another 個人番号', async () => {
    const e = await match(textCodeAScript({ presented: MY_NUMBER, codeA: '63C9' }));
    expect(e).toBeInstanceOf(WorkflowRefusal);
    expect(e).toMatchObject({ code: 'card-facts-mismatch', detail: 'my-number' });
  });

  it('facts the card gives no way to compare are refused as facts', async () => {
    const e = await match(textCodeAScript({ presented: MY_NUMBER }) + textDigestScript(null));
    expect(e).toMatchObject({ code: 'card-facts-mismatch', detail: 'facts' });
  });

  it('another card than the procedure is the wrong card', () => {
    expect(() => assertSerial('990000000000002', '990000000000001')).toThrow(
      expect.objectContaining({ code: 'wrong-card' }),
    );
    expect(() => assertSerial('990000000000001', '990000000000001')).not.toThrow();
  });
});
