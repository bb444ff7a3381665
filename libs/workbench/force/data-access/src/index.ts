export * from './lib/force-dashboard-api.service';
