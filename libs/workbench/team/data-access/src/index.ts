export * from './lib/+state/team.actions';
export * from './lib/+state/workload.feature';
export * from './lib/+state/availability.feature';
export * from './lib/+state/alerts.feature';
export * from './lib/team-api.service';
export * from './lib/team-view';
export * from './lib/provide-team';
export * from './lib/team-lead.guard';
