// Migration 6: the audit chain keyed with a key of its own, its seals and checks, all append-only.
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'audit-seals',
  async up(tx) {
    // The audit key is stored wrapped beside the 個人番号 data key. sqlite cannot widen a CHECK in
    // place, and nothing refers to data_keys, so the table is rebuilt with the new purpose.
    await tx.exec(`
      CREATE TABLE data_keys_rebuilt (
        id         INTEGER PRIMARY KEY,
        purpose    TEXT NOT NULL UNIQUE CHECK (purpose IN ('my-number', 'audit-chain')),
        wrapped    BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO data_keys_rebuilt SELECT id, purpose, wrapped, created_at FROM data_keys;
      DROP TABLE data_keys;
      ALTER TABLE data_keys_rebuilt RENAME TO data_keys;
    `);
    // Rows written before the key existed keep their SHA-256 hashes; from keyed_from_seq on, a row's
    // hash is an HMAC. The one audit_chain row pins the plain prefix's last hash under the key
    // (main/audit/audit-keys.ts writes it the first time the app opens the file with its key).
    await tx.exec(`
      CREATE TABLE audit_chain (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        keyed_from_seq INTEGER NOT NULL CHECK (keyed_from_seq >= 1),
        prefix_head    BLOB NOT NULL CHECK (length(prefix_head) = 32),
        key_id         TEXT NOT NULL,
        mac            BLOB NOT NULL CHECK (length(mac) = 32),
        created_at     TEXT NOT NULL
      ) STRICT;

      -- One seal per complete segment of rows (main/audit/audit-seal.ts): an HMAC over every row
      -- of the segment, so the whole log is verified a segment at a time.
      CREATE TABLE audit_seals (
        seq_to    INTEGER PRIMARY KEY,
        seq_from  INTEGER NOT NULL CHECK (seq_from >= 1),
        mac       BLOB NOT NULL CHECK (length(mac) = 32),
        sealed_at TEXT NOT NULL,
        CHECK (seq_to >= seq_from)
      ) STRICT;

      -- Every passed verification: up to which row, its hash, and an HMAC over both. The next
      -- recent-rows verification starts from the last one.
      CREATE TABLE audit_checks (
        id         INTEGER PRIMARY KEY,
        seq        INTEGER NOT NULL CHECK (seq >= 0),
        head       BLOB NOT NULL CHECK (length(head) = 32),
        scope      TEXT NOT NULL CHECK (scope IN ('recent', 'full')),
        mac        BLOB NOT NULL CHECK (length(mac) = 32),
        checked_at TEXT NOT NULL
      ) STRICT;

      -- The administrator's open alarm is found without reading the whole log.
      CREATE INDEX audit_log_check_failed ON audit_log (seq) WHERE action = 'audit.check-failed';
      CREATE INDEX audit_log_alarm_acknowledged ON audit_log (seq)
        WHERE action = 'audit.alarm-acknowledged';

      CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
      BEGIN
        SELECT RAISE(ABORT, 'audit_chain is append-only');
      END;
      CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
      BEGIN
        SELECT RAISE(ABORT, 'audit_chain is append-only');
      END;
      CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
      BEGIN
        SELECT RAISE(ABORT, 'audit_seals is append-only');
      END;
      CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
      BEGIN
        SELECT RAISE(ABORT, 'audit_seals is append-only');
      END;
      CREATE TRIGGER audit_checks_no_update BEFORE UPDATE ON audit_checks
      BEGIN
        SELECT RAISE(ABORT, 'audit_checks is append-only');
      END;
      CREATE TRIGGER audit_checks_no_delete BEFORE DELETE ON audit_checks
      BEGIN
        SELECT RAISE(ABORT, 'audit_checks is append-only');
      END;
    `);
  },
};
