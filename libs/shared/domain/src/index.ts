export * from './lib/report';
export * from './lib/case';
export * from './lib/auth';
export * from './lib/events';
export * from './lib/problem';
export * from './lib/triage-order';
export * from './lib/report-rules';
export { default as POLICE_REPORT_SCHEMA } from './lib/contracts/police-da-report.v1.schema.json';
