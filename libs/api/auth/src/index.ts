export * from './lib/auth.types';
export * from './lib/auth.decorators';
export * from './lib/auth.service';
export * from './lib/auth.guard';
export * from './lib/auth.controller';
export * from './lib/demo-seed.service';
export * from './lib/auth.module';
export * from './lib/login-throttle';
