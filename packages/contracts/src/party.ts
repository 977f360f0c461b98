import { z } from 'zod';
import { Id, Name } from './common';

export const PARTY_ORG_TYPES = ['working_committee', 'community_committee', 'branch', 'group'] as const;
export const PartyOrgType = z.enum(PARTY_ORG_TYPES);
export type PartyOrgType = z.infer<typeof PartyOrgType>;

export const PARTY_ORG_CHILDREN: Readonly<Record<PartyOrgType, readonly PartyOrgType[]>> = {
  working_committee: ['community_committee'],
  community_committee: ['branch'],
  branch: ['group'],
  group: [],
};

/** Branch kinds: 网格党支部 (grid) or 小区功能型党支部 (estate/functional). */
export const BranchKind = z.enum(['grid', 'estate']);

export const PartyOrg = z.object({
  id: Id,
  parentId: Id.nullable(),
  type: PartyOrgType,
  name: z.string(),
  isJointCommittee: z.boolean(),
  branchKind: BranchKind.nullable(),
  placeId: Id,
  placeName: z.string(),
  childCount: z.number().int(),
  /** Members of this org and of its sub-orgs. */
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;

export const PartyOrgListQuery = z.object({
  parentId: Id.optional(),
  type: PartyOrgType.optional(),
  placeId: Id.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CreatePartyOrg = z.strictObject({
  parentId: Id.nullable(),
  type: PartyOrgType,
  name: Name(100),
  placeId: Id,
  isJointCommittee: z.boolean().optional(),
  branchKind: BranchKind.optional(),
});
export type CreatePartyOrg = z.infer<typeof CreatePartyOrg>;

export const UpdatePartyOrg = z.strictObject({
  name: Name(100).optional(),
  isJointCommittee: z.boolean().optional(),
  branchKind: BranchKind.nullable().optional(),
});
export type UpdatePartyOrg = z.infer<typeof UpdatePartyOrg>;
