export * from './lib/realtime.gateway';
export * from './lib/redis-io.adapter';
export * from './lib/realtime.module';
export * from './lib/sla-clock';
