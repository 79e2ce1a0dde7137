// Migration 1: operators, residents (個人番号 encrypted), card applications, cards, certificates.
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- The 個人番号 data key, wrapped by a KeyProtector (safeStorage in the app, a key file in tests).
      CREATE TABLE data_keys (
        id         INTEGER PRIMARY KEY,
        purpose    TEXT NOT NULL UNIQUE CHECK (purpose IN ('my-number')),
        wrapped    BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE operators (
        id                   INTEGER PRIMARY KEY,
        login_id             TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name         TEXT NOT NULL,
        role                 TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'trainer', 'admin')),
        password_hash        TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts      INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until         TEXT,
        created_at           TEXT NOT NULL,
        password_changed_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE residents (
        id             INTEGER PRIMARY KEY,
        kana_name      TEXT NOT NULL,
        kanji_name     TEXT NOT NULL,
        kana_key       TEXT NOT NULL,
        kanji_key      TEXT NOT NULL,
        birth_date     TEXT NOT NULL
                       CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        address        TEXT NOT NULL,
        sex            TEXT NOT NULL CHECK (sex IN ('male', 'female', 'not-applicable', 'unknown')),
        my_number_enc  BLOB NOT NULL,
        my_number_hmac BLOB NOT NULL UNIQUE CHECK (length(my_number_hmac) = 32),
        created_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX residents_kana ON residents (kana_key);
      CREATE INDEX residents_kanji ON residents (kanji_key);
      CREATE INDEX residents_birth ON residents (birth_date);

      -- notice_number: the number printed on the 交付通知書.
      CREATE TABLE card_applications (
        id                INTEGER PRIMARY KEY,
        notice_number     TEXT NOT NULL UNIQUE,
        resident_id       INTEGER NOT NULL REFERENCES residents (id),
        kind              TEXT NOT NULL CHECK (kind IN ('new', 'reissue')),
        status            TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'issued', 'cancelled')),
        created_at        TEXT NOT NULL,
        status_changed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX card_applications_resident ON card_applications (resident_id);

      CREATE TABLE cards (
        id               INTEGER PRIMARY KEY,
        serial           TEXT NOT NULL UNIQUE CHECK (length(serial) = 15),
        resident_id      INTEGER NOT NULL REFERENCES residents (id),
        application_id   INTEGER NOT NULL UNIQUE REFERENCES card_applications (id),
        state            TEXT NOT NULL
                         CHECK (state IN ('received', 'prepared', 'issued', 'suspended', 'terminated')),
        expiry           TEXT NOT NULL,
        replaces_card_id INTEGER REFERENCES cards (id),
        received_at      TEXT NOT NULL,
        issued_at        TEXT,
        terminated_at    TEXT,
        destroyed_at     TEXT,
        state_changed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cards_resident ON cards (resident_id);

      -- The repository enforces the card's life; this trigger is the backstop for any other writer.
      CREATE TRIGGER cards_state_transition BEFORE UPDATE OF state ON cards
      WHEN NEW.state <> OLD.state AND NOT (
           (OLD.state = 'received'  AND NEW.state = 'prepared')
        OR (OLD.state = 'prepared'  AND NEW.state = 'issued')
        OR (OLD.state = 'issued'    AND NEW.state IN ('suspended', 'terminated'))
        OR (OLD.state = 'suspended' AND NEW.state IN ('issued', 'terminated')))
      BEGIN
        SELECT RAISE(ABORT, 'card state transition not allowed');
      END;

      CREATE TABLE certificates (
        id                INTEGER PRIMARY KEY,
        card_id           INTEGER NOT NULL REFERENCES cards (id),
        kind              TEXT NOT NULL CHECK (kind IN ('signing', 'auth')),
        serial            TEXT NOT NULL,
        not_before        TEXT NOT NULL,
        not_after         TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('issued', 'on_hold', 'revoked', 'expired')),
        revocation_reason TEXT,
        status_changed_at TEXT NOT NULL,
        UNIQUE (kind, serial),
        CHECK ((status = 'revoked') = (revocation_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX certificates_card ON certificates (card_id);
    `);
  },
};
