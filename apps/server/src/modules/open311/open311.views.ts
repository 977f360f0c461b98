import { OPEN_REQUEST_STATUSES, URGENCIES, URGENCY_LABELS, type RequestStatus } from '@gridwork/contracts';
import type { RequestsService } from '../requests/requests.service';
import { redactForPublic } from '../requests/requests.rules';
import { referenceOf } from '../requests/requests.views';

type CategoryRow = Awaited<ReturnType<RequestsService['listCategoriesPublic']>>[number];
export type RequestRow = NonNullable<Awaited<ReturnType<RequestsService['findForOpen311']>>>;

// A type, not an interface: the XML writer needs its implicit index signature.
export type Open311Service = {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string | null;
};

/** Services are the active categories nobody files below (an active parent is a group, not a service). */
export function servicesOf(categories: readonly CategoryRow[]): Open311Service[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parents = new Set(categories.filter((c) => c.active && c.parentId).map((c) => c.parentId));
  return categories
    .filter((c) => c.active && !parents.has(c.id))
    .map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: `${c.name}。办理时限：一般 ${c.slaHours.normal} 小时，紧急 ${c.slaHours.urgent} 小时，特急 ${c.slaHours.critical} 小时 / Handled within ${c.slaHours.normal} h (normal), ${c.slaHours.urgent} h (urgent), ${c.slaHours.critical} h (critical)`,
      metadata: true,
      type: 'realtime' as const,
      keywords: c.keywords.join(','),
      group: c.parentId ? (byId.get(c.parentId)?.name ?? null) : null,
    }));
}

/** The one attribute every service takes: how urgent the matter is (it picks the SLA). */
export function definitionOf(serviceCode: string) {
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist' as const,
        required: false,
        datatype_description: null,
        order: 1,
        description: '紧急程度（决定办理时限） / Urgency (sets the handling deadline)',
        values: URGENCIES.map((u) => ({ key: u, name: URGENCY_LABELS[u]['zh-CN'] })),
      },
    ],
  };
}

/** Closed and rejected are done; every other step of the register is still open. */
export const open311Status = (status: RequestStatus): 'open' | 'closed' => (OPEN_REQUEST_STATUSES.includes(status) ? 'open' : 'closed');

export interface RequestLookups {
  readonly categoryNames: ReadonlyMap<string, string>;
  readonly placeNames: ReadonlyMap<string, string>;
  /** Places named as the subject that are households (their address is never shown). */
  readonly households: ReadonlySet<string>;
}

/** About 100 m: enough to see where a problem is, not which door it came from. */
const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * A request as anyone may read it without a key. Only what the reporter agreed to make public, with
 * names and numbers removed; personal matters (私事) never show their text or place.
 */
export function toOpen311Request(row: RequestRow, look: RequestLookups) {
  const isPublic = row.publicConsent && row.triage !== 'private';
  const redact = (text: string | null) => (text ? redactForPublic(text, [row.contactName]) : null);
  const showAddress = isPublic && !(row.subjectPlaceId && look.households.has(row.subjectPlaceId));
  return {
    service_request_id: referenceOf(row.seq),
    status: open311Status(row.status),
    status_notes: null,
    service_name: look.categoryNames.get(row.categoryCode) ?? row.categoryCode,
    service_code: row.categoryCode,
    description: isPublic ? redact(row.description) : null,
    agency_responsible: look.placeNames.get(row.responsiblePlaceId) ?? null,
    service_notice: null,
    requested_datetime: row.createdAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.deadline?.toISOString() ?? null,
    address: showAddress ? redact(row.address) : null,
    address_id: null,
    zipcode: null,
    lat: isPublic ? round3(row.lat) : null,
    long: isPublic ? round3(row.lng) : null,
    media_url: null,
  };
}
