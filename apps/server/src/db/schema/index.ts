// Every module owns its tables; this file only gathers them for Drizzle and drizzle-kit.
export * from '../../platform/identity/identity.tables';
export * from '../../platform/audit/audit.tables';
export * from '../../modules/places/places.tables';
export * from '../../modules/party/party.tables';
export * from '../../modules/party/party-members.tables';
export * from '../../modules/party/member-scores.tables';
export * from '../../modules/residents/residents.tables';
export * from '../../platform/notifications.tables';
export * from '../../platform/idempotency.tables';
export * from '../../modules/requests/requests.tables';
export * from '../../modules/wishes/wishes.tables';
export * from '../../modules/open311/open311.tables';
export * from '../../modules/points/points.tables';
export * from '../../modules/store/store.tables';
export * from '../../modules/volunteers/volunteers.tables';
export * from '../../modules/events/events.tables';
