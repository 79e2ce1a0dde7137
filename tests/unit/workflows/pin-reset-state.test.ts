// The 暗証番号の初期化・再設定 state machine on its own: the face check with list B only, plans of new
// and changed values, the rest only after a pull, and no certificates.
import { describe, expect, it } from 'vitest';
import { WorkflowRefusal } from '../../../main/workflows/refusal';
import { PIN_RESET_RULES } from '../../../main/workflows/kinds/pin-reset';
import {
  applyCardEvent,
  initialCardState,
  requiredEntries as entriesOf,
  type CardEvent,
  type CardState,
} from '../../../main/workflows/steps/card-state';

type PinResetState = CardState;
type CardProcedureEvent = CardEvent;
const initialState = (id: string, under15: boolean) =>
  initialCardState(PIN_RESET_RULES, id, under15);
const transition = (s: CardState, e: CardEvent) => applyCardEvent(PIN_RESET_RULES, s, e);
const requiredEntries = (s: CardState) => entriesOf(PIN_RESET_RULES, s);

const SERIAL = '990000000000003';

function run(s: PinResetState, ...events: CardProcedureEvent[]): PinResetState {
  return events.reduce(transition, s);
}

function refusedWith(s: PinResetState, e: CardProcedureEvent): string {
  try {
    transition(s, e);
  } catch (err) {
    if (err instanceof WorkflowRefusal) return err.detail ? `${err.code} ${err.detail}` : err.code;
    throw err;
  }
  throw new Error(`${e.type} was accepted at ${s.step}`);
}

const matched = (kinds: CardProcedureEvent & { type: 'documents-recorded' }) =>
  run(initialState('pin-test', false), kinds, {
    type: 'card-matched',
    serial: SERIAL,
    tries: { signing: { locked: true, triesLeft: 0 }, text: { locked: false, triesLeft: 3 } },
  });
const listA = () => matched({ type: 'documents-recorded', kinds: ['driving-licence'] });

describe('暗証番号の初期化・再設定 (PIN reset) state', () => {
  it('a photo ID: no face check; two of list B: the face check', () => {
    expect(listA()).toMatchObject({ step: 'choose', faceRequired: false });
    const b = matched({ type: 'documents-recorded', kinds: ['health-insurance', 'pension-book'] });
    expect(b).toMatchObject({ step: 'face', faceRequired: true });
  });

  it('refuses a document set that is not one of list A or two of list B', () => {
    expect(
      refusedWith(initialState('pin-x', false), {
        type: 'documents-recorded',
        kinds: ['health-insurance'],
      }),
    ).toBe('documents-invalid resident');
  });

  it('a locked secret is reset, never changed with the value in use', () => {
    expect(
      refusedWith(listA(), {
        type: 'chosen',
        plan: [{ kind: 'signing', mode: 'change' }],
        scope: null,
      }),
    ).toBe('pin-locked signing');
    const s = run(listA(), {
      type: 'chosen',
      plan: [{ kind: 'signing', mode: 'new' }],
      scope: null,
    });
    expect(s).toMatchObject({ step: 'pins', certificateKinds: [] });
  });

  it('keeping a value is no reset; each secret once', () => {
    expect(
      refusedWith(listA(), {
        type: 'chosen',
        plan: [{ kind: 'text', mode: 'current' }],
        scope: null,
      }),
    ).toBe('plan-invalid mode');
    expect(
      refusedWith(listA(), {
        type: 'chosen',
        plan: [
          { kind: 'text', mode: 'new' },
          { kind: 'text', mode: 'change' },
        ],
        scope: null,
      }),
    ).toBe('plan-invalid kinds');
  });

  it('completes after the secrets are written, without any key or certificate', () => {
    const s = run(
      listA(),
      {
        type: 'chosen',
        plan: [
          { kind: 'signing', mode: 'new' },
          { kind: 'text', mode: 'change' },
        ],
        scope: null,
      },
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pin-done', kind: 'signing' },
      { type: 'pin-done', kind: 'text' },
      { type: 'pins-set' },
    );
    expect(s.phase).toBe('done');
    expect(refusedWith(s, { type: 'keys-generated', kind: 'auth', spki: 'A' })).toBe(
      'step-not-allowed done',
    );
    expect(run(s, { type: 'finished' }).step).toBe('completed');
  });

  it('after a pull, only the secrets not written yet are asked', () => {
    const s = run(
      listA(),
      {
        type: 'chosen',
        plan: [
          { kind: 'signing', mode: 'new' },
          { kind: 'text', mode: 'change' },
        ],
        scope: null,
      },
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'pin-done', kind: 'signing' },
      { type: 'card-failed', notice: { code: 'card-removed' } },
    );
    expect(requiredEntries(s)).toEqual([{ kind: 'text', mode: 'change' }]);
    const open = run(s, { type: 'card-matched', serial: SERIAL }, { type: 'pin-entry-opened' });
    expect(open.pins.current).toBe('text');
    expect(refusedWith(open, { type: 'pin-attempt', kind: 'signing', violation: null })).toBe(
      'step-not-allowed signing',
    );
  });

  it('a change cut off after CHANGE REFERENCE DATA was sent is set again by the authority', () => {
    const s = run(
      listA(),
      { type: 'chosen', plan: [{ kind: 'text', mode: 'change' }], scope: null },
      { type: 'pin-entry-opened' },
      { type: 'pins-submitted' },
      { type: 'change-started', kind: 'text' },
      { type: 'card-failed', notice: { code: 'card-removed' } },
    );
    // The card may hold the old value or the new one: asking for "the value in use" could cost
    // the resident a try for a value that is no longer there.
    expect(requiredEntries(s)).toEqual([{ kind: 'text', mode: 'new' }]);
  });
});
