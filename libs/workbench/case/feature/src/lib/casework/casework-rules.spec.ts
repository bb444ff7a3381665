import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_TRANSITIONS, type CaseSummary } from '@lantern/shared/domain';
import { can } from '@lantern/shared/domain';
import { canGiveBack, claimState, describeCaseChanges, restrictionReachText, statusOptions, whyNotYours } from './casework-rules';

describe('statusOptions', () => {
  it.each(CASE_STATUSES.map((s) => [s]))('offers exactly the moves CASE_TRANSITIONS allows from %s', (from) => {
    expect(
      statusOptions(from)
        .map((o) => o.status)
        .sort(),
    ).toEqual([...CASE_TRANSITIONS[from]].sort());
  });

  it('labels moves, closures and reopening, closures last, and asks for a reason only for those', () => {
    expect(statusOptions('contacting')).toEqual([
      { status: 'assessment', label: 'Move to Assessment', kind: 'move', needsReason: false },
      { status: 'triage', label: 'Move to In triage', kind: 'move', needsReason: false },
      { status: 'unable-to-contact', label: 'Close: Unable to contact', kind: 'close', needsReason: true },
      { status: 'declined', label: 'Close: Declined', kind: 'close', needsReason: true },
      { status: 'closed', label: 'Close the case', kind: 'close', needsReason: true },
    ]);
    expect(statusOptions('closed')).toEqual([{ status: 'triage', label: 'Reopen (back to In triage)', kind: 'reopen', needsReason: true }]);
  });
});

describe('roles', () => {
  it('lets caseworkers and team leads work cases; only team leads assign', () => {
    // The case page reads the shared permission table; these are the facts its buttons rely on.
    expect(can(['caseworker'], 'case.work')).toBe(true);
    expect(can(['team-lead'], 'case.work')).toBe(true);
    expect(can(['auditor'], 'case.work')).toBe(false);
    expect(can(undefined, 'case.work')).toBe(false);
    expect(can(['team-lead'], 'case.assign')).toBe(true);
    expect(can(['caseworker'], 'case.assign')).toBe(false);
    expect(can(['team-lead'], 'contact.resume')).toBe(true);
    expect(can(['caseworker'], 'contact.resume')).toBe(false);
  });
});

describe('claimState', () => {
  const alex = { id: 'u-alex', displayName: 'Alex Morgan' };
  it.each([
    ['unassigned and open', { assignee: null, status: 'new' }, 'u-sam', true, { kind: 'claimable' }],
    ['mine', { assignee: { id: 'u-sam', displayName: 'Sam Carter' }, status: 'triage' }, 'u-sam', true, { kind: 'mine' }],
    ['someone else’s', { assignee: alex, status: 'triage' }, 'u-sam', true, { kind: 'claimed', by: 'Alex Morgan' }],
    ['closed', { assignee: null, status: 'closed' }, 'u-sam', true, { kind: 'closed' }],
    ['an auditor', { assignee: null, status: 'new' }, 'u-aud', false, { kind: 'read-only', by: null }],
  ] as const)('%s', (_name, c, user, canWork, expected) => {
    expect(claimState(c as Pick<CaseSummary, 'assignee' | 'status'>, user, canWork)).toEqual(expected);
  });
});

describe('whyNotYours', () => {
  const alex = { id: 'u-alex', displayName: 'Alex Morgan' };
  it('asks for a claim only where there is one to make; else says who holds the case or who may change it', () => {
    const none = { mayClaim: false, throughBrokenGlass: false };
    expect(whyNotYours({ assignee: null }, { ...none, mayClaim: true })).toBe(
      'Claim this case to work on it: only its assignee or a team lead can change it.',
    );
    // Handed on, or a colleague's case: no Claim button, so no "Claim this case".
    expect(whyNotYours({ assignee: alex }, { ...none, mayClaim: true })).toBe('Only Alex Morgan or a team lead can change this case.');
    expect(whyNotYours({ assignee: alex, restricted: true }, none)).toBe(
      'Only Alex Morgan or a team lead on its access list can change this case.',
    );
    expect(whyNotYours({ assignee: null, restricted: true }, none)).toBe(
      'Only a team lead on its access list, or whoever it is assigned to, can change this case.',
    );
    expect(whyNotYours({ assignee: alex, restricted: true }, { ...none, throughBrokenGlass: true })).toBe(
      'You broke the glass: reading only. Only its assignee or a team lead on its access list can change this restricted case.',
    );
  });
});

describe('canGiveBack', () => {
  const sam = { id: 'u-sam', displayName: 'Sam Carter' };
  const caseworker = { canWork: true, canAssign: false };
  const lead = { canWork: true, canAssign: true };
  it.each([
    ['the assignee', { assignee: sam, status: 'contacting' }, 'u-sam', caseworker, true],
    ['another caseworker', { assignee: sam, status: 'contacting' }, 'u-alex', caseworker, false],
    ['a team lead, for anyone', { assignee: sam, status: 'triage' }, 'u-lead', lead, true],
    ['nobody has it', { assignee: null, status: 'new' }, 'u-sam', lead, false],
    ['a closed case', { assignee: sam, status: 'closed' }, 'u-sam', caseworker, false],
    ['an auditor', { assignee: sam, status: 'triage' }, 'u-sam', { canWork: false, canAssign: false }, false],
  ] as const)('%s', (_n, c, userId, perms, expected) => {
    expect(canGiveBack(c, userId, perms)).toBe(expected);
  });
});

describe('describeCaseChanges', () => {
  const base = {
    id: 'c1',
    version: 3,
    status: 'contacting',
    revision: 1,
    assignee: null,
    risk: { grade: 'medium', marac: { required: false, reasons: [] } },
    flags: { contactPaused: false },
  } as unknown as CaseSummary;

  it('says what another user changed', () => {
    const after = {
      ...base,
      version: 5,
      status: 'assessment',
      revision: 2,
      assignee: { id: 'u1', displayName: 'Alex Morgan' },
      risk: { grade: 'high', marac: { required: true, reasons: ['visible-high-risk'] } },
      flags: { contactPaused: true },
    } as unknown as CaseSummary;
    expect(describeCaseChanges(base, after)).toEqual([
      'Status is now Assessment (was Contacting).',
      'Now assigned to Alex Morgan (was unassigned).',
      'Risk grade is now High (was Medium).',
      'A MARAC referral is now required.',
      'A new police report revision arrived (revision 2).',
      'Contact is now paused.',
    ]);
  });

  it('still says something when only the version moved', () => {
    expect(describeCaseChanges(base, { ...base, version: 4 })).toEqual([
      'Someone else changed the case (for example its safe-contact plan or contact attempts).',
    ]);
    expect(describeCaseChanges(base, base)).toEqual([]);
  });
});

describe('restrictionReachText', () => {
  it('lists what restricting a case reaches before the lead decides', () => {
    expect(restrictionReachText({ victim: ['HC/1', 'HC/2'], suspect: ['HC/3'] })).toBe(
      'Restricted with it (a restriction protects the people, not one incident): her other cases HC/1, HC/2 and the suspect’s case with other victims HC/3, except any already restricted (each keeps its own list) or lifted by a team lead.',
    );
    expect(restrictionReachText({ victim: [], suspect: [] })).toBe(
      'No other case of the victim’s or the suspect’s that you can see is reached.',
    );
    expect(restrictionReachText(undefined)).toBe('The victim’s and the suspect’s other cases at the hub are restricted with it.');
  });
});
