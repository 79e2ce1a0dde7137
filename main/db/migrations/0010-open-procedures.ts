// Migration 10: an open procedure's counter, and one open procedure per application and per card
// and kind, kept by the database itself: two counters racing to start the same thing cannot both
// succeed, whatever each read before it wrote. An office database that already holds such twins
// (the race happened before) keeps the newest of each open and closes the others as cancelled,
// each with a journal row that says why; the indexes could not be made otherwise.
import type { Migration } from './migration';

/** The reason the closed twins' journal rows give, as the clerk's history shows a cancellation. */
export const DUPLICATE_CLOSED_REASON =
  'データベースの更新時に、同じ申請（または同じカードの同じ手続き）の未完了の手続きが二つ以上あったため、新しい方を残して中止しました';

/** An open procedure with a newer open twin of the same application, or of the same card and kind. */
const OLDER_TWIN = {
  application: `p.status = 'open' AND p.application_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM procedures n WHERE n.status = 'open' AND n.application_id = p.application_id
        AND (n.started_at > p.started_at OR (n.started_at = p.started_at AND n.id > p.id)))`,
  card: `p.status = 'open' AND p.card_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM procedures n WHERE n.status = 'open' AND n.card_id = p.card_id
        AND n.kind = p.kind
        AND (n.started_at > p.started_at OR (n.started_at = p.started_at AND n.id > p.id)))`,
};

/**
 * Closes the older twins, by application first, then by card and kind among those still open:
 * a journal row (cancelled, with the reason) and the procedure ended. `now` is the SQL of the
 * current instant as the app writes it (ISO, milliseconds, Z).
 */
function closeOlderTwins(now: string): string {
  const data = JSON.stringify({ reason: DUPLICATE_CLOSED_REASON }).replaceAll("'", "''");
  return (['application', 'card'] as const)
    .map(
      (by) => `
      INSERT INTO procedure_journal (procedure_id, kind, step, status, operator_id, at, data)
        SELECT p.id, p.kind, 'cancelled', 'cancelled', p.operator_id, ${now}, '${data}'
          FROM procedures p WHERE ${OLDER_TWIN[by]};
      UPDATE procedures SET status = 'cancelled', ended_at = ${now}
        WHERE id IN (SELECT p.id FROM procedures p WHERE ${OLDER_TWIN[by]});`,
    )
    .join('\n');
}

const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const POSTGRES_NOW = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const migration0010: Migration = {
  version: 10,
  name: 'open-procedures',
  postgres: `
      ALTER TABLE procedures ADD COLUMN counter_number BIGINT;
      ${closeOlderTwins(POSTGRES_NOW)}
      CREATE UNIQUE INDEX procedures_open_application ON procedures (application_id)
        WHERE status = 'open' AND application_id IS NOT NULL;
      CREATE UNIQUE INDEX procedures_open_card ON procedures (card_id, kind)
        WHERE status = 'open' AND card_id IS NOT NULL;
    `,
  async up(tx) {
    // The office counter (counterNumber) that holds the procedure: null on a counter's own file,
    // where there is one counter. A 責任者's takeover changes it.
    await tx.exec(`
      ALTER TABLE procedures ADD COLUMN counter_number INTEGER;
      ${closeOlderTwins(SQLITE_NOW)}
      CREATE UNIQUE INDEX procedures_open_application ON procedures (application_id)
        WHERE status = 'open' AND application_id IS NOT NULL;
      CREATE UNIQUE INDEX procedures_open_card ON procedures (card_id, kind)
        WHERE status = 'open' AND card_id IS NOT NULL;
    `);
  },
};
