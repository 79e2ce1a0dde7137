// File names carry Japan time, whatever zone the PC (or the test machine) is set to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStamp } from '../../../main/documents/file-stamp';

describe('fileStamp', () => {
  let zone: string | undefined;
  beforeEach(() => {
    zone = process.env.TZ;
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it.each(['America/Los_Angeles', 'Europe/London', 'UTC', 'Asia/Tokyo'])(
    'names 2026-11-25 23:30 UTC as the next morning in Japan on a PC set to %s',
    (tz) => {
      process.env.TZ = tz;
      const at = new Date('2026-11-25T23:30:05.007Z');
      // The zone really is in force: the PC's own day is not Japan's in the Americas.
      if (tz === 'America/Los_Angeles') expect(at.getDate()).toBe(25);
      expect(fileStamp(at)).toBe('20261126-083005-007');
    },
  );

  it('sorts by time and holds no character Windows refuses', () => {
    const a = fileStamp(new Date('2026-12-31T14:59:59.999Z'));
    const b = fileStamp(new Date('2026-12-31T15:00:00.000Z'));
    expect(a).toBe('20261231-235959-999');
    expect(b).toBe('20270101-000000-000');
    expect([b, a].sort()).toEqual([a, b]);
    expect(a + b).not.toMatch(/[<>:"/\\|?*]/);
  });
});
