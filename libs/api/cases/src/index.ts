export * from './lib/case-changes';
export * from './lib/case-consent';
export * from './lib/case-read';
export * from './lib/case-writer';
export * from './lib/case-risk';
export * from './lib/marac-referrals';
export * from './lib/case-linkage';
export * from './lib/suspect-numbers';
// The outbox is read here (sync, relay); it is written only through CaseChanges.
export { CASE_CHANGED_TOPIC, lastSeq, outboxAfter, type OutboxPayload, type OutboxRow } from './lib/outbox';
export * from './lib/case-access';
export * from './lib/case-restriction';
export * from './lib/cases.service';
export * from './lib/cases.controller';
export * from './lib/cases.module';
export * from './lib/case-search';
export * from './lib/case-queue';
export * from './lib/queue-weights';
export * from './lib/case-queue-tally';
