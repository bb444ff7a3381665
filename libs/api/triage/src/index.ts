export * from './lib/risk-assessment.service';
export * from './lib/sla-watch.service';
export * from './lib/triage.controller';
export * from './lib/triage.module';
