export * from './lib/+state/auth.actions';
export * from './lib/+state/auth.feature';
export * from './lib/auth-api.service';
export * from './lib/auth.guard';
export * from './lib/auth.interceptor';
export * from './lib/http-error';
export * from './lib/provide-auth';
export * from './lib/return-url';
