// Migration 2: procedures and their journal, approvals, suspensions, revocations, reissues, fees.
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'procedures',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE procedures (
        id             TEXT PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('issuance', 'pin-reset', 'suspension', 'release',
                                                     'revocation', 'reissue', 'renewal')),
        status         TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        operator_id    INTEGER NOT NULL REFERENCES operators (id),
        resident_id    INTEGER REFERENCES residents (id),
        card_id        INTEGER REFERENCES cards (id),
        application_id INTEGER REFERENCES card_applications (id),
        started_at     TEXT NOT NULL,
        ended_at       TEXT
      ) STRICT;
      CREATE INDEX procedures_open ON procedures (started_at) WHERE status = 'open';

      -- One row per step of every procedure, written in the step's own transaction.
      CREATE TABLE procedure_journal (
        id           INTEGER PRIMARY KEY,
        procedure_id TEXT NOT NULL REFERENCES procedures (id),
        kind         TEXT NOT NULL,
        step         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('started', 'completed', 'failed', 'cancelled')),
        operator_id  INTEGER NOT NULL REFERENCES operators (id),
        at           TEXT NOT NULL,
        data         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX procedure_journal_procedure ON procedure_journal (procedure_id, id);

      CREATE TABLE approvals (
        id           INTEGER PRIMARY KEY,
        procedure_id TEXT REFERENCES procedures (id),
        action       TEXT NOT NULL,
        requester_id INTEGER NOT NULL REFERENCES operators (id),
        approver_id  INTEGER NOT NULL REFERENCES operators (id),
        reason       TEXT NOT NULL,
        approved_at  TEXT NOT NULL,
        CHECK (requester_id <> approver_id)
      ) STRICT;

      CREATE TABLE suspensions (
        id           INTEGER PRIMARY KEY,
        card_id      INTEGER NOT NULL REFERENCES cards (id),
        reported_by  TEXT NOT NULL CHECK (reported_by IN ('callcentre', 'police', 'resident')),
        reported_at  TEXT NOT NULL,
        how          TEXT NOT NULL,
        operator_id  INTEGER NOT NULL REFERENCES operators (id),
        procedure_id TEXT REFERENCES procedures (id),
        recorded_at  TEXT NOT NULL,
        released_at  TEXT,
        released_by  INTEGER REFERENCES operators (id)
      ) STRICT;
      CREATE UNIQUE INDEX suspensions_one_open ON suspensions (card_id) WHERE released_at IS NULL;

      CREATE TABLE revocations (
        id           INTEGER PRIMARY KEY,
        card_id      INTEGER NOT NULL UNIQUE REFERENCES cards (id),
        reason       TEXT NOT NULL CHECK (reason IN ('lost', 'stolen', 'returned', 'expired',
                       'moved-abroad', 'death', 'record-deleted', 'number-changed', 'damaged',
                       'found-after-reissue')),
        operator_id  INTEGER NOT NULL REFERENCES operators (id),
        approved_by  INTEGER NOT NULL REFERENCES operators (id),
        approval_id  INTEGER NOT NULL UNIQUE REFERENCES approvals (id),
        procedure_id TEXT REFERENCES procedures (id),
        revoked_at   TEXT NOT NULL,
        destroyed_at TEXT
      ) STRICT;

      CREATE TABLE reissues (
        id             INTEGER PRIMARY KEY,
        old_card_id    INTEGER NOT NULL UNIQUE REFERENCES cards (id),
        application_id INTEGER NOT NULL UNIQUE REFERENCES card_applications (id),
        reason         TEXT NOT NULL CHECK (reason IN ('lost', 'damaged', 'own-wish', 'missed-renewal',
                         'expiry', 'full-notes', 'theft', 'disaster', 'office-error', 'number-changed')),
        express        INTEGER NOT NULL DEFAULT 0 CHECK (express IN (0, 1)),
        operator_id    INTEGER NOT NULL REFERENCES operators (id),
        procedure_id   TEXT REFERENCES procedures (id),
        created_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE fees (
        id            INTEGER PRIMARY KEY,
        reissue_id    INTEGER NOT NULL REFERENCES reissues (id),
        amount_yen    INTEGER NOT NULL CHECK (amount_yen >= 0),
        status        TEXT NOT NULL CHECK (status IN ('paid', 'waived')),
        waiver_reason TEXT,
        operator_id   INTEGER NOT NULL REFERENCES operators (id),
        recorded_at   TEXT NOT NULL,
        CHECK ((status = 'paid' AND amount_yen > 0 AND waiver_reason IS NULL)
            OR (status = 'waived' AND amount_yen = 0 AND waiver_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX fees_reissue ON fees (reissue_id);
    `);
  },
};
