export * from './lib/+state/live.actions';
export * from './lib/+state/live.effects';
export * from './lib/+state/live.feature';
export * from './lib/live-highlight';
export * from './lib/live-socket.service';
export * from './lib/provide-live';
