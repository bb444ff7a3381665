import { policeProfileProblems, type PartnerServiceRecord, type PoliceProfile, type Role } from '@lantern/shared/domain';

export const ROLE_LABELS: Record<Role, string> = {
  caseworker: 'Caseworker',
  'team-lead': 'Team lead',
  admin: 'Admin',
  officer: 'Police officer',
  partner: 'Partner agency user',
  auditor: 'Auditor',
  'force-lead': 'Force lead (police)',
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

/** Which police fields the form shows for these roles: force for officers and force leads, the rest for officers. */
export function policeFieldsFor(roles: readonly Role[]): { force: boolean; email: boolean; collarNumber: boolean; team: boolean } {
  const officer = roles.includes('officer');
  const police = officer || roles.includes('force-lead');
  return { force: police, email: police, collarNumber: officer, team: officer };
}

/** The police profile to send for these roles: only the fields they carry, blank as null. */
export function policeProfileFor(roles: readonly Role[], p: PoliceProfile): PoliceProfile {
  const shown = policeFieldsFor(roles);
  const value = (k: keyof PoliceProfile) => (shown[k] && p[k]?.trim() ? (p[k] as string).trim() : null);
  return { force: value('force'), collarNumber: value('collarNumber'), team: value('team'), email: value('email') };
}

const PROFILE_LABELS: Record<string, string> = {
  '/force': 'Enter the force.',
  '/collarNumber': 'Enter the collar number.',
};

/** What the form must fix about the police fields before it is sent (the API checks again). */
export function profileProblems(roles: readonly Role[], p: PoliceProfile): string[] {
  return policeProfileProblems(roles, policeProfileFor(roles, p)).map((e) => PROFILE_LABELS[e.path] ?? `${e.path.slice(1)} ${e.message}`);
}
