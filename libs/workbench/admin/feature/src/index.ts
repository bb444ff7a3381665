export * from './lib/admin-page/admin-page';
