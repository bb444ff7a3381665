export * from './lib/+state/queue.actions';
export * from './lib/+state/queue.feature';
export * from './lib/+state/queue.selectors';
export * from './lib/+state/held-order';
export * from './lib/provide-queue';
