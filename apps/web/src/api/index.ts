export * from './client';
export * from './endpoints';
export type * from './types';
export * from './requests-endpoints';
export type * from './requests-types';
