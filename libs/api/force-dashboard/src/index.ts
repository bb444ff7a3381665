export * from './lib/force-dashboard.service';
export * from './lib/force-dashboard-export';
export * from './lib/force-dashboard.controller';
export * from './lib/force-dashboard.module';
