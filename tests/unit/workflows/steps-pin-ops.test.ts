// The workflow side of the card's secrets: the card layer's typed refusals of a value in use become
// the one refusal the renderer reads, and the four states become the tries a procedure keeps.
import { describe, expect, it } from 'vitest';
import { CardStatusError } from '../../../main/card/apdu';
import { PinLockedError, PinWrongError } from '../../../main/card/pins';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import {
  pinNotice,
  pinRefusal,
  readPinTries,
  refusedCurrentOf,
} from '../../../main/workflows/steps/pin-ops';
import { currentRefusalOf } from '../../../renderer/src/resident/pin-plan';
import { pinStatesScript, scriptedSession } from '../card/card-script';

describe('a value in use the card refused', () => {
  it('is read from the card layer typed errors only', () => {
    expect(refusedCurrentOf(new PinWrongError('auth', 2))).toEqual({ kind: 'auth', triesLeft: 2 });
    expect(refusedCurrentOf(new PinLockedError('juki'))).toEqual({ kind: 'juki', triesLeft: 0 });
    expect(refusedCurrentOf(new CardStatusError(0x6982))).toBeNull();
    expect(refusedCurrentOf(new WorkflowRefusal('pin-wrong', 'auth:2'))).toBeNull();
  });

  it('wrong with tries left: pin-wrong "<kind>:<tries left>"; none left: pin-locked', () => {
    expect(pinNotice({ kind: 'text', triesLeft: 1 })).toEqual({
      code: 'pin-wrong',
      detail: 'text:1',
    });
    expect(pinNotice({ kind: 'signing', triesLeft: 0 })).toEqual({
      code: 'pin-locked',
      detail: 'signing',
    });
    const refusal = pinRefusal({ kind: 'juki', triesLeft: 2 });
    expect(refusal).toBeInstanceOf(WorkflowRefusal);
    expect([refusal.code, refusal.detail]).toEqual(['pin-wrong', 'juki:2']);
  });

  it('reads back in the renderer as the secret and its tries left', () => {
    for (const r of [
      { kind: 'signing', triesLeft: 4 },
      { kind: 'auth', triesLeft: 0 },
    ] as const) {
      const { code, detail } = pinRefusal(r);
      expect(currentRefusalOf({ code, detail })).toEqual({
        secret: r.kind,
        triesLeft: r.triesLeft,
      });
    }
  });
});

describe('the tries a procedure keeps', () => {
  it('are the four states, locked or not, without spending a try', async () => {
    const { t, session } = await scriptedSession(
      pinStatesScript({ signing: '63C5', auth: '6984', juki: '6A88', text: '63C2' }),
    );
    expect(await readPinTries(session)).toEqual({
      signing: { locked: false, triesLeft: 5 },
      auth: { locked: true, triesLeft: 0 },
      juki: { locked: false, triesLeft: 0 },
      text: { locked: false, triesLeft: 2 },
    });
    t.assertDone();
  });
});
