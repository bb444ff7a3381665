export * from './lib/+state/partner-referrals.actions';
export * from './lib/+state/partner-referrals.feature';
export * from './lib/provide-partner-portal';
export * from './lib/partner-referrals-api.service';
