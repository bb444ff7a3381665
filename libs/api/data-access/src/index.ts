export * from './lib/entities';
export * from './lib/data-source';
export * from './lib/pglite-pool';
export * from './lib/database';
