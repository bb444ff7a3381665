export * from './lib/officer-report';
export * from './lib/officer-referrals.service';
export * from './lib/officer-referrals.controller';
export * from './lib/officer.module';
