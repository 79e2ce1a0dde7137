// Migration 3: the hash-chained, append-only audit log.
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'audit-log',
  postgres: `
      CREATE TABLE audit_log (
        seq         BIGINT PRIMARY KEY CHECK (seq >= 1),
        at          TEXT NOT NULL,
        operator_id BIGINT REFERENCES operators (id),
        action      TEXT NOT NULL,
        resident_id BIGINT REFERENCES residents (id),
        card_id     BIGINT REFERENCES cards (id),
        details     TEXT NOT NULL CHECK (json_valid(details)),
        hash        BYTEA NOT NULL CHECK (length(hash) = 32)
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_operator ON audit_log (operator_id, seq);
      CREATE INDEX audit_log_resident ON audit_log (resident_id, seq) WHERE resident_id IS NOT NULL;
      CREATE INDEX audit_log_card ON audit_log (card_id, seq) WHERE card_id IS NOT NULL;

      -- One function for every append-only table; TRUNCATE is refused as well as UPDATE and DELETE.
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION append_only();
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION append_only();
    `,
  async up(tx) {
    await tx.exec(`
      -- hash = SHA-256(previous row's hash || canonical row); see main/audit/audit-log.ts.
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY CHECK (seq >= 1),
        at          TEXT NOT NULL,
        operator_id INTEGER REFERENCES operators (id),
        action      TEXT NOT NULL,
        resident_id INTEGER REFERENCES residents (id),
        card_id     INTEGER REFERENCES cards (id),
        details     TEXT NOT NULL CHECK (json_valid(details)),
        hash        BLOB NOT NULL CHECK (length(hash) = 32)
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_operator ON audit_log (operator_id, seq);
      CREATE INDEX audit_log_resident ON audit_log (resident_id, seq) WHERE resident_id IS NOT NULL;
      CREATE INDEX audit_log_card ON audit_log (card_id, seq) WHERE card_id IS NOT NULL;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
    `);
  },
};
