// The 一時停止の解除 state machine on its own: the face check always, a plan of the key secrets kept
// or set anew, the card work to the end, a wrong value in use, a pulled card, and what it refuses.
import { describe, expect, it } from 'vitest';
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { RELEASE_RULES } from '../../../main/workflows/kinds/release';
import {
  applyCardEvent,
  initialCardState,
  requiredEntries as entriesOf,
  type CardEvent,
  type CardState,
} from '../../../main/workflows/steps/card-state';

type ReleaseState = CardState;
type CardProcedureEvent = CardEvent;
const initialState = (id: string, under15: boolean) => initialCardState(RELEASE_RULES, id, under15);
const transition = (s: CardState, e: CardEvent) => applyCardEvent(RELEASE_RULES, s, e);
const requiredEntries = (s: CardState) => entriesOf(RELEASE_RULES, s);

const SERIAL = '990000000000005';
const KEEP: PinPlanEntry[] = [
  { kind: 'signing', mode: 'current' },
  { kind: 'auth', mode: 'current' },
];
const FULL = { locked: false, triesLeft: 3 };

function run(s: ReleaseState, ...events: CardProcedureEvent[]): ReleaseState {
  return events.reduce(transition, s);
}

function refusedWith(s: ReleaseState, e: CardProcedureEvent): string {
  try {
    transition(s, e);
  } catch (err) {
    if (err instanceof WorkflowRefusal) return err.detail ? `${err.code} ${err.detail}` : err.code;
    throw err;
  }
  throw new Error(`${e.type} was accepted at ${s.step}`);
}

const atCard = () =>
  run(initialState('rel-test', false), { type: 'documents-recorded', kinds: ['passport'] });
const atFace = () =>
  run(atCard(), {
    type: 'card-matched',
    serial: SERIAL,
    tries: { signing: { locked: false, triesLeft: 5 }, auth: FULL, juki: FULL, text: FULL },
  });
const atChoose = () => run(atFace(), { type: 'face-decided', decision: 'match' });
const atPins = (plan = KEEP) => run(atChoose(), { type: 'chosen', plan, scope: null });
const working = (plan = KEEP) =>
  run(atPins(plan), { type: 'pin-entry-opened' }, { type: 'pins-submitted' });

describe('一時停止の解除 (release) state', () => {
  it('always asks the face check, even with a photo ID', () => {
    expect(atCard()).toMatchObject({ step: 'card', faceRequired: true });
    expect(atFace().step).toBe('face');
  });

  it('a face mismatch stops until a supervisor overrides it', () => {
    const stopped = run(atFace(), { type: 'face-decided', decision: 'mismatch' });
    expect(stopped).toMatchObject({ step: 'face-mismatch', notice: { code: 'face-mismatch' } });
    expect(refusedWith(stopped, { type: 'chosen', plan: KEEP, scope: null })).toBe(
      'step-not-allowed face-mismatch',
    );
    expect(run(stopped, { type: 'face-overridden' })).toMatchObject({
      step: 'choose',
      face: 'override',
    });
  });

  it('the plan covers exactly the signing password and the authentication PIN, kept or new', () => {
    expect(atPins().certificateKinds).toEqual(['signing', 'auth']);
    expect(refusedWith(atChoose(), { type: 'chosen', plan: [KEEP[0]!], scope: null })).toBe(
      'plan-invalid kinds',
    );
    expect(
      refusedWith(atChoose(), {
        type: 'chosen',
        plan: [...KEEP, { kind: 'juki', mode: 'new' }],
        scope: null,
      }),
    ).toBe('plan-invalid kinds');
    expect(
      refusedWith(atChoose(), {
        type: 'chosen',
        plan: [
          { kind: 'signing', mode: 'change' },
          { kind: 'auth', mode: 'current' },
        ],
        scope: null,
      }),
    ).toBe('plan-invalid mode');
  });

  it('under 15 the plan is the authentication PIN alone', () => {
    const minor = run(
      initialState('rel-minor', true),
      { type: 'documents-recorded', kinds: ['passport'] },
      { type: 'card-matched', serial: SERIAL },
      { type: 'face-decided', decision: 'match' },
    );
    expect(refusedWith(minor, { type: 'chosen', plan: KEEP, scope: null })).toBe(
      'plan-invalid signing-under-15',
    );
    const pins = run(minor, { type: 'chosen', plan: [{ kind: 'auth', mode: 'new' }], scope: null });
    expect(pins.certificateKinds).toEqual(['auth']);
  });

  it('a locked secret cannot be kept: it is set anew', () => {
    const locked = run(atFace(), {
      type: 'card-matched',
      serial: SERIAL,
      tries: { signing: { locked: true, triesLeft: 0 } },
    });
    const choose = run(locked, { type: 'face-decided', decision: 'match' });
    expect(refusedWith(choose, { type: 'chosen', plan: KEEP, scope: null })).toBe(
      'pin-locked signing',
    );
    expect(
      run(choose, {
        type: 'chosen',
        plan: [
          { kind: 'signing', mode: 'new' },
          { kind: 'auth', mode: 'current' },
        ],
        scope: null,
      }).step,
    ).toBe('pins');
  });

  it('runs the card work in order to completed', () => {
    const done = run(
      working(),
      { type: 'pins-set' },
      { type: 'keys-generated', kind: 'signing', spki: 'S' },
      { type: 'keys-generated', kind: 'auth', spki: 'A' },
      { type: 'certificates-issued' },
      { type: 'certificates-written' },
      { type: 'certificates-verified' },
      { type: 'finished' },
    );
    expect(done).toMatchObject({
      step: 'completed',
      phase: 'done',
      keys: { signing: 'S', auth: 'A' },
    });
    expect(refusedWith(done, { type: 'cancelled' })).toBe('procedure-closed completed');
  });

  it('refuses certificates before the keys and the end before the check', () => {
    const set = run(working(), { type: 'pins-set' });
    expect(refusedWith(set, { type: 'certificates-issued' })).toBe(
      'step-not-allowed generating-keys',
    );
    expect(refusedWith(set, { type: 'finished' })).toBe('step-not-allowed generating-keys');
  });

  it('a wrong value in use: back to an open entry with the tries left; the last try locks it', () => {
    const wrong = run(working(), { type: 'pin-wrong', kind: 'auth', triesLeft: 2 });
    expect(wrong).toMatchObject({
      step: 'pins',
      phase: 'waiting',
      notice: { code: 'pin-wrong', detail: 'auth:2' },
      tries: { auth: { locked: false, triesLeft: 2 } },
      pins: { entryOpen: true, current: 'auth', attempts: { auth: 1 } },
    });
    const locked = run(
      wrong,
      { type: 'pins-submitted' },
      { type: 'pin-wrong', kind: 'auth', triesLeft: 0 },
    );
    expect(locked).toMatchObject({
      notice: { code: 'pin-locked', detail: 'auth' },
      pins: { entryOpen: false, attempts: { auth: 2 } },
    });
    // The clerk changes the plan: the locked PIN is set anew.
    const replanned = run(locked, {
      type: 'chosen',
      plan: [
        { kind: 'signing', mode: 'current' },
        { kind: 'auth', mode: 'new' },
      ],
      scope: null,
    });
    expect(requiredEntries(replanned).map((e) => e.mode)).toEqual(['current', 'new']);
  });

  it('a card pulled during the card work: back to the PINs, a value set before is then the one in use', () => {
    const plan: PinPlanEntry[] = [
      { kind: 'signing', mode: 'new' },
      { kind: 'auth', mode: 'current' },
    ];
    const half = run(
      working(plan),
      { type: 'pin-done', kind: 'signing' },
      { type: 'pins-set' },
      { type: 'keys-generated', kind: 'signing', spki: 'S' },
      { type: 'card-failed', notice: { code: 'card-removed' } },
    );
    expect(half).toMatchObject({
      step: 'pins',
      needsCard: true,
      pins: { resume: true },
      keys: { signing: 'S' },
    });
    expect(requiredEntries(half)).toEqual([
      { kind: 'signing', mode: 'current' },
      { kind: 'auth', mode: 'current' },
    ]);
    expect(refusedWith(half, { type: 'pin-entry-opened' })).toBe('step-not-allowed needs-card');
    // The plan is fixed once something was written.
    expect(refusedWith(half, { type: 'chosen', plan: KEEP, scope: null })).toBe(
      'step-not-allowed plan-fixed',
    );
    const back = run(half, { type: 'card-matched', serial: SERIAL });
    expect(refusedWith(half, { type: 'card-matched', serial: '990000000000002' })).toBe(
      'wrong-card',
    );
    expect(run(back, { type: 'pin-entry-opened' }).pins.entryOpen).toBe(true);
  });
});
