export * from './lib/workload.service';
export * from './lib/workload.controller';
export * from './lib/workload.module';
