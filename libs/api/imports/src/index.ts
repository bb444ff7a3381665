export * from './lib/csv-rows';
export * from './lib/csv-file';
export * from './lib/imports.service';
export * from './lib/imports.controller';
export * from './lib/imports.module';
