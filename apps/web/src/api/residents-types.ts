/** Types of the residents register API (人口台账), inferred from the shared contract schemas. */
import type { z } from 'zod';
import type {
  CareDashboard as CareDashboardSchema,
  CareGroupAssignment,
  CreateVisit as CreateVisitSchema,
  HouseholdListQuery as HouseholdListQuerySchema,
  ImportAccepted as ImportAcceptedSchema,
  RevealResponse as RevealResponseSchema,
  UpdateHousehold as UpdateHouseholdSchema,
  UpsertCareGroupType as UpsertCareGroupTypeSchema,
  VisitDue as VisitDueSchema,
  VisitListQuery as VisitListQuerySchema,
  VisitMethod as VisitMethodSchema,
  ResidentListQuery as ResidentListQuerySchema,
} from '@gridwork/contracts';

export type {
  CareGroupAssignment,
  CareGroupType,
  CreateHousehold,
  CreateResident,
  Gender,
  Household,
  IdType,
  ImportJob,
  ImportMode,
  Relation,
  Resident,
  ResidentDetail,
  ResidenceType,
  ResidentStatus,
  RevealableField,
  UpdateResident,
  Visit,
} from '@gridwork/contracts';

export type ResidentListQuery = Partial<z.infer<typeof ResidentListQuerySchema>>;
export type HouseholdListQuery = Partial<z.infer<typeof HouseholdListQuerySchema>>;
export type VisitListQuery = Partial<z.infer<typeof VisitListQuerySchema>>;
export type UpdateHousehold = z.infer<typeof UpdateHouseholdSchema>;
export type UpsertCareGroupType = z.input<typeof UpsertCareGroupTypeSchema>;
export type CreateVisit = z.input<typeof CreateVisitSchema>;
export type VisitMethod = z.infer<typeof VisitMethodSchema>;
export type VisitDue = z.infer<typeof VisitDueSchema>;
export type CareDashboard = z.infer<typeof CareDashboardSchema>;
export type RevealResponse = z.infer<typeof RevealResponseSchema>;
export type ImportAccepted = z.infer<typeof ImportAcceptedSchema>;
export type CareGroupAssignmentInput = z.input<typeof CareGroupAssignment>;
