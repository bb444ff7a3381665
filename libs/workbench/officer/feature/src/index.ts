export * from './lib/referral-form/referral-form-page';
export * from './lib/my-referrals/my-referrals-page';
export * from './lib/referral-form/consent-script';
export * from './lib/sign-out/waiting-reports-dialog';
