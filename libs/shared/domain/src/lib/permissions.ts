import type { Role } from './auth';

/**
 * What a signed-in user may do, by action. The one permission table of Lantern: the API's guards read it
 * (`@Allow(action)` on every endpoint) and the workbench reads it to show or hide an action, so the two can never
 * disagree about who may do what. Whether a particular case may be touched (claims, restricted cases) is decided
 * by the service on top of this.
 */
export const ACTIONS = [
  /** Who one is signed in as, and signing out. Every role. */
  'session.use',
  /** The triage rules: DASH questions, bands, SLA targets, hub calendar, priority weights (rules, no case data). */
  'triage-rules.read',
  /** The queue, a case page and everything recorded on a case; live case events. */
  'case.read',
  /** Claim, Next case, lifecycle moves, safe-contact plan, contact attempts, call-backs, needs and safety plan,
   * risk assessments, referrals from a case, the MARAC form, the satisfaction survey. */
  'case.work',
  /** Record a MARAC referral of a case (the record repeat is counted from, and the MARAC form is made from). */
  'marac-referral.record',
  /** Close a high-risk or MARAC case without a MARAC referral record or enough contact attempts, with a written reason. */
  'case.close-override',
  /** Give a case to someone else, or take it back. */
  'case.assign',
  /** Resume contact that was paused after an unsafe-contact override. */
  'contact.resume',
  /** Record what the victim said about consent to contact and to sharing (a hub record wins over the police's). */
  'consent.record',
  /** Record the legal basis for sharing without consent. */
  'safeguarding-basis.record',
  /** The team: staff list, workload board, unassigned cases, suggested balance, alerts. */
  'team.manage',
  /** Set a caseworker's weekly rota. */
  'rota.edit',
  /** Set one's own availability (Available / Busy / Away). */
  'availability.set',
  /** Outcomes dashboard, CSV and printable summary (aggregates). */
  'outcomes.read',
  /** Read the partner directory. */
  'partners.read',
  /** Add and edit partner services. */
  'partners.manage',
  /** List referrals and open their documents (partners: only their own). */
  'referrals.read',
  /** Move a referral along its lifecycle (partners: accept, decline, outcome on their own). */
  'referrals.act',
  /** Withdraw a referral already made (consent withdrawn, wrong service): a team lead's decision. */
  'referrals.revoke',
  /** The partner portal. */
  'partner-portal.use',
  /** Grade a case below the police grade ("agreed with police"), with a recorded reason: a team lead's decision. */
  'risk.agree-with-police',
  /** Restrict a case to a named access list (a victim or suspect who is police or hub staff), or lift it. */
  'case.restrict',
  /** Break the glass: time-limited access to a restricted case one is not listed on, with a reason (audited, alerted). */
  'case.break-glass',
  /** Search, export and verify the audit trail. */
  'audit.read',
  /** Create users, deactivate them, reset passwords and second factors, end their sessions. */
  'users.manage',
  /** Issue and revoke police feed keys. */
  'feed-sources.manage',
  /** An officer at the scene: refer a victim from the officer app, and see the status of one's own referrals (never a case). */
  'officer-referral.submit',
  /** The force dashboard of one's own force: referrals and what happened next, aggregates only. */
  'force-dashboard.read',
  /** Import police reports from a CSV extract (forces without a live feed). */
  'imports.run',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Role → actions. Least privilege: an action not listed is refused. */
export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  caseworker: [
    'session.use',
    'triage-rules.read',
    'case.read',
    'case.work',
    'marac-referral.record',
    'consent.record',
    'availability.set',
    'partners.read',
    'referrals.read',
    'referrals.act',
    'case.break-glass',
  ],
  'team-lead': [
    'session.use',
    'triage-rules.read',
    'case.read',
    'case.work',
    'marac-referral.record',
    'case.close-override',
    'case.assign',
    'consent.record',
    'contact.resume',
    'safeguarding-basis.record',
    'team.manage',
    'rota.edit',
    'availability.set',
    'outcomes.read',
    'partners.read',
    'referrals.read',
    'referrals.act',
    'referrals.revoke',
    'risk.agree-with-police',
    'case.restrict',
    'case.break-glass',
    'imports.run',
  ],
  admin: [
    'session.use',
    'triage-rules.read',
    'rota.edit',
    'outcomes.read',
    'partners.read',
    'partners.manage',
    'users.manage',
    'feed-sources.manage',
    'imports.run',
  ],
  auditor: ['session.use', 'triage-rules.read', 'case.read', 'outcomes.read', 'partners.read', 'referrals.read', 'audit.read'],
  partner: ['session.use', 'triage-rules.read', 'referrals.read', 'referrals.act', 'partner-portal.use'],
  officer: ['session.use', 'triage-rules.read', 'officer-referral.submit'],
  'force-lead': ['session.use', 'triage-rules.read', 'force-dashboard.read'],
};

/** True when any of the user's roles grants the action. */
export function can(roles: readonly Role[] | null | undefined, action: Action): boolean {
  return !!roles?.some((r) => PERMISSIONS[r]?.includes(action));
}

/** The roles that grant an action (what an API guard checks). */
export function rolesWith(action: Action): Role[] {
  return (Object.keys(PERMISSIONS) as Role[]).filter((r) => PERMISSIONS[r].includes(action));
}

/** Roles that may read hub cases (the queue, a case page, live case events). */
export const CASE_READER_ROLES: readonly Role[] = rolesWith('case.read');

export function canReadCases(roles: readonly Role[] | null | undefined): boolean {
  return can(roles, 'case.read');
}
