export * from './lib/case-page/case-page';
export * from './lib/case-report/case-report';
export * from './lib/partner/partner-referrals-page';
export * from './lib/admin/partner-directory-page';
