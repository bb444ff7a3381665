import { describe, expect, it } from 'vitest';
import type { CaseHistoryEntry } from '@lantern/shared/domain';
import { describeHistoryEntry, historyByDay, namesFromHistory } from './history';

const sam = { type: 'user' as const, id: 'u-sam', displayName: 'Sam Carter' };
const lead = { type: 'user' as const, id: 'u-lead', displayName: 'Jordan Ellis' };

function entry(id: number, at: string, action: string, details: Record<string, unknown> = {}, actor = sam): CaseHistoryEntry {
  return { id: String(id), at, action, actor, details };
}

describe('describeHistoryEntry', () => {
  it.each([
    [
      entry(1, '2026-11-23T14:02:00Z', 'case.status-changed', { from: 'triage', to: 'contacting' }),
      'Sam Carter changed status In triage → Contacting',
      'change',
    ],
    [
      entry(2, '2026-11-23T14:02:00Z', 'case.status-changed', { from: 'contacting', to: 'closed', reason: true }),
      'Sam Carter changed status Contacting → Closed (with a reason)',
      'change',
    ],
    [entry(3, '2026-11-23T14:03:00Z', 'case.claimed'), 'Sam Carter claimed the case', 'change'],
    [
      entry(4, '2026-11-23T14:04:00Z', 'contact.override', { rules: ['outside-safe-window'] }),
      'Sam Carter overrode the safe-contact rules: Outside the safe times',
      'override',
    ],
    [
      entry(5, '2026-11-23T14:04:00Z', 'contact.attempted', { channel: 'call', outcome: 'no-answer' }),
      'Sam Carter recorded a contact attempt: Phone call, no answer',
      'change',
    ],
    [entry(6, '2026-11-23T14:05:00Z', 'case.read'), 'Sam Carter opened the case', 'read'],
    [
      entry(64, '2026-11-23T14:05:00Z', 'case.pushed', { seq: 9, version: 3, recipients: ['u-sam', 'u-lead'], removedFrom: [] }, {
        type: 'system',
        id: null,
        displayName: 'Lantern',
      } as never),
      'Shown live to 2 users',
      'read',
    ],
    [
      entry(
        62,
        '2026-11-23T14:05:00Z',
        'referral.document',
        { caseId: 'c1', partnerId: 'idva' },
        { type: 'user', id: 'u-p', displayName: 'Pat Idva' },
      ),
      'Pat Idva downloaded the referral document',
      'read',
    ],
    [
      entry(63, '2026-11-23T14:05:00Z', 'referral.withdrawn', { caseId: 'c1' }, { type: 'system', id: null, displayName: null } as never),
      "Lantern withdrew a referral's details from the partner (the victim's consent changed)",
      'change',
    ],
    [
      entry(61, '2026-11-23T14:05:00Z', 'case.consent-recorded', { question: 'contact', value: 'given', method: 'phone' }),
      'Sam Carter recorded consent to contact from support services: given (by phone)',
      'change',
    ],
    [
      entry(62, '2026-11-23T14:05:00Z', 'case.consent-recorded', {
        question: 'sharing',
        value: 'withdrawn',
        method: 'written',
        sharedDataWithdrawn: 2,
      }),
      'Sam Carter recorded consent to sharing their details: withdrawn (in writing); withdrawn from 2 referrals',
      'change',
    ],
    [
      entry(
        64,
        '2026-11-23T14:07:00Z',
        'case.risk-agreed-with-police',
        { from: 'high', to: 'medium', reason: 'Agreed with the OIC' },
        lead,
      ),
      'Jordan Ellis agreed with police: risk High → Medium (“Agreed with the OIC”)',
      'change',
    ],
    [
      entry(63, '2026-11-23T14:06:00Z', 'case.safeguarding-basis-recorded', { ground: 'marac-protocol' }, lead),
      'Jordan Ellis recorded a lawful basis for sharing without consent (marac-protocol)',
      'change',
    ],
    [
      entry(30, '2026-11-23T14:06:00Z', 'callback.cancelled', { callbackIds: ['a', 'b'], because: 'contact-consent', value: 'withdrawn' }),
      'Cancelled 2 call-backs: the victim said no to contact',
      'alert',
    ],
    [
      entry(31, '2026-11-23T14:06:00Z', 'callback.cancelled', { callbackIds: ['a'], because: 'cancelled', reason: true }),
      'Sam Carter cancelled a call-back',
      'change',
    ],
    [entry(32, '2026-11-23T14:06:00Z', 'case.released', { from: 'u1' }), 'Sam Carter gave the case back to the queue', 'change'],
    [
      entry(20, '2026-11-23T14:06:00Z', 'case.safe-times-confirmed', { timeRule: 'windows', windows: 1, fromSuggestion: true }),
      'Sam Carter confirmed the safe times: the suggested times (1 window)',
      'change',
    ],
    [
      entry(21, '2026-11-23T14:06:00Z', 'case.safe-times-confirmed', { timeRule: 'windows', windows: 2, fromSuggestion: false }),
      'Sam Carter confirmed the safe times: 2 windows',
      'change',
    ],
    [
      entry(22, '2026-11-23T14:06:00Z', 'case.safe-times-confirmed', { timeRule: 'any', windows: 0, fromSuggestion: false }),
      'Sam Carter confirmed the safe times: any time',
      'change',
    ],
    [
      entry(41, '2026-11-23T14:07:00Z', 'case.marac-referred', { referralId: 'r1', perpetratorKnown: true }),
      'Sam Carter recorded a MARAC referral',
      'change',
    ],
    [
      entry(42, '2026-11-23T14:07:00Z', 'case.closing-override', {
        overrideId: 'o1',
        to: 'declined',
        rules: ['marac-referral-required'],
        reason: 'MARAC coordinator agreed',
      }),
      'Sam Carter (team lead) closed the case past the closing rules: no MARAC referral recorded. Reason: MARAC coordinator agreed',
      'override',
    ],
    [
      entry(43, '2026-11-23T14:08:00Z', 'case.closing-override', {
        overrideId: 'o2',
        to: 'closed',
        rules: ['childrens-services-decision-required'],
        reason: 'Family moved to another county; their hub has the case',
      }),
      "Sam Carter (team lead) closed the case past the closing rules: no children's services decision for the children in the household. Reason: Family moved to another county; their hub has the case",
      'override',
    ],
    [
      entry(23, '2026-11-23T14:07:00Z', 'contact.override', { rules: ['safe-times-unconfirmed'] }),
      'Sam Carter overrode the safe-contact rules: Safe times not confirmed',
      'override',
    ],
    [
      entry(7, '2026-11-23T14:05:00Z', 'case.sla-breached', {}, { type: 'system', id: null, displayName: 'Lantern' } as never),
      'The SLA was breached',
      'alert',
    ],
    [
      entry(8, '2026-11-23T14:05:00Z', 'report.created', { revision: 1 }, {
        type: 'feed',
        id: 'f1',
        displayName: 'Demo police feed',
      } as never),
      'Police report received (revision 1) from Demo police feed',
      'change',
    ],
    [entry(9, '2026-11-23T14:05:00Z', 'something.new'), 'Sam Carter: something new', 'change'],
    [
      entry(10, '2026-11-23T14:05:00Z', 'callback.scheduled', { dueAt: '2026-11-26T10:00:00Z' }),
      'Sam Carter scheduled a call-back for Thu 26 Nov 2026, 10:00',
      'change',
    ],
    [entry(11, '2026-11-23T14:05:00Z', 'case.needs-saved', { version: 2 }), 'Sam Carter saved the needs assessment (version 2)', 'change'],
    [entry(12, '2026-11-23T14:05:00Z', 'case.safety-plan-read'), 'Sam Carter read the safety plan', 'read'],
    [
      entry(13, '2026-11-23T14:05:00Z', 'case.consent-recorded', {
        question: 'contact',
        value: 'withdrawn',
        method: 'phone',
        fromCaseId: null,
      }),
      'Sam Carter recorded consent to contact from support services: withdrawn (by phone), said on another case of the victim',
      'change',
    ],
    [
      entry(
        15,
        '2026-11-23T14:05:00Z',
        'case.consent-recorded',
        { question: 'contact', value: 'refused', method: 'police-report', fromCaseId: 'c2' },
        { type: 'feed', id: 'f1', displayName: null } as never,
      ),
      "A police report on another of the victim's cases says they refused contact from support services: recorded here too",
      'alert',
    ],
    [
      entry(
        16,
        '2026-11-23T14:05:00Z',
        'case.consent-recorded',
        { question: 'sharing', value: 'refused', method: 'police-report', fromCaseId: 'c2', sharedDataWithdrawn: 1 },
        { type: 'feed', id: 'f1', displayName: null } as never,
      ),
      "A police report on another of the victim's cases says they refused sharing their details: recorded here too; withdrawn from 1 referral",
      'alert',
    ],
    [
      entry(14, '2026-11-23T14:05:00Z', 'case.safeguarding-basis-cleared', { ground: 'marac-protocol', because: 'sharing-refused' }),
      'The lawful basis for sharing without consent (marac-protocol) ended: the victim said no to sharing (a team lead records one again if sharing is still necessary)',
      'alert',
    ],
    [
      entry(15, '2026-11-23T14:06:00Z', 'case.childrens-services-decision', {
        decision: 'police-notified',
        reasonId: 'r-1',
        reason: 'Police child concern notice PN/2026/0001 sent to the front door',
      }),
      "Sam Carter recorded the children's services decision: the police have notified children’s services (“Police child concern notice PN/2026/0001 sent to the front door”)",
      'change',
    ],
    [
      entry(16, '2026-11-23T14:07:00Z', 'case.victim-changed', { revision: 2, firstContactClockAgain: true }),
      'A police revision (2) names another victim: what the hub recorded for the earlier person no longer counts; her first-contact clock runs again from now',
      'alert',
    ],
    [
      entry(17, '2026-11-23T14:08:00Z', 'case.victim-changed', { revision: 3, firstContactClockAgain: false }),
      'A police revision (3) names another victim: what the hub recorded for the earlier person no longer counts',
      'alert',
    ],
    [
      entry(18, '2026-11-23T14:09:00Z', 'case.restricted', { source: 'team-lead', accessList: ['u-sam'] }),
      'Sam Carter restricted the case to themselves',
      'change',
    ],
    [
      entry(19, '2026-11-23T14:10:00Z', 'case.restricted', { source: 'team-lead', accessList: ['u9'], follows: 'c2', removed: ['u7'] }),
      'Sam Carter took another user off the list (a change to another case of the victim’s or the suspect’s)',
      'change',
    ],
    [entry(20, '2026-11-23T14:11:00Z', 'case.unrestricted', {}), 'Sam Carter lifted the restriction', 'change'],
    [
      entry(24, '2026-11-23T14:15:00Z', 'case.access-refused', {
        kind: 'read',
        reason: 'hidden',
        method: 'GET',
        route: '/api/v1/cases/:id',
      }),
      'Sam Carter was refused sight of the case (not on its access list)',
      'read',
    ],
    [
      entry(25, '2026-11-23T14:16:00Z', 'socket.refused', { event: 'presence.open', reason: 'hidden' }),
      'Sam Carter was refused the case’s live updates (not on its access list)',
      'read',
    ],
    [
      entry(26, '2026-11-23T14:17:00Z', 'case.restricted', { source: 'team-lead', accessList: ['u-sam', 'u9', 'u8'] }),
      'Sam Carter restricted the case to themselves, another user and another user',
      'change',
    ],
    [
      entry(23, '2026-11-23T14:14:00Z', 'case.break-glass', { grantId: 'g1', expiresAt: '2026-11-23T15:14:00.000Z', minutes: 60 }),
      'Sam Carter broke the glass: sight of this restricted case for 60 minutes, until Mon 23 Nov 2026, 15:14',
      'alert',
    ],
    [
      entry(21, '2026-11-23T14:12:00Z', 'safety-notice.dismissed', {
        key: 'victim-changed|c1|2',
        kind: 'victim-changed-by-police',
        revision: 2,
      }),
      'Sam Carter dismissed the notice that police revision 2 names another victim',
      'read',
    ],
    [
      entry(22, '2026-11-23T14:13:00Z', 'safety-notice.dismissed', { key: 'risk-raised|c1|3', kind: 'risk-raised-by-police', revision: 3 }),
      'Sam Carter dismissed the notice that police revision 3 raised the risk',
      'read',
    ],
  ])('%#: %s', (e, text, kind) => {
    expect(describeHistoryEntry(e)).toMatchObject({ text, kind });
  });

  it('names the assignee from what it knows', () => {
    const entries = [
      entry(1, '2026-11-23T10:00:00Z', 'case.claimed'),
      entry(2, '2026-11-23T11:00:00Z', 'case.assigned', { from: 'u-sam', to: 'u-sam' }, lead),
      entry(3, '2026-11-23T11:01:00Z', 'case.assigned', { from: 'u-sam', to: 'u-lead' }, lead),
      entry(4, '2026-11-23T11:02:00Z', 'case.assigned', { from: 'u-lead', to: null }, lead),
      entry(5, '2026-11-23T11:03:00Z', 'case.assigned', { from: null, to: 'u-x' }, lead),
    ];
    const names = namesFromHistory(entries);
    expect(entries.slice(1).map((e) => describeHistoryEntry(e, names).text)).toEqual([
      'Jordan Ellis assigned the case to Sam Carter',
      'Jordan Ellis assigned the case to themselves',
      'Jordan Ellis unassigned the case',
      'Jordan Ellis assigned the case to another user',
    ]);
  });
});

describe('historyByDay', () => {
  const entries = [
    entry(1, '2026-11-22T23:30:00Z', 'case.claimed'),
    entry(2, '2026-11-23T09:15:00Z', 'case.read'),
    entry(3, '2026-11-23T14:02:00Z', 'case.status-changed', { from: 'triage', to: 'contacting' }),
  ];

  it('puts the newest first, groups by London day and leaves reads out unless asked', () => {
    expect(historyByDay(entries, { includeReads: false })).toEqual([
      {
        day: 'Monday 23 November 2026',
        lines: [expect.objectContaining({ time: '14:02', text: 'Sam Carter changed status In triage → Contacting' })],
      },
      { day: 'Sunday 22 November 2026', lines: [expect.objectContaining({ time: '23:30', text: 'Sam Carter claimed the case' })] },
    ]);
    expect(historyByDay(entries, { includeReads: true })[0].lines.map((l) => l.time)).toEqual(['14:02', '09:15']);
  });
});
