// The 交付 state machine on its own: every move of docs/procedures.md 交付, and every move it refuses.
import { describe, expect, it } from 'vitest';
import { ISSUANCE_RULES } from '../../../main/workflows/kinds/issuance';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import {
  applyCardEvent,
  initialCardState,
  type CardEvent as IssuanceEvent,
  type CardState as IssuanceState,
} from '../../../main/workflows/steps/card-state';
import { requiredKeyKinds } from '../../../main/workflows/steps/card-work';

const initialState = (id: string, under15: boolean) =>
  initialCardState(ISSUANCE_RULES, id, under15);
const transition = (s: IssuanceState, e: IssuanceEvent) => applyCardEvent(ISSUANCE_RULES, s, e);
/** The secrets a 交付 asks for, in order. */
const askedPins = (under15: boolean) => ISSUANCE_RULES.fixedPlan(under15)!.map((e) => e.kind);

const SERIAL = '990000000000001';
const LICENCE: IssuanceEvent = {
  type: 'documents-recorded',
  kinds: ['driving-licence'],
  guardianship: false,
  representative: null,
};

function run(s: IssuanceState, ...events: IssuanceEvent[]): IssuanceState {
  return events.reduce(transition, s);
}

function refusedWith(s: IssuanceState, e: IssuanceEvent): { code: string; detail?: string } {
  try {
    transition(s, e);
  } catch (err) {
    if (err instanceof WorkflowRefusal) return { code: err.code, detail: err.detail };
    throw err;
  }
  throw new Error(`${e.type} was accepted at ${s.step}`);
}

const adult = () => initialState('iss-test', false);
const atCard = () => run(adult(), LICENCE);
const atFace = () => run(atCard(), { type: 'card-matched', serial: SERIAL });
/** The chip's four facts as the resident window shows them. */
const FACTS = {
  name: '窓口　花子',
  address: '東京都千代田区霞が関２丁目１番２号',
  birthDate: '1992-07-08',
  sex: 'female',
} as const;
const FACE_SHOWN: IssuanceEvent = { type: 'card-face-shown', facts: FACTS };
const CONFIRMED: IssuanceEvent = {
  type: 'card-face-answered',
  answer: 'confirmed',
  at: '2026-11-25T01:02:03.000Z',
};
const atCardFace = () => run(atFace(), { type: 'face-decided', decision: 'match' });
const atPins = () => run(atCardFace(), FACE_SHOWN, CONFIRMED);
const entryOpen = () => run(atPins(), { type: 'pin-entry-opened' });
const settingPins = () => run(entryOpen(), { type: 'pins-submitted' });
const generating = () => run(settingPins(), { type: 'pins-set' });
const issuing = () =>
  run(
    generating(),
    { type: 'keys-generated', kind: 'signing', spki: 'U0lHTg==' },
    { type: 'keys-generated', kind: 'auth', spki: 'QVVUSA==' },
  );
const writing = () => run(issuing(), { type: 'certificates-issued' });
const verifying = () => run(writing(), { type: 'certificates-written' });
const atHandover = () => run(verifying(), { type: 'certificates-verified' });

describe('交付 1–2: documents', () => {
  it('a new procedure starts at the documents step with nothing recorded', () => {
    const s = adult();
    expect(s).toMatchObject({ step: 'documents', documents: null, needsCard: false, notice: null });
    expect(askedPins(false)).toEqual(['signing', 'auth', 'juki', 'text']);
  });

  it('one document of list A moves on to the card', () => {
    const s = atCard();
    expect(s.step).toBe('card');
    expect(s.documents?.kinds).toEqual(['driving-licence']);
  });

  it('two different documents of list B are enough; one is not', () => {
    const two: IssuanceEvent = {
      ...LICENCE,
      kinds: ['health-insurance', 'pension-book'],
    } as IssuanceEvent;
    expect(transition(adult(), two).step).toBe('card');
    const one = { ...LICENCE, kinds: ['health-insurance'] } as IssuanceEvent;
    expect(refusedWith(adult(), one)).toEqual({ code: 'documents-invalid', detail: 'resident' });
    const same = { ...LICENCE, kinds: ['health-insurance', 'health-insurance'] } as IssuanceEvent;
    expect(refusedWith(adult(), same).code).toBe('documents-invalid');
  });

  it('under 15 needs a legal representative with valid documents of their own', () => {
    const child = initialState('iss-child', true);
    expect(refusedWith(child, LICENCE).code).toBe('representative-required');
    const weak = {
      ...LICENCE,
      representative: { relation: 'parent', kinds: ['bankbook'] },
    } as IssuanceEvent;
    expect(refusedWith(child, weak)).toEqual({
      code: 'documents-invalid',
      detail: 'representative',
    });
    const ok = {
      ...LICENCE,
      representative: { relation: 'parent', kinds: ['passport'] },
    } as IssuanceEvent;
    expect(transition(child, ok).documents?.representative).toEqual({
      relation: 'parent',
      kinds: ['passport'],
    });
  });

  it('guardianship needs the representative too, at any age', () => {
    const ward = { ...LICENCE, guardianship: true } as IssuanceEvent;
    expect(refusedWith(adult(), ward).code).toBe('representative-required');
  });

  it('documents may be corrected before the card is matched, not after', () => {
    expect(transition(atCard(), LICENCE).step).toBe('card');
    expect(refusedWith(atFace(), LICENCE).code).toBe('step-not-allowed');
  });
});

describe('交付 4: the card', () => {
  it('the card step cannot be reached without documents', () => {
    expect(refusedWith(adult(), { type: 'card-matched', serial: SERIAL }).code).toBe(
      'step-not-allowed',
    );
  });

  it('a matched card records its serial and moves to the face check', () => {
    expect(atFace()).toMatchObject({ step: 'face', matchedSerial: SERIAL, needsCard: false });
  });

  it('a card pulled at a card step is asked for again; only the same card clears that', () => {
    const s = run(atPins(), { type: 'needs-card', notice: { code: 'card-removed' } });
    expect(s).toMatchObject({ step: 'pins', needsCard: true, notice: { code: 'card-removed' } });
    expect(refusedWith(s, { type: 'card-matched', serial: '990000000000002' }).code).toBe(
      'wrong-card',
    );
    expect(transition(s, { type: 'card-matched', serial: SERIAL })).toMatchObject({
      step: 'pins',
      needsCard: false,
      notice: null,
    });
  });

  it('a card is not asked for before it was ever matched', () => {
    expect(refusedWith(atCard(), { type: 'needs-card' }).code).toBe('step-not-allowed');
  });
});

describe('交付 3: the face check', () => {
  it('match goes on to the card face, which the resident confirms before the PINs', () => {
    expect(atCardFace()).toMatchObject({ step: 'card-face', face: 'match', plan: null });
    expect(atPins()).toMatchObject({ step: 'pins', face: 'match' });
  });

  it('mismatch stops with the face-mismatch notice; nothing but the override goes on', () => {
    const s = run(atFace(), { type: 'face-decided', decision: 'mismatch' });
    expect(s).toMatchObject({ step: 'face-mismatch', notice: { code: 'face-mismatch' } });
    expect(refusedWith(s, { type: 'pin-entry-opened' }).code).toBe('step-not-allowed');
    expect(refusedWith(s, { type: 'face-decided', decision: 'match' }).code).toBe(
      'step-not-allowed',
    );
    expect(transition(s, { type: 'face-overridden' })).toMatchObject({
      step: 'card-face',
      face: 'override',
      notice: null,
    });
  });

  it('the override is refused when the face was not found to differ', () => {
    expect(refusedWith(atFace(), { type: 'face-overridden' }).code).toBe('step-not-allowed');
  });

  it('the face cannot be decided while the card must be read again', () => {
    const s = run(atFace(), { type: 'needs-card' });
    expect(refusedWith(s, { type: 'face-decided', decision: 'match' })).toEqual({
      code: 'step-not-allowed',
      detail: 'needs-card',
    });
  });
});

describe('交付 4: the card face (券面確認)', () => {
  it('the chip facts go on screen; the confirmation moves to the PINs with its time', () => {
    const shown = run(atCardFace(), FACE_SHOWN);
    expect(shown.cardFace).toEqual({ open: true, facts: FACTS, answer: null, answeredAt: null });
    const s = transition(shown, CONFIRMED);
    expect(s).toMatchObject({ step: 'pins', plan: ISSUANCE_RULES.fixedPlan(false) });
    expect(s.cardFace).toMatchObject({
      open: false,
      answer: 'confirmed',
      answeredAt: CONFIRMED.at,
    });
  });

  it('"something is wrong" stops at the card face: no PIN entry, no card work', () => {
    const s = run(atCardFace(), FACE_SHOWN, {
      type: 'card-face-answered',
      answer: 'wrong',
      at: '2026-11-25T01:02:03.000Z',
    });
    expect(s).toMatchObject({ step: 'card-face-wrong', notice: { code: 'card-face-wrong' } });
    expect(refusedWith(s, { type: 'pin-entry-opened' }).code).toBe('step-not-allowed');
    expect(refusedWith(s, { type: 'pins-submitted' }).code).toBe('step-not-allowed');
    expect(refusedWith(s, CONFIRMED).code).toBe('step-not-allowed');
    // The same card read again keeps the stop and its notice.
    expect(transition(s, { type: 'card-matched', serial: SERIAL })).toMatchObject({
      step: 'card-face-wrong',
      notice: { code: 'card-face-wrong' },
    });
    expect(transition(s, { type: 'cancelled' }).step).toBe('cancelled');
  });

  it('the PIN entry cannot open before the confirmation', () => {
    expect(refusedWith(atCardFace(), { type: 'pin-entry-opened' }).code).toBe('step-not-allowed');
    expect(refusedWith(run(atCardFace(), FACE_SHOWN), { type: 'pin-entry-opened' }).code).toBe(
      'step-not-allowed',
    );
  });

  it('a pulled card closes the screen; the facts are shown again only from the card read again', () => {
    const s = run(atCardFace(), FACE_SHOWN, { type: 'needs-card' });
    expect(s.cardFace.open).toBe(false);
    expect(refusedWith(s, FACE_SHOWN).detail).toBe('needs-card');
    const back = run(s, { type: 'card-matched', serial: SERIAL }, FACE_SHOWN);
    expect(back.cardFace.open).toBe(true);
  });

  it('the later procedures have no card face step', () => {
    expect(refusedWith(atFace(), FACE_SHOWN).code).toBe('step-not-allowed');
  });
});

describe('交付 5: the PIN entry', () => {
  it('opening the entry shows the first secret; under 15 there is no signing password', () => {
    expect(entryOpen().pins).toMatchObject({ entryOpen: true, current: 'signing', accepted: [] });
    expect(askedPins(true)).toEqual(['auth', 'juki', 'text']);
    expect(requiredKeyKinds(true)).toEqual(['auth']);
  });

  it('the entry does not open while the card must be read again', () => {
    const s = run(atPins(), { type: 'needs-card' });
    expect(refusedWith(s, { type: 'pin-entry-opened' }).detail).toBe('needs-card');
  });

  it('a refused value counts an attempt of its secret; an accepted one moves to the next', () => {
    let s = run(
      entryOpen(),
      { type: 'pin-attempt', kind: 'signing', violation: 'password-format' },
      { type: 'pin-attempt', kind: 'signing', violation: 'password-letter-digit' },
    );
    expect(s.pins.attempts).toEqual({ signing: 2 });
    expect(s.pins.current).toBe('signing');
    s = transition(s, { type: 'pin-attempt', kind: 'signing', violation: null });
    expect(s.pins).toMatchObject({ accepted: ['signing'], current: 'auth' });
  });

  it('attempts are refused when the entry is closed or the secret is not asked for', () => {
    expect(refusedWith(atPins(), { type: 'pin-attempt', kind: 'auth', violation: null }).code).toBe(
      'pin-entry-not-open',
    );
    const child = run(
      initialState('iss-child', true),
      { ...LICENCE, representative: { relation: 'parent', kinds: ['passport'] } } as IssuanceEvent,
      { type: 'card-matched', serial: SERIAL },
      { type: 'face-decided', decision: 'match' },
      FACE_SHOWN,
      CONFIRMED,
      { type: 'pin-entry-opened' },
    );
    expect(refusedWith(child, { type: 'pin-attempt', kind: 'signing', violation: null })).toEqual({
      code: 'step-not-allowed',
      detail: 'signing',
    });
  });

  it('submitting closes the entry and starts the card work with the PINs', () => {
    expect(refusedWith(atPins(), { type: 'pins-submitted' }).code).toBe('pin-entry-not-open');
    const s = settingPins();
    expect(s).toMatchObject({ step: 'certificates', phase: 'setting-pins' });
    expect(s.pins.entryOpen).toBe(false);
  });
});

describe('交付 6: keys and certificates', () => {
  it('keys come after the PINs are on the card', () => {
    expect(
      refusedWith(settingPins(), { type: 'keys-generated', kind: 'auth', spki: 'QQ==' }).code,
    ).toBe('step-not-allowed');
    expect(generating().phase).toBe('generating-keys');
  });

  it('the phase moves to issuing once every key the resident gets is there', () => {
    const one = run(generating(), { type: 'keys-generated', kind: 'signing', spki: 'U0lHTg==' });
    expect(one.phase).toBe('generating-keys');
    expect(issuing()).toMatchObject({
      phase: 'issuing',
      keys: { signing: 'U0lHTg==', auth: 'QVVUSA==' },
    });
  });

  it('no signing key is taken under 15', () => {
    const child = run(
      initialState('iss-child', true),
      {
        ...LICENCE,
        representative: { relation: 'guardian', kinds: ['passport'] },
      } as IssuanceEvent,
      { type: 'card-matched', serial: SERIAL },
      { type: 'face-decided', decision: 'match' },
      FACE_SHOWN,
      CONFIRMED,
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pins-set' },
    );
    expect(
      refusedWith(child, { type: 'keys-generated', kind: 'signing', spki: 'QQ==' }).detail,
    ).toBe('signing');
    expect(transition(child, { type: 'keys-generated', kind: 'auth', spki: 'QQ==' }).phase).toBe(
      'issuing',
    );
  });

  it('certificates are issued only for keys there are, written only once issued', () => {
    const one = run(generating(), { type: 'keys-generated', kind: 'auth', spki: 'QQ==' });
    expect(refusedWith(one, { type: 'certificates-issued' }).code).toBe('step-not-allowed');
    expect(refusedWith(issuing(), { type: 'certificates-written' }).code).toBe('step-not-allowed');
    expect(writing()).toMatchObject({ phase: 'writing', certificatesIssued: true });
    expect(verifying().phase).toBe('verifying');
  });

  it('verified certificates lead to the handover; not before they were written', () => {
    expect(refusedWith(writing(), { type: 'certificates-verified' }).code).toBe('step-not-allowed');
    expect(atHandover()).toMatchObject({ step: 'handover', phase: 'done' });
  });

  it('a card pulled mid-way goes back to the PINs, keeping the keys and the issued certificates', () => {
    const s = transition(writing(), { type: 'card-failed', notice: { code: 'card-removed' } });
    expect(s).toMatchObject({
      step: 'pins',
      needsCard: true,
      notice: { code: 'card-removed' },
      certificatesIssued: true,
      phase: 'waiting',
    });
    expect(s.pins).toMatchObject({ resume: true, entryOpen: false });
    expect(s.keys.auth).toBe('QVVUSA==');
    // Resumed: the same facts are stated again without being redone.
    const again = run(
      s,
      { type: 'card-matched', serial: SERIAL },
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pins-set' },
      { type: 'keys-generated', kind: 'signing', spki: 'U0lHTg==' },
      { type: 'keys-generated', kind: 'auth', spki: 'QVVUSA==' },
      { type: 'certificates-issued' },
      { type: 'certificates-written' },
      { type: 'certificates-verified' },
    );
    expect(again.step).toBe('handover');
  });

  it('a restart during the certificate step asks for the card at the PIN step', () => {
    expect(transition(issuing(), { type: 'needs-card' })).toMatchObject({
      step: 'pins',
      needsCard: true,
      pins: { resume: true },
    });
  });

  it('the authority failing parks the procedure (後日交付); resuming goes back to the PINs', () => {
    const parked = transition(issuing(), {
      type: 'authority-failed',
      notice: { code: 'authority-unavailable' },
    });
    expect(parked).toMatchObject({ step: 'parked', notice: { code: 'authority-unavailable' } });
    expect(refusedWith(parked, { type: 'pin-entry-opened' }).code).toBe('step-not-allowed');
    expect(transition(parked, { type: 'resumed' })).toMatchObject({
      step: 'pins',
      needsCard: true,
      notice: null,
      pins: { resume: true },
    });
    expect(refusedWith(atPins(), { type: 'resumed' }).code).toBe('step-not-allowed');
    expect(
      refusedWith(atPins(), { type: 'authority-failed', notice: { code: 'authority-unavailable' } })
        .code,
    ).toBe('step-not-allowed');
  });
});

describe('交付 7: handover, and cancelling', () => {
  it('handing over completes the procedure with what was collected', () => {
    const s = transition(atHandover(), {
      type: 'handed-over',
      at: '2026-11-25T01:00:00.000Z',
      collectedJukiCard: true,
      collectedNotificationCard: false,
    });
    expect(s).toMatchObject({
      step: 'completed',
      handover: { collectedJukiCard: true, collectedNotificationCard: false },
    });
    expect(refusedWith(s, { type: 'cancelled' }).code).toBe('procedure-closed');
  });

  it('nothing is handed over before the certificates are verified', () => {
    const e: IssuanceEvent = {
      type: 'handed-over',
      at: '2026-11-25T01:00:00.000Z',
      collectedJukiCard: false,
      collectedNotificationCard: false,
    };
    expect(refusedWith(verifying(), e).code).toBe('step-not-allowed');
    expect(refusedWith(atPins(), e).code).toBe('step-not-allowed');
  });

  it('a procedure can be cancelled at any open step, and then nothing more happens', () => {
    for (const s of [adult(), atCard(), atFace(), entryOpen(), issuing(), atHandover()]) {
      const c = transition(s, { type: 'cancelled' });
      expect(c.step).toBe('cancelled');
      expect(c.pins.entryOpen).toBe(false);
      expect(refusedWith(c, LICENCE).code).toBe('procedure-closed');
    }
  });
});

describe('交付 5: a 顔認証 card asked for at the PIN step', () => {
  it('sets no PIN the resident enters: the authentication key and certificate only', () => {
    const s = transition(atPins(), { type: 'face-auth-chosen' });
    expect(s).toMatchObject({ step: 'pins', faceAuth: true, certificateKinds: ['auth'] });
    // The plan is the drawn authentication PIN alone, for the test signature.
    expect(s.plan).toEqual([{ kind: 'auth', mode: 'new' }]);
    expect(atPins().faceAuth).toBe(false);
  });

  it('is refused once the resident is typing or anything was written to the card', () => {
    expect(refusedWith(entryOpen(), { type: 'face-auth-chosen' })).toEqual({
      code: 'step-not-allowed',
      detail: 'plan-fixed',
    });
    const keyed = run(
      settingPins(),
      { type: 'pins-set' },
      {
        type: 'keys-generated',
        kind: 'signing',
        spki: 'AAAA',
      },
    );
    expect(refusedWith(keyed, { type: 'face-auth-chosen' }).code).toBe('step-not-allowed');
    expect(refusedWith(atCardFace(), { type: 'face-auth-chosen' }).code).toBe('step-not-allowed');
  });

  it('is handed over only once the drawn PIN is cleared; a pull before that goes back to the card', () => {
    const verified = run(
      atPins(),
      { type: 'face-auth-chosen' },
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pins-set' },
      { type: 'keys-generated', kind: 'auth', spki: 'AAAA' },
      { type: 'certificates-issued' },
      { type: 'certificates-written' },
      { type: 'certificates-verified' },
    );
    expect(verified).toMatchObject({ step: 'certificates', phase: 'done' });
    expect(transition(verified, { type: 'pins-cleared' })).toMatchObject({ step: 'handover' });
    expect(
      transition(verified, { type: 'card-failed', notice: { code: 'card-removed' } }),
    ).toMatchObject({ step: 'pins', needsCard: true });
    // A normal card has nothing to clear.
    expect(refusedWith(atHandover(), { type: 'pins-cleared' }).code).toBe('step-not-allowed');
  });
});
