export * from './lib/report-validator';
export * from './lib/rate-limiter';
export * from './lib/feed-key.guard';
export * from './lib/intake.service';
export * from './lib/intake.controller';
export * from './lib/intake.module';
export * from './lib/intake-stream';
