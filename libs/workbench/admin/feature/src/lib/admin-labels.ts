import type { PartnerServiceRecord, Role } from '@lantern/shared/domain';

export const ROLE_LABELS: Record<Role, string> = {
  caseworker: 'Caseworker',
  'team-lead': 'Team lead',
  admin: 'Admin',
  officer: 'Police officer',
  partner: 'Partner agency user',
  auditor: 'Auditor',
};

export function describeRoles(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');
}

/** One entry per partner agency of the directory (it lists services), by name. */
export function partnerAgencies(services: readonly PartnerServiceRecord[]): Array<{ id: string; name: string }> {
  const byId = new Map<string, string>();
  for (const s of services) if (!byId.has(s.partnerId)) byId.set(s.partnerId, s.partnerName);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** What the form must fix before it is sent (the API checks again): a partner user has one agency and one role. */
export function roleProblems(roles: readonly Role[], partnerId: string | null): string[] {
  const problems: string[] = [];
  if (!roles.length) problems.push('Choose at least one role.');
  if (roles.includes('partner') && roles.length > 1) problems.push('A partner agency user has only that role.');
  if (roles.includes('partner') && !partnerId) problems.push('Choose the partner agency this user works for.');
  return problems;
}
