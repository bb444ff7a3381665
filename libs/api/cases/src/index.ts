export * from './lib/case-events';
export * from './lib/case-read';
export * from './lib/case-writer';
export * from './lib/outbox';
export * from './lib/cases.service';
export * from './lib/cases.controller';
export * from './lib/cases.module';
