export * from './lib/case-page/case-page';
export * from './lib/case-report/case-report';
export * from './lib/print/case-print-page';
