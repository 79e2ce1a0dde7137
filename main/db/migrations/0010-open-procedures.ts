// Migration 10: an open procedure's counter, and one open procedure per application and per card
// and kind, kept by the database itself: two counters racing to start the same thing cannot both
// succeed, whatever each read before it wrote.
import type { Migration } from './migration';

export const migration0010: Migration = {
  version: 10,
  name: 'open-procedures',
  postgres: `
      ALTER TABLE procedures ADD COLUMN counter_number BIGINT;
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
      CREATE UNIQUE INDEX procedures_open_application ON procedures (application_id)
        WHERE status = 'open' AND application_id IS NOT NULL;
      CREATE UNIQUE INDEX procedures_open_card ON procedures (card_id, kind)
        WHERE status = 'open' AND card_id IS NOT NULL;
    `);
  },
};
