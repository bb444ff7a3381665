export * from './lib/+state/case-page.actions';
export * from './lib/+state/queue-page.actions';
export * from './lib/cases-api.service';
export * from './lib/filters/queue-filters';
export * from './lib/drafts/sealed-store';
export * from './lib/drafts/form-draft-store';
export * from './lib/drafts/form-drafts';
