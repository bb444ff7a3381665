export * from './lib/casework.service';
export * from './lib/follow-up.service';
export * from './lib/casework.controller';
export * from './lib/casework.module';
