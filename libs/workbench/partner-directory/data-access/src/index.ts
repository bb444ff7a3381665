export * from './lib/+state/partner-directory.actions';
export * from './lib/+state/partner-directory.feature';
export * from './lib/partners-api.service';
export * from './lib/provide-partner-directory';
