export * from './lib/+state/referrals.actions';
export * from './lib/+state/referrals.feature';
export * from './lib/referrals-api.service';
export * from './lib/referral-status';
export * from './lib/provide-referrals';
