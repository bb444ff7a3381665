export * from './lib/report-factory';
