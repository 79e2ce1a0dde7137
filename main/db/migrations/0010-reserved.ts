// Migration 10 is another branch's (the office's counters); this stand-in keeps the numbers
// without a gap on this branch until that one is merged, and changes nothing.
import type { Migration } from './migration';

export const migration0010: Migration = {
  version: 10,
  name: 'reserved',
  postgres: 'SELECT 1;',
  async up() {},
};
