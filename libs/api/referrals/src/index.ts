export * from './lib/referrals.service';
export * from './lib/marac-referrals.service';
export * from './lib/referral-delivery.service';
export * from './lib/referrals.controller';
export * from './lib/referrals.module';
export * from './lib/partner-directory.service';
export * from './lib/referral-document';
