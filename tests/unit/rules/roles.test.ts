// The roles and their named groups, and the channel map built from those groups only.
import { describe, expect, it } from 'vitest';
import { CHANNEL_ACCESS, CHANNELS } from '../../../preload/contract/channels';
import {
  ADMIN_ROLES,
  COUNTER_ROLES,
  isCounterRole,
  isRole,
  REPORT_ROLES,
  ROLES,
  TRAINER_ROLES,
} from '../../../preload/contract/rules/roles';

describe('roles', () => {
  it('are the clerk, the supervisor, the trainer and the administrator', () => {
    expect(ROLES).toEqual(['clerk', 'supervisor', 'trainer', 'admin']);
    expect(isRole('trainer')).toBe(true);
    expect(isRole('resident')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('the counter is everyone but the administrator; the 日報 is the supervisor’s and trainer’s', () => {
    expect(COUNTER_ROLES).toEqual(['clerk', 'supervisor', 'trainer']);
    expect(ROLES.filter(isCounterRole)).toEqual(COUNTER_ROLES);
    expect(REPORT_ROLES).toEqual(['supervisor', 'trainer']);
    expect(ADMIN_ROLES).toEqual(['admin']);
    expect(TRAINER_ROLES).toEqual(['trainer']);
  });
});

describe('channel access', () => {
  const GROUPS: readonly (readonly string[])[] = [
    COUNTER_ROLES,
    REPORT_ROLES,
    ADMIN_ROLES,
    TRAINER_ROLES,
  ];

  it('opens every channel given to roles to one of the named groups, never a list of its own', () => {
    const lists = CHANNELS.map((c) => [c, CHANNEL_ACCESS[c]] as const).filter(
      ([, a]) => typeof a !== 'string',
    );
    expect(lists.length).toBeGreaterThan(0);
    for (const [channel, access] of lists)
      expect(GROUPS.includes(access as readonly string[]), channel).toBe(true);
  });

  it('gives the 日報, the practice reset and the administration to their groups', () => {
    expect(CHANNEL_ACCESS['reports:daily']).toBe(REPORT_ROLES);
    expect(CHANNEL_ACCESS['reports:daily-pdf']).toBe(REPORT_ROLES);
    expect(CHANNEL_ACCESS['practice:reset']).toBe(TRAINER_ROLES);
    expect(CHANNEL_ACCESS['admin:create-operator']).toBe(ADMIN_ROLES);
    expect(CHANNEL_ACCESS['card:read-health']).toBe(COUNTER_ROLES);
  });
});
