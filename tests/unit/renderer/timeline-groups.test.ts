// One visit, one entry: the timeline grouped by procedure, the records done during it included.
import { describe, expect, it } from 'vitest';
import type { TimelineEntryDto } from '../../../preload/contract/lifecycle';
import { groupTimeline } from '../../../renderer/src/workflows/find/timeline-groups';

function e(
  at: string,
  event: TimelineEntryDto['event'],
  procedureId: string | null,
  detail: string | null = null,
  operator: string | null = null,
): TimelineEntryDto {
  return {
    at: `2026-11-25T${at}:00.000Z`,
    kind: event.startsWith('procedure-') ? 'procedure' : 'card',
    event,
    cardSerial: event === 'application-new' ? null : '990000000000002',
    procedureId,
    operator,
    detail,
  };
}

describe('groupTimeline', () => {
  // Newest first, as the history sends it: a 交付 (p1) after an earlier application.
  const timeline = [
    e('02:10', 'procedure-issuance', 'p1', 'completed', '練習01'),
    e('02:09', 'card-issued', 'p1'),
    e('02:08', 'certificate-issued', 'p1', 'auth'),
    e('02:08', 'certificate-issued', 'p1', 'signing'),
    e('02:00', 'procedure-issuance', 'p1', 'started', '練習01'),
    e('01:00', 'card-received', null),
    e('00:30', 'procedure-revocation', 'p2', 'started', '練習02'),
    e('00:10', 'application-new', null, 'MD-2026-0001'),
  ];

  it('puts a procedure’s steps in one group, how it ended and when it began, in order', () => {
    const groups = groupTimeline(timeline);
    expect(groups.map((g) => [g.key, g.entries.length])).toEqual([
      ['p1', 5],
      ['entry-1', 1],
      ['p2', 1],
      ['entry-3', 1],
    ]);
    expect(groups[0]!.procedure).toEqual({
      kind: 'issuance',
      outcome: 'completed',
      startedAt: '2026-11-25T02:00:00.000Z',
    });
    expect(groups[0]!.operator).toBe('練習01');
    expect(groups[0]!.cardSerial).toBe('990000000000002');
    expect(groups[0]!.at).toBe('2026-11-25T02:10:00.000Z');
  });

  it('an open procedure stands as started; a record outside any procedure stands alone', () => {
    const groups = groupTimeline(timeline);
    expect(groups[2]!.procedure).toMatchObject({ kind: 'revocation', outcome: 'started' });
    expect(groups[1]!.procedure).toBeNull();
    expect(groups[3]!.entries[0]!.event).toBe('application-new');
  });

  it('an empty timeline has no groups', () => {
    expect(groupTimeline([])).toEqual([]);
  });
});
