// The resident window's store with a fake main: values in use and changes, what is sent, and main's answers about values in use.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PinKind } from '../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import { checkPinEntry } from '../../../preload/contract/rules/pins';
import type { Result } from '../../../preload/contract/result';
import {
  DONE_SCREEN_MS,
  useResidentStore,
} from '../../../renderer/src/resident/stores/resident-store';

type Sent = Partial<Record<PinKind, { value: string; confirmation: string; current?: string }>>;

/** Main as the resident window sees it: the prompt, the checks of new values, the submit. */
function fakeMain(first: ResidentPromptDto | null) {
  const main = {
    prompt: first,
    checks: [] as { kind: PinKind; value: string }[],
    /** Copies of what was sent, and the request objects themselves (emptied after the answer). */
    sent: [] as Sent[],
    requests: [] as Sent[],
    submitAnswer: { ok: true, value: { done: true } } as Result<{ done: boolean }>,
    /** The card face answers sent, and the prompt main sends while the answer is recorded. */
    answers: [] as { procedureId: string; answer: string }[],
    promptDuringAnswer: undefined as ResidentPromptDto | null | undefined,
    listener: null as ((p: ResidentPromptDto | null) => void) | null,
  };
  const api = {
    getAppInfo: async () => ({ ok: false, error: { code: 'internal' } }),
    getPrompt: async () => ({ ok: true, value: main.prompt }),
    checkPin: async (r: { kind: PinKind; value: string; confirmation: string }) => {
      main.checks.push({ kind: r.kind, value: r.value });
      return { ok: true, value: { violation: checkPinEntry(r.kind, r.value, r.confirmation, '') } };
    },
    submitPins: async (r: Sent) => {
      main.sent.push(structuredClone(r));
      main.requests.push(r);
      return main.submitAnswer;
    },
    confirmCardFace: async (r: { procedureId: string; answer: string }) => {
      main.answers.push(r);
      // Main closes the question inside the call, before its answer arrives.
      if (main.promptDuringAnswer !== undefined) main.listener?.(main.promptDuringAnswer);
      return { ok: true, value: { answer: r.answer } };
    },
    onPromptChanged: (listener: (p: ResidentPromptDto | null) => void) => {
      main.listener = listener;
      return () => undefined;
    },
  };
  // The window's `counter`, as the resident preload exposes it.
  (globalThis as unknown as { counter: unknown }).counter = api;
  return main;
}

/** Lets the store's awaited calls settle (microtasks only: it works under fake timers too). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

async function type(store: ReturnType<typeof useResidentStore>, value: string): Promise<void> {
  for (const key of value) store.press(key);
  await store.confirmEntry();
}

const RESET: ResidentPromptDto = {
  procedureId: 'rst-1',
  required: ['signing', 'auth', 'juki', 'text'],
  resume: false,
  purpose: 'pin-reset',
  modes: { signing: 'change', auth: 'current', juki: 'new', text: 'new' },
  triesLeft: { signing: 5, auth: 3 },
  cardFace: null,
};

let store: ReturnType<typeof useResidentStore>;
beforeEach(() => {
  setActivePinia(createPinia());
});
afterEach(() => {
  store?.stop();
});

describe('a later procedure: what the resident is asked and what goes to main', () => {
  it('starts with the intro, asks current -> new -> confirm for a change, the value in use once for current', async () => {
    const main = fakeMain(RESET);
    store = useResidentStore();
    await store.start();
    expect(store.phase.kind).toBe('intro');
    store.startEntry();
    expect(store.phase).toMatchObject({ kind: 'entry', target: 'signing', stage: 'current' });
    await type(store, 'old123');
    expect(store.phase).toMatchObject({ target: 'signing', stage: 'first' });
    await type(store, 'new456');
    expect(store.phase).toMatchObject({ target: 'signing', stage: 'confirm' });
    await type(store, 'new456');
    // The auth PIN in use: once; a run is accepted, it is what the card may hold.
    expect(store.phase).toMatchObject({ target: 'auth', stage: 'current' });
    await type(store, '1234');
    // juki and text new, but auth kept: each asked on its own, no offer of one for three.
    expect(store.phase).toMatchObject({ target: 'juki', stage: 'first' });
    await type(store, '1470');
    await type(store, '1470');
    await type(store, '3690');
    await type(store, '3690');
    expect(store.phase.kind).toBe('review');
    // Main checked the new values only.
    expect(main.checks).toEqual([
      { kind: 'signing', value: 'NEW456' },
      { kind: 'juki', value: '1470' },
      { kind: 'text', value: '3690' },
    ]);

    await store.submit();
    expect(main.sent).toEqual([
      {
        signing: { value: 'NEW456', confirmation: 'NEW456', current: 'OLD123' },
        auth: { value: '1234', confirmation: '1234' },
        juki: { value: '1470', confirmation: '1470' },
        text: { value: '3690', confirmation: '3690' },
      },
    ]);
    // The request itself is emptied once main has answered.
    expect(JSON.stringify(main.requests[0])).not.toMatch(/OLD123|NEW456|1234|1470|3690/);
    expect(store.phase.kind).toBe('done');
  });

  it('a new value that breaks a rule is typed again; the value in use of the change is kept', async () => {
    const main = fakeMain({ ...RESET, required: ['auth'], modes: { auth: 'change' } });
    store = useResidentStore();
    await store.start();
    store.startEntry();
    await type(store, '9051');
    await type(store, '2222');
    expect(store.phase).toMatchObject({ stage: 'first', violation: 'pin-same-digits' });
    await type(store, '2580');
    await type(store, '2580');
    await store.submit();
    expect(main.sent).toEqual([{ auth: { value: '2580', confirmation: '2580', current: '9051' } }]);
  });

  it('a password in use needs 6 characters before 決定, with a letter and a digit', async () => {
    const main = fakeMain({ ...RESET, required: ['signing'], modes: { signing: 'current' } });
    store = useResidentStore();
    await store.start();
    store.startEntry();
    await type(store, 'abcde');
    expect(store.phase).toMatchObject({ stage: 'current', violation: null });
    expect(store.draftLength).toBe(5);
    await type(store, 'f');
    // Every signing password has a letter and a digit: this one is a slip, and no try is spent.
    expect(store.phase).toMatchObject({ stage: 'current', violation: 'password-letter-digit' });
    await type(store, 'abc123');
    expect(store.phase.kind).toBe('review');
    await store.submit();
    expect(main.sent).toEqual([{ signing: { value: 'ABC123', confirmation: 'ABC123' } }]);
    expect(main.checks).toEqual([]);
  });

  it('issuance goes straight to the first entry, as before', async () => {
    fakeMain({
      procedureId: 'iss-1',
      required: ['auth', 'juki', 'text'],
      resume: false,
      purpose: 'issuance',
      modes: { auth: 'new', juki: 'new', text: 'new' },
      triesLeft: {},
      cardFace: null,
    });
    store = useResidentStore();
    await store.start();
    expect(store.phase.kind).toBe('same-offer');
  });
});

describe("main's answer about a value in use", () => {
  const RENEWAL: ResidentPromptDto = {
    procedureId: 'ren-1',
    required: ['auth'],
    resume: false,
    purpose: 'renewal',
    modes: { auth: 'current' },
    triesLeft: { auth: 3 },
    cardFace: null,
  };

  async function submitWrong(
    answer: Result<{ done: boolean }>,
    reopened: ResidentPromptDto | null,
  ) {
    const main = fakeMain(RENEWAL);
    store = useResidentStore();
    await store.start();
    store.startEntry();
    await type(store, '5831');
    main.submitAnswer = answer;
    main.prompt = reopened;
    await store.submit();
    await settle();
    return main;
  }

  it('pin-wrong: the secret and the tries left; the entry main opened again waits for the button', async () => {
    const reopened = { ...RENEWAL, triesLeft: { auth: 2 } };
    const main = await submitWrong(
      { ok: false, error: { code: 'pin-wrong', detail: 'auth:2' } },
      reopened,
    );
    expect(store.phase).toEqual({ kind: 'wrong-current', secret: 'auth', triesLeft: 2 });
    expect(store.pendingPrompt).toEqual(reopened);
    // main sends it again while the resident reads: the screen stays.
    main.listener?.(reopened);
    expect(store.phase.kind).toBe('wrong-current');
    store.resumePending();
    expect(store.phase.kind).toBe('intro');
    expect(store.prompt?.triesLeft.auth).toBe(2);
  });

  it('pin-locked: no try left, no entry open, and the clerk closing it returns to waiting', async () => {
    const main = await submitWrong(
      { ok: false, error: { code: 'pin-locked', detail: 'auth' } },
      null,
    );
    expect(store.phase).toEqual({ kind: 'wrong-current', secret: 'auth', triesLeft: 0 });
    expect(store.pendingPrompt).toBeNull();
    store.resumePending();
    expect(store.phase.kind).toBe('wrong-current');
    main.listener?.(null);
    expect(store.phase.kind).toBe('waiting');
  });

  it('after a while the screen returns to waiting, unless main has the entry open again', async () => {
    vi.useFakeTimers();
    try {
      await submitWrong({ ok: false, error: { code: 'pin-wrong', detail: 'auth:2' } }, RENEWAL);
      await vi.advanceTimersByTimeAsync(DONE_SCREEN_MS + 1);
      expect(store.phase.kind).toBe('wrong-current');
      store.stop();
      await submitWrong({ ok: false, error: { code: 'pin-wrong', detail: 'auth:2' } }, null);
      await vi.advanceTimersByTimeAsync(DONE_SCREEN_MS + 1);
      expect(store.phase.kind).toBe('waiting');
    } finally {
      vi.useRealTimers();
    }
  });

  it('any other refusal is the failed screen, as before', async () => {
    await submitWrong({ ok: false, error: { code: 'card-removed' } }, null);
    expect(store.phase).toEqual({ kind: 'failed', during: 'submit' });
  });

  it('the same entry re-sent with other tries left keeps the resident where they are', async () => {
    const main = fakeMain({
      ...RENEWAL,
      required: ['signing', 'auth'],
      modes: { signing: 'new', auth: 'current' },
    });
    store = useResidentStore();
    await store.start();
    store.startEntry();
    await type(store, 'mado2026');
    main.listener?.({
      ...RENEWAL,
      required: ['signing', 'auth'],
      modes: { signing: 'new', auth: 'current' },
      triesLeft: { auth: 1 },
      cardFace: null,
    });
    expect(store.phase).toMatchObject({ target: 'signing', stage: 'confirm' });
    expect(store.prompt?.triesLeft.auth).toBe(1);
    // Another mode is another entry: it starts over.
    main.listener?.({
      ...RENEWAL,
      required: ['signing', 'auth'],
      modes: { signing: 'new', auth: 'new' },
    });
    expect(store.phase.kind).toBe('intro');
  });
});

describe('the card face (券面確認) before the PINs', () => {
  const FACE: ResidentPromptDto = {
    procedureId: 'iss-1',
    required: ['signing', 'auth', 'juki', 'text'],
    resume: false,
    purpose: 'issuance',
    modes: {},
    triesLeft: {},
    cardFace: {
      name: '窓口　花子',
      address: '見本県窓口市本町１－２－３',
      birthDate: '1992-07-08',
      sex: 'female',
    },
  };
  const PINS: ResidentPromptDto = {
    ...FACE,
    modes: { signing: 'new', auth: 'new', juki: 'new', text: 'new' },
    cardFace: null,
  };

  it('asks for the card face first; confirmed, it thanks in her language until the PINs open', async () => {
    const main = fakeMain(FACE);
    main.promptDuringAnswer = null;
    const store = useResidentStore();
    await store.start();
    expect(store.phase).toEqual({ kind: 'card-face', sending: false });
    store.chooseLanguage('pt');
    await store.answerCardFace('confirmed');
    expect(main.answers).toEqual([{ procedureId: 'iss-1', answer: 'confirmed' }]);
    // The closed question did not send her back to the waiting screen in Japanese.
    expect(store.phase).toEqual({ kind: 'card-face-answered', answer: 'confirmed' });
    expect(store.locale).toBe('pt');
    main.listener?.(null);
    expect(store.phase.kind).toBe('card-face-answered');
    main.listener?.(PINS);
    expect(store.phase).toMatchObject({ kind: 'entry', target: 'signing' });
    expect(store.locale).toBe('pt');
  });

  it('the language stays for the whole visit: however long the clerk takes, the PINs follow in it', async () => {
    vi.useFakeTimers();
    try {
      const main = fakeMain(FACE);
      main.promptDuringAnswer = null;
      const store = useResidentStore();
      await store.start();
      store.chooseLanguage('vi');
      await store.answerCardFace('confirmed');
      // Longer than any thank-you screen lasts: the resident is still in the middle of the visit.
      await vi.advanceTimersByTimeAsync(DONE_SCREEN_MS * 3);
      expect(store.phase.kind).toBe('card-face-answered');
      expect(store.locale).toBe('vi');
      main.listener?.(PINS);
      expect(store.phase).toMatchObject({ kind: 'entry', target: 'signing' });
      expect(store.locale).toBe('vi');
    } finally {
      vi.useRealTimers();
    }
  });

  it('"something is wrong" is sent once and shown until the clerk takes over', async () => {
    const main = fakeMain(FACE);
    const store = useResidentStore();
    await store.start();
    await Promise.all([store.answerCardFace('wrong'), store.answerCardFace('confirmed')]);
    expect(main.answers).toEqual([{ procedureId: 'iss-1', answer: 'wrong' }]);
    expect(store.phase).toEqual({ kind: 'card-face-answered', answer: 'wrong' });
  });
});
