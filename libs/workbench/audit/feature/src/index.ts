export * from './lib/audit-page/audit-page';
export * from './lib/audit-filters';
