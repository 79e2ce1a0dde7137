// The operators' roles and the named groups of them that channels and screens are open to.
// Pure: main checks every call with these groups; the renderer's router hides screens with them.

/** 窓口職員, 責任者, 研修講師, 管理者. */
export const ROLES = ['clerk', 'supervisor', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles that run counter procedures (and so may use the resident window beside them). The
 * administrator runs none; the trainer works in practice mode.
 */
export const COUNTER_ROLES: readonly Role[] = ['clerk', 'supervisor', 'trainer'];

/** Who may approve what needs a second person (a face override, 廃止, 再交付): a 責任者. */
export const APPROVER_ROLES: readonly Role[] = ['supervisor'];

/**
 * Who may confirm another operator's face check on the spot (the two-person photo check): any
 * operator of the counter, a clerk as well as a supervisor.
 */
export const SECOND_CHECK_ROLES: readonly Role[] = COUNTER_ROLES;

/** The roles that may give an approval of this kind. */
export function approverRolesOf(action: string): readonly Role[] {
  return action === 'face-check-second' ? SECOND_CHECK_ROLES : APPROVER_ROLES;
}

/** The 日報 is a supervisor's; a trainer sees the practice one. */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'trainer'];

/** Operators, the audit log, the backup. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

/** Resetting the practice database. */
export const TRAINER_ROLES: readonly Role[] = ['trainer'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isCounterRole(role: Role): boolean {
  return COUNTER_ROLES.includes(role);
}
