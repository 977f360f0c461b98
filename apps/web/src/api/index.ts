export * from './client';
export * from './endpoints';
export type * from './types';
export * from './requests-endpoints';
export type * from './requests-types';
export * from './service-endpoints';
export type * from './service-types';
