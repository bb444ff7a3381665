export * from './lib/workload-page/workload-page';
export * from './lib/availability/availability-control';
export * from './lib/alerts/alert-tray';
export * from './lib/rota-dialog/rota-dialog';
