import { z } from 'zod';
import { Id, Name } from './common';
import { RoleAssignmentView } from './auth';
import { Role } from './roles';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/);

export const UserView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleAssignmentView),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: Role.optional(),
  placeId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateUser = z.strictObject({
  username: Username,
  displayName: Name(50),
  phone: z.string().trim().regex(/^1\d{10}$/).optional(),
  role: Role,
  placeId: Id,
});
export type CreateUser = z.infer<typeof CreateUser>;

export const CreateUserResponse = z.object({ user: UserView, initialPassword: z.string() });

export const UpdateUser = z.strictObject({
  displayName: Name(50).optional(),
  phone: z.string().trim().regex(/^1\d{10}$/).nullable().optional(),
  disabled: z.boolean().optional(),
});

export const ResetPasswordResponse = z.object({ temporaryPassword: z.string() });

export const AssignRole = z.strictObject({ role: Role, placeId: Id });

export const RoleAssignmentParams = z.object({ id: Id, assignmentId: Id });
