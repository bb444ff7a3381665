export * from './lib/outcomes-page/outcomes-page';
export * from './lib/outcomes-period';
export * from './lib/outcomes-charts';
