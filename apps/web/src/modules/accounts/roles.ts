import { ROLES, SEPARATED_DUTY_ROLES } from '@gridwork/contracts';
import type { Role } from '../../api/types';

/** Roles the current user may hand out: the separated duties only with `role.assign-separated`. */
export function assignableRoles(canAssignSeparated: boolean): Role[] {
  return ROLES.filter((r) => canAssignSeparated || !SEPARATED_DUTY_ROLES.includes(r));
}
