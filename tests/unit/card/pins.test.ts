// The card's secrets over transcripts: the four states read without a try, a value in use verified
// in every place it lives, changed with the right command, and refused as typed errors.
import { describe, expect, it } from 'vitest';
import { JPKI_AID } from '../../../main/card/apps/jpki';
import { parsePin, parseSigningPassword } from '../../../main/card/domain';
import {
  PinLockedError,
  PinWrongError,
  changePin,
  readPinStates,
  verifyPinInUse,
} from '../../../main/card/pins';
import { AID, pinStatesScript, scriptedSession } from './card-script';
import { playScript } from './scripted-transport';

const PIN = parsePin('1234');
const PIN_HEX = '31323334';
const NEXT = parsePin('5678');
const NEXT_HEX = '35363738';

describe('pins: the four states', () => {
  it('selects each application and asks each key with an empty VERIFY', async () => {
    const { t, session } = await scriptedSession(
      pinStatesScript({ signing: '63C5', auth: '6984', juki: '6A88', text: '9000' }),
    );
    expect(await readPinStates(session)).toEqual({
      signing: { state: 'ok', triesLeft: 5, maxTries: 5 },
      auth: { state: 'locked', triesLeft: 0, maxTries: 3 },
      juki: { state: 'not-set', triesLeft: 0, maxTries: 3 },
      // Verified earlier in the session: a correct entry restored the full count.
      text: { state: 'ok', triesLeft: 3, maxTries: 3 },
    });
    t.assertDone();
  });

  it('does not select JPKI again when the session has it selected', async () => {
    const { t, session } = await scriptedSession(`
      => 00A4040C0A ${AID.jpki}
      <= 9000
      ${pinStatesScript({ signing: '63C4', auth: '63C3', juki: '63C0', text: '63C1' }, { jpkiSelected: true })}
    `);
    await session.selectApplication(JPKI_AID);
    const states = await readPinStates(session);
    expect(states.signing.triesLeft).toBe(4);
    // 63C0 to the empty VERIFY is a locked key.
    expect(states.juki.state).toBe('locked');
    expect(states.text).toEqual({ state: 'ok', triesLeft: 1, maxTries: 3 });
    t.assertDone();
  });
});

describe('pins: a value in use', () => {
  it('the 住基 PIN is verified in the 住基 and the common application', async () => {
    const { t, ch } = playScript(`
      => 00A4040C0A ${AID.juki}
      <= 9000
      => 00A4020C02 001C
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 9000
      => 00A4040C0A ${AID.common}
      <= 9000
      => 00A4020C02 001C
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 9000
    `);
    await verifyPinInUse(ch, 'juki', PIN);
    t.assertDone();
  });

  it('a wrong value is a PinWrongError with the tries left, naming no digit of it', async () => {
    const { t, ch } = playScript(`
      => 00A4040C0A ${AID.text}
      <= 9000
      => 00A4020C02 0011
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 63C2
    `);
    const e = await verifyPinInUse(ch, 'text', PIN).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PinWrongError);
    expect(e).toMatchObject({ kind: 'text', triesLeft: 2 });
    expect((e as Error).message).not.toContain('1234');
    t.assertDone();
  });

  it('a locked key (6984, or 63C0 to a value) and a key never set are PinLockedError', async () => {
    for (const sw of ['6984', '63C0', '6A88']) {
      const password = parseSigningPassword('ABC123');
      const { t, ch } = playScript(`
        => 00A4040C0A ${AID.jpki}
        <= 9000
        => 00A4020C02 001B
        <= 9000
        => 0020008006 414243313233
        <= ${sw}
      `);
      const e = await verifyPinInUse(ch, 'signing', password).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PinLockedError);
      expect(e).toMatchObject({ kind: 'signing' });
      t.assertDone();
    }
  });
});

describe('pins: changing a value in use', () => {
  it('ISO CHANGE REFERENCE DATA 00 24 01 80 after VERIFY', async () => {
    const { t, ch } = playScript(`
      => 00A4040C0A ${AID.jpki}
      <= 9000
      => 00A4020C02 0018
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 9000
      => 0024018004 ${NEXT_HEX}
      <= 9000
    `);
    await changePin(ch, 'auth', PIN, NEXT);
    t.assertDone();
  });

  it('the 住基 PIN: 80 32 00 80 in the 住基 and then the common application', async () => {
    const { t, ch } = playScript(`
      => 00A4040C0A ${AID.juki}
      <= 9000
      => 00A4020C02 001C
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 9000
      => 8032008004 ${NEXT_HEX}
      <= 9000
      => 00A4040C0A ${AID.common}
      <= 9000
      => 00A4020C02 001C
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 9000
      => 8032008004 ${NEXT_HEX}
      <= 9000
    `);
    await changePin(ch, 'juki', PIN, NEXT);
    t.assertDone();
  });

  it('a refused value in use stops before any change is sent', async () => {
    const { t, ch } = playScript(`
      => 00A4040C0A ${AID.text}
      <= 9000
      => 00A4020C02 0011
      <= 9000
      => 0020008004 ${PIN_HEX}
      <= 63C1
    `);
    await expect(changePin(ch, 'text', PIN, NEXT)).rejects.toMatchObject({
      name: 'PinWrongError',
      kind: 'text',
      triesLeft: 1,
    });
    t.assertDone();
  });
});
