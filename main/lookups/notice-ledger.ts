// The applications whose 交付通知書 number each operator entered at the find step (lookup by notice
// and birth date), so that main knows a 交付 was matched by its number and not picked by name.
// Kept in memory for the operator's session only: a logout or a restart forgets it.
export interface NoticeLedger {
  record(operatorId: number, applicationId: number): void;
  has(operatorId: number, applicationId: number): boolean;
  /** Forgets every other operator's (a logout, another login). */
  keepOnly(operatorId: number | null): void;
}

/** A busy counter looks up far fewer in one session; the oldest go first past this. */
const KEPT_PER_OPERATOR = 50;

export function createNoticeLedger(): NoticeLedger {
  const byOperator = new Map<number, number[]>();
  return {
    record(operatorId, applicationId) {
      const list = (byOperator.get(operatorId) ?? []).filter((id) => id !== applicationId);
      list.push(applicationId);
      byOperator.set(operatorId, list.slice(-KEPT_PER_OPERATOR));
    },
    has: (operatorId, applicationId) =>
      byOperator.get(operatorId)?.includes(applicationId) === true,
    keepOnly(operatorId) {
      for (const id of [...byOperator.keys()]) if (id !== operatorId) byOperator.delete(id);
    },
  };
}
