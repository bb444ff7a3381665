export * from './lib/+state/queue.actions';
export * from './lib/+state/queue.feature';
export * from './lib/+state/queue.selectors';
export * from './lib/+state/held-order';
export * from './lib/cases-api.service';
export * from './lib/filters/queue-filters';
export * from './lib/provide-queue';
