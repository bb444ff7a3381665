export * from './lib/search-api.service';
