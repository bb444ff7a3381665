export * from './lib/+state/queue.actions';
export * from './lib/+state/queue.feature';
export * from './lib/+state/queue.selectors';
export * from './lib/+state/case.actions';
export * from './lib/+state/case.feature';
export * from './lib/cases-api.service';
export * from './lib/queue-socket.service';
export * from './lib/provide-queue';
