// Migration 11: the dated rules and the cards nobody collects. A reissue records the rule set its
// fee was computed by, whether the new card gets certificates and the 特急発行 category; a card
// records when its 交付通知書 and its reminder went out; an uncollected card destroyed is one row
// with the supervisor's approval.
import type { Migration } from './migration';

export const migration0011: Migration = {
  version: 11,
  name: 'dated-rules',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE reissues ADD COLUMN with_certificates INTEGER NOT NULL DEFAULT 1
        CHECK (with_certificates IN (0, 1));
      ALTER TABLE reissues ADD COLUMN rule_set TEXT;
      ALTER TABLE reissues ADD COLUMN express_category TEXT;

      ALTER TABLE cards ADD COLUMN notice_sent_at TEXT;
      ALTER TABLE cards ADD COLUMN reminder_sent_at TEXT;

      CREATE TABLE uncollected_destructions (
        id           INTEGER PRIMARY KEY,
        card_id      INTEGER NOT NULL UNIQUE REFERENCES cards (id),
        approval_id  INTEGER NOT NULL UNIQUE REFERENCES approvals (id),
        operator_id  INTEGER NOT NULL REFERENCES operators (id),
        destroyed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX uncollected_destructions_at ON uncollected_destructions (destroyed_at);
    `);
  },
};
