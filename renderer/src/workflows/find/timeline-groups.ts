// The resident's timeline as the clerk reads it: each procedure (one visit) one entry, opened for its steps.
import {
  PROCEDURE_OUTCOMES,
  type ProcedureOutcome,
  type TimelineEntryDto,
} from '../../../../preload/contract/lifecycle';
import { PROCEDURE_KINDS, type ProcedureKind } from '../../../../preload/contract/procedure-kinds';

export interface TimelineGroup {
  /** The procedure's id, or the lone entry's place in the list. */
  readonly key: string;
  /** The procedure the entries belong to; null for a record made outside any procedure. */
  readonly procedure: {
    readonly kind: ProcedureKind;
    /** How it ended, or 'started' while it is still open. */
    readonly outcome: ProcedureOutcome;
    readonly startedAt: string;
  } | null;
  /** The newest entry's time: the groups are ordered by it, newest first. */
  readonly at: string;
  readonly cardSerial: string | null;
  readonly operator: string | null;
  /** Newest first, as the timeline came. */
  readonly entries: readonly TimelineEntryDto[];
}

const PROCEDURE_EVENT = /^procedure-(.+)$/;

function procedureOf(entries: readonly TimelineEntryDto[]): TimelineGroup['procedure'] {
  // The procedure's own entries: its start and, once ended, its end (newest first).
  const own = entries.filter((e) => PROCEDURE_EVENT.test(e.event));
  const first = own.at(-1);
  const kind = first && PROCEDURE_EVENT.exec(first.event)?.[1];
  const known = PROCEDURE_KINDS.find((k) => k === kind);
  if (!first || !known) return null;
  const outcome = PROCEDURE_OUTCOMES.find((o) => o === own[0]!.detail) ?? 'started';
  return { kind: known, outcome, startedAt: first.at };
}

/** Groups a newest-first timeline by procedure; the groups keep the order of their newest entry. */
export function groupTimeline(timeline: readonly TimelineEntryDto[]): TimelineGroup[] {
  const byProcedure = new Map<string, TimelineEntryDto[]>();
  const order: (string | TimelineEntryDto)[] = [];
  for (const entry of timeline) {
    const id = entry.procedureId;
    if (id === null) {
      order.push(entry);
      continue;
    }
    const same = byProcedure.get(id);
    if (same) same.push(entry);
    else {
      byProcedure.set(id, [entry]);
      order.push(id);
    }
  }
  return order.map((item, i) => {
    const entries = typeof item === 'string' ? byProcedure.get(item)! : [item];
    const procedure = typeof item === 'string' ? procedureOf(entries) : null;
    // The procedure's operator is the one who started it; a lone entry's is its own.
    const starter = entries.find((e) => PROCEDURE_EVENT.test(e.event)) ?? entries[0]!;
    return {
      key: typeof item === 'string' ? item : `entry-${i}`,
      procedure,
      at: entries[0]!.at,
      cardSerial: entries.find((e) => e.cardSerial !== null)?.cardSerial ?? null,
      operator: starter.operator,
      entries,
    };
  });
}
