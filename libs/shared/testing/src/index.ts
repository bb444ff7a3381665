export * from './lib/report-factory';
export * from './lib/report-csv';
