/**
 * Types of the API's data, all inferred from the shared contract schemas so that the web
 * app and the server cannot drift apart silently.
 */
import type { z } from 'zod';
import type {
  AuditListQuery,
  AuditVerifyResult,
  ChangePasswordBody,
  CreateUserResponse,
  CsrfResponse,
  GridBoundaryFeatureCollection,
  ResetPasswordResponse,
  TotpConfirmBody,
  TotpSetupResponse,
  UpdateUser,
  AssignRole,
  PlaceListQuery,
  PartyOrgListQuery,
  UserListQuery,
  Ok,
} from '@gridwork/contracts';

export type {
  AuditEntry,
  CreatePartyOrg,
  CreatePlace,
  CreateUser,
  GridBoundary,
  LoginBody,
  LoginResponse,
  Me,
  PartyOrg,
  PartyOrgType,
  Permission,
  Place,
  PlaceType,
  Problem,
  Role,
  RoleAssignmentView,
  SessionRestriction,
  UpdatePartyOrg,
  UpdatePlace,
  UserView,
  Locale,
} from '@gridwork/contracts';

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
export type AuditListQuery = Partial<z.infer<typeof AuditListQuery>>;
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export type CreateUserResponse = z.infer<typeof CreateUserResponse>;
export type CsrfResponse = z.infer<typeof CsrfResponse>;
export type GridBoundaryFeatureCollection = z.infer<typeof GridBoundaryFeatureCollection>;
export type GridBoundaryFeature = GridBoundaryFeatureCollection['features'][number];
export type ResetPasswordResponse = z.infer<typeof ResetPasswordResponse>;
export type TotpConfirmBody = z.infer<typeof TotpConfirmBody>;
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;
export type UpdateUser = z.infer<typeof UpdateUser>;
export type AssignRole = z.infer<typeof AssignRole>;
export type PlaceListQuery = Partial<z.infer<typeof PlaceListQuery>>;
export type PartyOrgListQuery = Partial<z.infer<typeof PartyOrgListQuery>>;
export type UserListQuery = Partial<z.infer<typeof UserListQuery>>;
export type OkResponse = z.infer<typeof Ok>;

export type * from './residents-types';
