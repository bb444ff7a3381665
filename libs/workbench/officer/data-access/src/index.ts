export * from './lib/+state/officer.actions';
export * from './lib/+state/officer.feature';
export * from './lib/+state/officer.effects';
export * from './lib/officer-api.service';
export * from './lib/officer-device';
export * from './lib/officer-draft';
export * from './lib/provide-officer';
export * from './lib/reference';
