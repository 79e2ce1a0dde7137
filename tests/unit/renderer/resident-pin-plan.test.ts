// The resident window's entry plan: which secrets in which order, how each is entered, and main's answers about values in use.
import { describe, expect, it } from 'vitest';
import {
  currentRefusalOf,
  entryPlan,
  offersShared,
  stagesOf,
} from '../../../renderer/src/resident/pin-plan';

const ALL = ['signing', 'auth', 'juki', 'text'] as const;

describe('the offer of one PIN for three', () => {
  it('is made when the three 4-digit PINs are all set anew, as at issuance', () => {
    expect(offersShared(ALL)).toBe(true);
    expect(offersShared(ALL, { signing: 'change', auth: 'new', juki: 'new', text: 'new' })).toBe(
      true,
    );
  });

  it('is not made when one of them is kept or changed: a value in use cannot serve three', () => {
    expect(offersShared(ALL, { auth: 'current', juki: 'new', text: 'new' })).toBe(false);
    expect(offersShared(ALL, { auth: 'new', juki: 'new', text: 'change' })).toBe(false);
  });

  it('is not made when one of the three is not asked for', () => {
    expect(offersShared(['signing', 'auth'], { signing: 'new', auth: 'new' })).toBe(false);
  });
});

describe('the order of the entries', () => {
  it('puts the password first, then the PINs, one each when the offer does not apply', () => {
    const modes = { signing: 'current', auth: 'change', juki: 'new', text: 'new' } as const;
    expect(entryPlan(ALL, null, modes)).toEqual(['signing', 'auth', 'juki', 'text']);
  });

  it('stops before the PINs until the offer is answered, then follows the answer', () => {
    expect(entryPlan(ALL, null)).toEqual(['signing']);
    expect(entryPlan(ALL, true)).toEqual(['signing', 'shared']);
    expect(entryPlan(ALL, false)).toEqual(['signing', 'auth', 'juki', 'text']);
  });

  it('asks the value in use once, a new value twice, and for a change the value in use first', () => {
    expect(stagesOf('current')).toEqual(['current']);
    expect(stagesOf('new')).toEqual(['first', 'confirm']);
    expect(stagesOf('change')).toEqual(['current', 'first', 'confirm']);
  });
});

describe("main's answer about a value in use", () => {
  it('pin-wrong names the secret and the tries left', () => {
    expect(currentRefusalOf({ code: 'pin-wrong', detail: 'auth:2' })).toEqual({
      secret: 'auth',
      triesLeft: 2,
    });
    expect(currentRefusalOf({ code: 'pin-wrong', detail: 'signing:1' })).toEqual({
      secret: 'signing',
      triesLeft: 1,
    });
  });

  it('pin-locked names the secret: no try left', () => {
    expect(currentRefusalOf({ code: 'pin-locked', detail: 'juki' })).toEqual({
      secret: 'juki',
      triesLeft: 0,
    });
  });

  it('anything else is not such an answer', () => {
    expect(currentRefusalOf({ code: 'authority-unavailable' })).toBeNull();
    expect(currentRefusalOf({ code: 'pin-wrong' })).toBeNull();
    expect(currentRefusalOf({ code: 'pin-wrong', detail: 'shared:2' })).toBeNull();
    expect(currentRefusalOf({ code: 'pin-wrong', detail: 'auth:x' })).toBeNull();
    expect(currentRefusalOf({ code: 'pin-locked', detail: 'auth:0' })).toBeNull();
  });
});
