export * from './lib/partner-directory/partner-directory-page';
