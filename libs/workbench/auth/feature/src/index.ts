export * from './lib/sign-in-page/sign-in-page';
export * from './lib/account-page/account-page';
