export * from './lib/queue-page/queue-page';
