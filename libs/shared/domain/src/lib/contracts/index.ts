export * from './contract';
export * from './auth.contracts';
export * from './cases.contracts';
export * from './casework.contracts';
export * from './referrals.contracts';
export * from './triage.contracts';
export * from './workload.contracts';
export * from './outcomes.contracts';
