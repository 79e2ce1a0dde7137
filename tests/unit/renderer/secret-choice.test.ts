// The choose step (解除, 初期化・再設定, 更新): the secrets offered, how each may be entered, and why not yet.
import { describe, expect, it } from 'vitest';
import type { PinStatusDto } from '../../../preload/contract/dto';
import { modesOfPlan } from '../../../preload/contract/procedure';
import {
  defaultPlan,
  planEntries,
  planProblem,
  secretChoices,
} from '../../../renderer/src/workflows/procedure/secret-choice';

const pin = (kind: PinStatusDto['kind'], state: PinStatusDto['state']): PinStatusDto => ({
  kind,
  state,
  triesLeft: state === 'locked' ? 0 : 3,
  maxTries: state === 'locked' ? 5 : 3,
});

describe('choosing the secrets and how they are entered', () => {
  it('a PIN reset offers all four, set anew or changed; a child has no signing password', () => {
    expect(secretChoices('pin-reset', 36).map((c) => c.kind)).toEqual([
      'signing',
      'auth',
      'juki',
      'text',
    ]);
    expect(secretChoices('pin-reset', 12).map((c) => c.kind)).not.toContain('signing');
    expect(secretChoices('pin-reset', 36)[0]?.modes).toEqual(['new', 'change']);
  });

  it('a signing-only renewal asks for the signing password alone', () => {
    expect(secretChoices('renewal', 36, 'signing-only').map((c) => c.kind)).toEqual(['signing']);
    expect(secretChoices('release', 36).map((c) => c.modes)).toEqual([
      ['current', 'new'],
      ['current', 'new'],
    ]);
  });

  it('a reset starts from the locked secrets; a release keeps what is not locked', () => {
    const pins = [
      pin('signing', 'locked'),
      pin('auth', 'ok'),
      pin('juki', 'ok'),
      pin('text', 'ok'),
    ];
    expect(defaultPlan('pin-reset', secretChoices('pin-reset', 36), pins)).toEqual({
      signing: 'new',
      auth: null,
      juki: null,
      text: null,
    });
    expect(defaultPlan('release', secretChoices('release', 36), pins)).toEqual({
      signing: 'new',
      auth: 'current',
    });
  });

  it('says why the choice cannot be sent: nothing chosen, a mode missing, a locked one changed', () => {
    const pins = [pin('signing', 'locked'), pin('auth', 'ok')];
    const reset = secretChoices('pin-reset', 36);
    expect(planProblem('pin-reset', reset, {}, pins)).toBe('choose-one');
    expect(planProblem('pin-reset', reset, { signing: 'change' }, pins)).toBe('locked-needs-new');
    expect(planProblem('pin-reset', reset, { signing: 'new', auth: 'change' }, pins)).toBeNull();
    expect(planProblem('release', secretChoices('release', 36), { signing: 'new' }, pins)).toBe(
      'choose-mode',
    );
  });

  it('sends the chosen secrets in the order of the screen, and shows their modes', () => {
    const plan = planEntries(secretChoices('pin-reset', 36), { text: 'new', auth: 'change' });
    expect(plan).toEqual([
      { kind: 'auth', mode: 'change' },
      { kind: 'text', mode: 'new' },
    ]);
    expect(modesOfPlan(plan)).toEqual({ auth: 'change', text: 'new' });
  });
});
