export * from './lib/outcomes.service';
export * from './lib/outcomes-export';
export * from './lib/outcomes.controller';
export * from './lib/outcomes.module';
