export * from './lib/+state/case-page.actions';
export * from './lib/+state/queue-page.actions';
export * from './lib/cases-api.service';
export * from './lib/filters/queue-filters';
