export * from './lib/case-page/case-page';
export * from './lib/case-report/case-report';
