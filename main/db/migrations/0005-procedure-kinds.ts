// Migration 5: the kinds of procedure are the app's to know. The procedures table listed them in a
// CHECK, which sqlite cannot widen in place, so every new kind would have needed a table rebuild;
// the engine refuses an unknown kind instead (its specs are the list).
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'procedure-kinds',
  rebuildsReferencedTable: true,
  postgres: `
      ALTER TABLE procedures DROP CONSTRAINT procedures_kind_check,
        ADD CONSTRAINT procedures_kind_check CHECK (kind <> '');
    `,
  async up(tx) {
    // The journal, approvals, suspensions, revocations and reissues refer to procedures by name:
    // with foreign keys off (the migration says so) they keep that name and find the new table.
    await tx.exec(`
      CREATE TABLE procedures_rebuilt (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind <> ''),
        status         TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        operator_id    INTEGER NOT NULL REFERENCES operators (id),
        resident_id    INTEGER REFERENCES residents (id),
        card_id        INTEGER REFERENCES cards (id),
        application_id INTEGER REFERENCES card_applications (id),
        started_at     TEXT NOT NULL,
        ended_at       TEXT
      ) STRICT;
      INSERT INTO procedures_rebuilt
        SELECT id, kind, status, operator_id, resident_id, card_id, application_id, started_at,
               ended_at
          FROM procedures;
      DROP TABLE procedures;
      ALTER TABLE procedures_rebuilt RENAME TO procedures;
      CREATE INDEX procedures_open ON procedures (started_at) WHERE status = 'open';
    `);
  },
};
