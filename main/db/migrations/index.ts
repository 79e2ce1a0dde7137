// Every schema migration, in order. Add a file NNNN-name.ts and append it here.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-procedures';
import { migration0003 } from './0003-audit-log';
import { migration0004 } from './0004-search-indexes';
import { migration0005 } from './0005-procedure-kinds';
import { migration0006 } from './0006-audit-seals';
import { migration0007 } from './0007-approval-tries';
import { migration0008 } from './0008-authority-registry';
import { migration0009 } from './0009-dated-rules';
import { migration0010 } from './0010-open-procedures';
import { migration0011 } from './0011-practice-scenarios';
import { migration0012 } from './0012-office-search-indexes';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
