// Every module owns its tables; this file only gathers them for Drizzle and drizzle-kit.
export * from '../../platform/identity/identity.tables';
export * from '../../platform/audit/audit.tables';
export * from '../../modules/places/places.tables';
export * from '../../modules/party/party.tables';
export * from '../../modules/residents/residents.tables';
