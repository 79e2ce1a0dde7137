// The shared resident PIN entry: one entry open at a time across procedures, the resident:* calls
// routed to its owner, and each value checked by its mode (a value in use by its format only).
import { describe, expect, it } from 'vitest';
import type { PinKind } from '../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import {
  checkOne,
  checkSubmitted,
  createPinHub,
  type PinEntryOwner,
} from '../../../main/workflows/steps/pin-hub';

const BIRTH = '1970-05-30';

function owner(id: string, log: string[]) {
  const o = {
    open: false,
    busy: false,
    /** The entry shows the card face (交付) instead of asking for secrets. */
    cardFace: false,
    procedureId: id,
    isOpen: () => o.open,
    isBusy: () => o.busy,
    prompt: (): ResidentPromptDto => ({
      procedureId: id,
      required: ['auth'],
      resume: false,
      purpose: 'release',
      modes: { auth: 'current' },
      triesLeft: { auth: 3 },
      cardFace: null,
    }),
    checkPin: async (kind: PinKind) => {
      log.push(`${id} check ${kind}`);
      return { violation: null };
    },
    submit: async () => {
      log.push(`${id} submit`);
      return { done: true };
    },
    awaitsCardFace: () => o.cardFace,
    confirmCardFace: async (answer: 'confirmed' | 'wrong') => {
      log.push(`${id} card face ${answer}`);
      o.cardFace = false;
      return { answer };
    },
    closeStale: async () => {
      log.push(`${id} closed`);
      o.open = false;
    },
  };
  return o satisfies PinEntryOwner;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowRefusal) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('the resident PIN entry hub', () => {
  it('routes the resident calls to the procedure whose entry is open, and to nobody otherwise', async () => {
    const prompts: (ResidentPromptDto | null)[] = [];
    const log: string[] = [];
    const hub = createPinHub((p) => prompts.push(p));
    expect(hub.prompt()).toBeNull();
    expect(await code(hub.submit({}))).toBe('pin-entry-not-open');
    const a = owner('rel-a', log);
    await hub.claim(a);
    a.open = true;
    hub.changed(a);
    expect(prompts.at(-1)?.procedureId).toBe('rel-a');
    await hub.checkPin('auth', '1234', '1234');
    await hub.submit({ auth: { value: '1234', confirmation: '1234' } });
    expect(log).toEqual(['rel-a check auth', 'rel-a submit']);
    a.open = false;
    hub.changed(a);
    expect(prompts.at(-1)).toBeNull();
    expect(hub.prompt()).toBeNull();
  });

  it('while the card face is on screen, no secret is taken; the answer goes to that procedure only', async () => {
    const log: string[] = [];
    const hub = createPinHub(() => undefined);
    const a = owner('iss-a', log);
    await hub.claim(a);
    a.open = true;
    a.cardFace = true;
    expect(await code(hub.checkPin('auth', '7395', '7395'))).toBe('card-face-not-confirmed');
    expect(await code(hub.submit({}))).toBe('card-face-not-confirmed');
    expect(await code(hub.confirmCardFace('iss-other', 'confirmed'))).toBe('pin-entry-not-open');
    expect(await hub.confirmCardFace('iss-a', 'confirmed')).toEqual({ answer: 'confirmed' });
    // Answered: a second answer is not taken, the secrets are.
    expect(await code(hub.confirmCardFace('iss-a', 'wrong'))).toBe('pin-entry-not-open');
    await hub.checkPin('auth', '7395', '7395');
    expect(log).toEqual(['iss-a card face confirmed', 'iss-a check auth']);
  });

  it('a second procedure opening its entry closes the first one, unless it is writing', async () => {
    const log: string[] = [];
    const hub = createPinHub(() => undefined);
    const a = owner('iss-a', log);
    const b = owner('pin-b', log);
    await hub.claim(a);
    a.open = true;
    a.busy = true;
    expect(await code(hub.claim(b))).toBe('procedure-busy');
    expect(hub.prompt()?.procedureId).toBe('iss-a');
    a.busy = false;
    await hub.claim(b);
    b.open = true;
    expect(log).toEqual(['iss-a closed']);
    expect(a.open).toBe(false);
    expect(hub.prompt()?.procedureId).toBe('pin-b');
    // A change reported by a procedure that no longer owns the entry is not shown.
    const shown: (ResidentPromptDto | null)[] = [];
    const hub2 = createPinHub((p) => shown.push(p));
    await hub2.claim(b);
    hub2.changed(a);
    expect(shown).toEqual([]);
  });

  it("passes on the card work's progress of the entry's owner only", async () => {
    const sent: unknown[] = [];
    const hub = createPinHub(
      () => undefined,
      (p) => sent.push(p),
    );
    const log: string[] = [];
    // Before any procedure owns the entry, nothing reaches the resident window.
    hub.progress('ISS-1', { stage: 'pins', step: 1, steps: 9 });
    const first = owner('ISS-1', log);
    first.open = true;
    await hub.claim(first);
    hub.progress('ISS-1', { stage: 'keys', step: 2, steps: 9 });
    // Another procedure's work is not this resident's.
    hub.progress('ISS-2', { stage: 'write', step: 5, steps: 9 });
    expect(sent).toEqual([{ stage: 'keys', step: 2, steps: 9 }]);
  });

  it('forget closes the resident screen', async () => {
    const shown: (ResidentPromptDto | null)[] = [];
    const hub = createPinHub((p) => shown.push(p));
    const a = owner('ren-a', []);
    await hub.claim(a);
    a.open = true;
    hub.forget();
    expect(shown).toEqual([null]);
    expect(hub.prompt()).toBeNull();
  });
});

describe('checking an entered value by its mode', () => {
  it('a value in use is format-checked only: weak values pass, wrong formats do not', () => {
    expect(checkOne('auth', 'current', '1234', '', BIRTH)).toBeNull();
    expect(checkOne('auth', 'current', '0530', '', BIRTH)).toBeNull();
    expect(checkOne('auth', 'current', '12a4', '', BIRTH)).toBe('pin-format');
    expect(checkOne('signing', 'current', 'abc123', '', BIRTH)).toBeNull();
    expect(checkOne('signing', 'current', 'abc', '', BIRTH)).toBe('password-format');
  });

  it('a new value keeps issuance’s rules, for a reset and for a change alike', () => {
    expect(checkOne('auth', 'new', '1234', '1234', BIRTH)).toBe('pin-sequence');
    expect(checkOne('juki', 'change', '0530', '0530', BIRTH)).toBe('pin-birth-date');
    expect(checkOne('text', 'new', '4718', '4719', BIRTH)).toBe('pin-confirmation-differs');
    expect(checkOne('text', 'new', '4718', '4718', BIRTH)).toBeNull();
  });

  it('a submission: current uses the value typed once, change needs the value in use', () => {
    const kept = checkSubmitted('auth', 'current', { value: '1111', confirmation: '1111' }, BIRTH);
    expect(kept).toMatchObject({ ok: true });
    expect(kept.ok && kept.current === kept.value).toBe(true);
    expect(
      checkSubmitted('auth', 'change', { value: '4718', confirmation: '4718' }, BIRTH),
    ).toEqual({
      ok: false,
      violation: 'pin-format',
    });
    const changed = checkSubmitted(
      'signing',
      'change',
      { value: 'kawa7sora', confirmation: 'KAWA7SORA', current: 'mado2025' },
      BIRTH,
    );
    expect(changed).toEqual({ ok: true, value: 'KAWA7SORA', current: 'MADO2025' });
    expect(checkSubmitted('text', 'new', undefined, BIRTH)).toEqual({
      ok: false,
      violation: 'pin-format',
    });
    expect(checkSubmitted('signing', 'new', undefined, BIRTH)).toEqual({
      ok: false,
      violation: 'password-format',
    });
  });
});
