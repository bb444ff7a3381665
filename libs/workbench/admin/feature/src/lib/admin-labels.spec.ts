import { describe, expect, it } from 'vitest';
import type { PartnerServiceRecord, Role } from '@lantern/shared/domain';
import { describeRoles, partnerAgencies, policeProfileFor, profileProblems, roleProblems } from './admin-labels';

describe('admin labels and rules', () => {
  it.each<[Role[], string | null, number]>([
    [['caseworker'], null, 0],
    [['caseworker', 'team-lead'], null, 0],
    [[], null, 1],
    [['partner'], null, 1],
    [['partner'], 'idva', 0],
    [['partner', 'caseworker'], 'idva', 1],
  ])('roles %j with agency %s: %i problems', (roles, partnerId, n) => {
    expect(roleProblems(roles, partnerId)).toHaveLength(n);
  });

  it('names roles and lists each agency once', () => {
    expect(describeRoles(['team-lead', 'admin'])).toBe('Team lead, Admin');
    const services = [
      { partnerId: 'idva', partnerName: 'IDVA service' },
      { partnerId: 'idva', partnerName: 'IDVA service' },
      { partnerId: 'outreach', partnerName: 'Outreach' },
    ] as PartnerServiceRecord[];
    expect(partnerAgencies(services)).toEqual([
      { id: 'idva', name: 'IDVA service' },
      { id: 'outreach', name: 'Outreach' },
    ]);
  });

  it('asks an officer for force and collar number, a force lead for force, and sends only the fields the roles carry', () => {
    const p = { force: ' Hertfordshire Constabulary ', collarNumber: 'HT1', team: 'Response', email: '' };
    expect(profileProblems(['officer'], { force: '', collarNumber: ' ', team: null, email: null })).toEqual([
      'Enter the force.',
      'Enter the collar number.',
    ]);
    expect(profileProblems(['force-lead'], p)).toEqual([]);
    expect(policeProfileFor(['force-lead'], p)).toEqual({
      force: 'Hertfordshire Constabulary',
      collarNumber: null,
      team: null,
      email: null,
    });
    expect(policeProfileFor(['officer'], p)).toEqual({
      force: 'Hertfordshire Constabulary',
      collarNumber: 'HT1',
      team: 'Response',
      email: null,
    });
    expect(policeProfileFor(['caseworker'], p)).toEqual({ force: null, collarNumber: null, team: null, email: null });
  });
});
