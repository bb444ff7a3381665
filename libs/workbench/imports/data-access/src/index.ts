export * from './lib/imports-api.service';
export * from './lib/import-progress';
