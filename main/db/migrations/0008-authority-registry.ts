// Migration 8: the local authority's record of the certificates it issued, and its CRL numbers,
// move from a JSON file beside its keys into the database, so that an issue and the counter's
// record of it can be tied together and every serial is kept with the rest of the office's data.
import type { Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'authority-registry',
  postgres: `
      CREATE TABLE authority_certificates (
        serial      TEXT PRIMARY KEY CHECK (serial <> '' AND serial = upper(serial)),
        kind        TEXT NOT NULL CHECK (kind IN ('signing', 'auth')),
        subject_id  TEXT NOT NULL,
        card_serial TEXT,
        not_before  TEXT NOT NULL,
        not_after   TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('reserved', 'good', 'on-hold', 'revoked')),
        held_at     TEXT,
        revoked_at  TEXT,
        reason      TEXT,
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
        CHECK ((status = 'revoked') = (reason IS NOT NULL)),
        CHECK (status <> 'on-hold' OR held_at IS NOT NULL)
      );
      CREATE INDEX authority_certificates_listed ON authority_certificates (kind, status);
      CREATE TABLE authority_crl_numbers (
        kind        TEXT PRIMARY KEY CHECK (kind IN ('signing', 'auth')),
        last_number BIGINT NOT NULL CHECK (last_number >= 0)
      );
      INSERT INTO authority_crl_numbers (kind, last_number) VALUES ('signing', 0), ('auth', 0);
    `,
  async up(tx) {
    await tx.exec(`
      CREATE TABLE authority_certificates (
        serial      TEXT PRIMARY KEY CHECK (serial <> '' AND serial = upper(serial)),
        kind        TEXT NOT NULL CHECK (kind IN ('signing', 'auth')),
        subject_id  TEXT NOT NULL,
        card_serial TEXT,
        not_before  TEXT NOT NULL,
        not_after   TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        -- reserved: signed, not yet recorded by the counter that asked for it.
        status      TEXT NOT NULL CHECK (status IN ('reserved', 'good', 'on-hold', 'revoked')),
        held_at     TEXT,
        revoked_at  TEXT,
        reason      TEXT,
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
        CHECK ((status = 'revoked') = (reason IS NOT NULL)),
        CHECK (status <> 'on-hold' OR held_at IS NOT NULL)
      ) STRICT;
      CREATE INDEX authority_certificates_listed ON authority_certificates (kind, status);
      CREATE TABLE authority_crl_numbers (
        kind        TEXT PRIMARY KEY CHECK (kind IN ('signing', 'auth')),
        last_number INTEGER NOT NULL CHECK (last_number >= 0)
      ) STRICT;
      INSERT INTO authority_crl_numbers (kind, last_number) VALUES ('signing', 0), ('auth', 0);
    `);
  },
};
