import { z } from 'zod';
import { Id } from './common';
import { Permission, Role } from './roles';
import { PlaceType } from './places';

export const Password = z.string().min(1).max(200);

/** Password policy for new passwords: 10+ characters with letters and digits. */
export const NewPassword = z
  .string()
  .min(10)
  .max(200)
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: 'password_too_weak' });

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: Password,
  totp: z.string().regex(/^\d{6}$/).optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RoleAssignmentView = z.object({
  id: Id,
  role: Role,
  placeId: Id,
  placeName: z.string(),
  placeType: PlaceType,
});
export type RoleAssignmentView = z.infer<typeof RoleAssignmentView>;

/** What the session may do before it is a full session. */
export const SessionRestriction = z.enum(['change_password', 'enrol_totp']);
export type SessionRestriction = z.infer<typeof SessionRestriction>;

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleAssignmentView),
  permissions: z.array(Permission),
  totpEnabled: z.boolean(),
  restriction: SessionRestriction.nullable(),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({
  csrfToken: z.string(),
  user: Me,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: Password,
  newPassword: z.string().min(1).max(200),
});

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpConfirmBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const CsrfResponse = z.object({ csrfToken: z.string() });
