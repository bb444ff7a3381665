export * from './lib/force-dashboard-page/force-dashboard-page';
export * from './lib/force-dashboard-view';
