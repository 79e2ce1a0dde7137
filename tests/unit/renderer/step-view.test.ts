// The procedure steps' progress as the clerk sees it: certificate phases, the PIN entry (never a digit), the reader.
import { describe, expect, it } from 'vitest';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import {
  CERTIFICATE_PHASES,
  phasesDone,
  pickReader,
  pinRowState,
} from '../../../renderer/src/workflows/steps/step-view';

describe('progress of a procedure step', () => {
  it('counts the certificate phases finished, from waiting to done', () => {
    expect(phasesDone('waiting')).toBe(0);
    expect(phasesDone('setting-pins')).toBe(0);
    expect(phasesDone('writing')).toBe(3);
    expect(phasesDone('done')).toBe(CERTIFICATE_PHASES.length);
  });

  it('shows each secret as accepted, being entered, or waiting; never more', () => {
    const pins: NonNullable<ProcedureDto['pins']> = {
      required: ['signing', 'auth', 'juki', 'text'],
      entryOpen: true,
      current: 'auth',
      attempts: { signing: 2 },
      accepted: ['signing'],
    };
    expect(pins.required.map((k) => pinRowState(pins, k))).toEqual([
      'accepted',
      'current',
      'waiting',
      'waiting',
    ]);
    expect(pinRowState({ ...pins, entryOpen: false }, 'auth')).toBe('waiting');
  });

  it('uses the reader holding a card, else the only one there is', () => {
    expect(
      pickReader([
        { name: 'A', cardPresent: false },
        { name: 'B', cardPresent: true },
      ]),
    ).toBe('B');
    expect(pickReader([{ name: 'A', cardPresent: false }])).toBe('A');
    expect(pickReader([])).toBeNull();
  });
});
