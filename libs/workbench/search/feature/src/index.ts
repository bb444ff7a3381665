export * from './lib/search-page/search-page';
