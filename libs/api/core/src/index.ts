export * from './lib/config';
export * from './lib/problem';
export * from './lib/input';
export * from './lib/json-schema';
export * from './lib/domain-events';
export * from './lib/request-contracts';
export * from './lib/csv';
export * from './lib/repeat-every';
