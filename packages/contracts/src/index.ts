export * from './common';
export * from './roles';
export * from './places';
export * from './party';
export * from './auth';
export * from './users';
export * from './audit';
export * from './messages';
