import { describe, expect, it } from 'vitest';
import { NO_POLICE_PROFILE, officerReferralStatus, policeProfileProblems, type PoliceProfile } from './officer';

const officer: PoliceProfile = { force: 'Hertfordshire Constabulary', collarNumber: 'HT4821', team: 'Response', email: 'a@police.example' };

describe('policeProfileProblems', () => {
  it.each([
    ['officer, complete', ['officer'], officer, []],
    ['officer without team or email', ['officer'], { ...officer, team: null, email: null }, []],
    ['officer without force', ['officer'], { ...officer, force: null }, ['/force']],
    ['officer with blank collar number', ['officer'], { ...officer, collarNumber: '  ' }, ['/collarNumber']],
    ['officer with nothing', ['officer'], NO_POLICE_PROFILE, ['/force', '/collarNumber']],
    ['force lead with a force', ['force-lead'], { ...NO_POLICE_PROFILE, force: 'Hertfordshire Constabulary' }, []],
    ['force lead without a force', ['force-lead'], NO_POLICE_PROFILE, ['/force']],
    ['force lead with a collar number', ['force-lead'], { ...NO_POLICE_PROFILE, force: 'X Police', collarNumber: 'A1' }, ['/collarNumber']],
    ['caseworker with none', ['caseworker'], NO_POLICE_PROFILE, []],
    ['caseworker with a force', ['caseworker'], { ...NO_POLICE_PROFILE, force: 'X Police' }, ['/force']],
    ['admin with an officer profile', ['admin'], officer, ['/force', '/email', '/collarNumber', '/team']],
    ['officer and force lead', ['officer', 'force-lead'], officer, []],
  ] as const)('%s', (_name, roles, profile, paths) => {
    expect(policeProfileProblems(roles, profile).map((e) => e.path)).toEqual(paths);
  });
});

describe('officerReferralStatus', () => {
  const receivedAt = '2026-11-02T10:00:00.000Z';
  const base = { receivedAt, caseStatus: 'new', closedAt: null, contactedAt: null, referredAt: null };
  it.each([
    ['nothing yet', {}, 'received', receivedAt],
    ['claimed and being contacted, not reached', { caseStatus: 'contacting' }, 'received', receivedAt],
    ['reached safely', { caseStatus: 'contacting', contactedAt: '2026-11-02T12:00:00.000Z' }, 'contacted', '2026-11-02T12:00:00.000Z'],
    ['contact recorded as made before receipt', { contactedAt: '2026-11-02T09:00:00.000Z' }, 'contacted', receivedAt],
    [
      'referred on after contact',
      { caseStatus: 'support', contactedAt: '2026-11-02T12:00:00.000Z', referredAt: '2026-11-03T09:00:00.000Z' },
      'referred-on',
      '2026-11-03T09:00:00.000Z',
    ],
    [
      'closed after a referral',
      { caseStatus: 'closed', closedAt: '2026-11-09T09:00:00.000Z', referredAt: '2026-11-03T09:00:00.000Z' },
      'closed',
      '2026-11-09T09:00:00.000Z',
    ],
    [
      'unable to contact is closed',
      { caseStatus: 'unable-to-contact', closedAt: '2026-11-05T09:00:00.000Z' },
      'closed',
      '2026-11-05T09:00:00.000Z',
    ],
    ['declined is closed', { caseStatus: 'declined', closedAt: '2026-11-05T09:00:00.000Z' }, 'closed', '2026-11-05T09:00:00.000Z'],
    [
      'reopened is not closed',
      { caseStatus: 'support', closedAt: '2026-11-05T09:00:00.000Z', contactedAt: '2026-11-04T09:00:00.000Z' },
      'contacted',
      '2026-11-04T09:00:00.000Z',
    ],
  ] as const)('%s', (_name, facts, status, statusAt) => {
    expect(officerReferralStatus({ ...base, ...facts })).toEqual({ status, statusAt });
  });
});
