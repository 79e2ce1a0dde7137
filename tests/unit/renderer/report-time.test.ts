// The time of a reported loss as the clerk types it (the counter's time) and as main takes it.
import { describe, expect, it } from 'vitest';
import {
  fromLocalInput,
  reportTimeProblem,
  toLocalInput,
} from '../../../renderer/src/workflows/procedure/report-time';

describe('the report of a loss', () => {
  it('a datetime field’s value goes to main as the same moment in ISO', () => {
    const at = new Date(2026, 10, 25, 9, 30);
    expect(fromLocalInput(toLocalInput(at))).toBe(at.toISOString().replace('.000Z', 'Z'));
    expect(fromLocalInput('2026-02-30T09:00')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
  });

  it('a report cannot be dated in the future', () => {
    const now = new Date(2026, 10, 25, 9, 30);
    expect(reportTimeProblem(toLocalInput(now), now)).toBeNull();
    expect(reportTimeProblem(toLocalInput(new Date(2026, 10, 25, 11, 0)), now)).toBe('future');
    expect(reportTimeProblem('', now)).toBe('no-time');
  });
});
