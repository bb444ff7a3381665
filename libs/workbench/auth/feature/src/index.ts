export * from './lib/sign-in-page/sign-in-page';
