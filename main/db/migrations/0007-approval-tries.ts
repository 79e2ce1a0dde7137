// Migration 7: wrong approver passwords counted per operator who asks for approvals, apart from
// the approver's own login lock, so that a clerk cannot lock a supervisor out by typing them.
import type { Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'approval-tries',
  postgres: `
      CREATE TABLE approval_tries (
        requester_id    BIGINT PRIMARY KEY REFERENCES operators (id),
        failed_attempts BIGINT NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        paused_until    TEXT
      );
    `,
  async up(tx) {
    await tx.exec(`
      CREATE TABLE approval_tries (
        requester_id    INTEGER PRIMARY KEY REFERENCES operators (id),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        paused_until    TEXT
      ) STRICT;
    `);
  },
};
