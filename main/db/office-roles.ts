// What the counters' database role may do in the office database: read and add rows, update the
// records that change, and never update, delete or truncate a row of the audit tables.
import { APPEND_ONLY_TABLES } from './repositories/audit-chain';

/**
 * The grants for `appRole`, run by the owner of the tables after every migration (new tables get
 * theirs too). The append-only triggers stay the second wall: the owner itself is refused by them.
 */
export function officeGrantsSql(appRole: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(appRole))
    throw new Error('a role name is lower-case letters, digits, _');
  const audit = APPEND_ONLY_TABLES.join(', ');
  return `
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${appRole};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole};
    REVOKE UPDATE, DELETE, TRUNCATE ON ${audit} FROM ${appRole};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole};
    REVOKE INSERT, UPDATE, DELETE ON schema_version FROM ${appRole};
  `;
}
