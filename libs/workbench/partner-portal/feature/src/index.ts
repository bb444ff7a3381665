export * from './lib/partner-referrals/partner-referrals-page';
