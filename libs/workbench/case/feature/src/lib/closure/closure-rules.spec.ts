import { CLOSURE_REASONS_BY_STATUS } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import {
  CLOSING_BLOCKER_CODES,
  closureReasonOptions,
  defaultClosureReason,
  EMPTY_SURVEY,
  isClosingStatus,
  surveyErrors,
  surveyRequest,
  visibleClosingBlockers,
} from './closure-rules';

describe('closure reasons', () => {
  it.each(Object.keys(CLOSURE_REASONS_BY_STATUS) as Array<keyof typeof CLOSURE_REASONS_BY_STATUS>)(
    'offers exactly the reasons the API allows for %s',
    (status) => {
      expect(
        closureReasonOptions(status)
          .map((o) => o.value)
          .sort(),
      ).toEqual([...CLOSURE_REASONS_BY_STATUS[status]].sort());
    },
  );
  it('words them plainly, "Other reason" last', () => {
    expect(closureReasonOptions('closed').map((o) => o.label)).toEqual([
      'Support completed',
      'Referred on to another service',
      'No further action needed',
      'Duplicate of another case',
      'Other reason',
    ]);
  });
  it('chooses the only reason for itself, and makes the user choose otherwise', () => {
    expect(defaultClosureReason('unable-to-contact')).toBe('unable-to-contact');
    expect(defaultClosureReason('declined')).toBe('victim-declined');
    expect(defaultClosureReason('closed')).toBeNull();
  });
  it('knows the closing statuses', () => {
    expect(['closed', 'declined', 'unable-to-contact', 'support', 'triage'].map((s) => isClosingStatus(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('the satisfaction survey', () => {
  it('needs a score and the felt-safer answer', () => {
    expect(surveyErrors(EMPTY_SURVEY)).toEqual({
      score: 'Choose the score the victim gave, from 1 to 5.',
      feltSafer: 'Choose whether the victim feels safer.',
    });
    expect(surveyErrors({ ...EMPTY_SURVEY, score: 3, feltSafer: 'unsure' })).toEqual({});
  });
  it('keeps the comment short', () => {
    expect(surveyErrors({ ...EMPTY_SURVEY, score: 3, feltSafer: 'yes', comment: 'x'.repeat(1001) }).comment).toMatch(/1000 characters/);
  });
  it('sends would-recommend as true, false or null, and a trimmed comment only when there is one', () => {
    expect(surveyRequest({ score: 4, feltSafer: 'yes', recommend: 'yes', comment: '  Felt listened to ' })).toEqual({
      score: 4,
      feltSafer: 'yes',
      wouldRecommend: true,
      comment: 'Felt listened to',
    });
    expect(surveyRequest({ score: 2, feltSafer: 'no', recommend: 'no', comment: ' ' })).toEqual({
      score: 2,
      feltSafer: 'no',
      wouldRecommend: false,
    });
    expect(surveyRequest({ score: 5, feltSafer: 'unsure', recommend: 'not-asked', comment: '' })).toEqual({
      score: 5,
      feltSafer: 'unsure',
      wouldRecommend: null,
    });
  });
});

describe('visibleClosingBlockers (no quiet closing, as the dialog sees it)', () => {
  const risk = (grade: 'high' | 'medium' | null, required: boolean) => ({
    grade,
    score: null,
    source: 'officer' as const,
    officerTool: 'judgement',
    policeGrade: grade,
    policeScore: null,
    agreedWithPolice: null,
    marac: { required, reasons: [] },
  });
  const referral = {
    id: 'r',
    caseId: 'c',
    referredAt: '',
    maracArea: 'x',
    perpetratorPersonId: null,
    note: null,
    referredBy: { id: 'u', displayName: 'U' },
    grade: null,
    maracReasons: [],
  };
  it.each([
    ['high, no referral', risk('high', false), [], 'closed', ['marac-referral-required']],
    ['MARAC, no referral', risk('medium', true), [], 'declined', ['marac-referral-required']],
    ['high, referred', risk('high', true), [referral], 'closed', []],
    ['medium, no MARAC', risk('medium', false), [], 'closed', []],
    // Contact-attempt days are the API's to count: the dialog never guesses them.
    ['high, referred, unable to contact', risk('high', true), [referral], 'unable-to-contact', []],
  ] as const)('%s', (_n, r, referrals, status, codes) => {
    expect(visibleClosingBlockers(status, { risk: r, maracReferrals: [...referrals] }).map((b) => b.code)).toEqual(codes);
  });

  it('does not count a MARAC referral made before a police revision named another victim (she needs her own)', () => {
    const made = { ...referral, referredAt: '2026-12-01T10:00:00.000Z' };
    const detail = { risk: risk('high', true), maracReferrals: [made] };
    expect(visibleClosingBlockers('closed', { ...detail, victimChangedAt: '2026-12-02T09:00:00.000Z' }).map((b) => b.code)).toEqual([
      'marac-referral-required',
    ]);
    expect(visibleClosingBlockers('closed', { ...detail, victimChangedAt: '2026-11-30T09:00:00.000Z' })).toEqual([]);
    expect(visibleClosingBlockers('closed', { ...detail, victimChangedAt: null })).toEqual([]);
  });
  it("sees the children's services rules from the case's own state, and guesses nothing without it", () => {
    const decision = {
      decision: 'already-involved' as const,
      reason: 'Allocated social worker',
      at: '',
      by: { id: 'u', displayName: 'U' },
    };
    const medium = { risk: risk('medium', false), maracReferrals: [] };
    const open = {
      childrenToSafeguard: true,
      reasons: ['children live in the household'],
      referralRequired: null,
      referred: false,
      decision: null,
      decisionInForce: false,
    };
    const codes = (d: Parameters<typeof visibleClosingBlockers>[1]) => visibleClosingBlockers('closed', d).map((b) => b.code);
    expect(codes({ ...medium, childrensServices: open })).toEqual(['childrens-services-decision-required']);
    expect(codes({ ...medium, childrensServices: { ...open, decision, decisionInForce: true } })).toEqual([]);
    // A decision made before a new police revision or a reopening is spent.
    expect(codes({ ...medium, childrensServices: { ...open, decision, decisionInForce: false } })).toEqual([
      'childrens-services-decision-required',
    ]);
    expect(codes({ ...medium, childrensServices: { ...open, referred: true } })).toEqual([]);
    expect(codes({ ...medium, childrensServices: { ...open, childrenToSafeguard: false, reasons: [] } })).toEqual([]);
    // Harm to the children: a referral, whatever was decided.
    const harm = { ...open, referralRequired: 'harm-to-children' as const, decision, decisionInForce: true };
    expect(codes({ ...medium, childrensServices: harm })).toEqual(['childrens-services-referral-required']);
    expect(codes({ ...medium, childrensServices: { ...harm, referred: true } })).toEqual([]);
    // A child victim: her own referral, seen from the same state.
    const child = { ...medium, flags: { victimUnder18: true, victimUnder16: false } as never };
    expect(codes({ ...child, childrensServices: { ...open, childrenToSafeguard: false, reasons: [] } })).toEqual([
      'childrens-services-referral-required',
    ]);
    expect(codes(child)).toEqual([]);
    expect(CLOSING_BLOCKER_CODES).toContain('childrens-services-decision-required');
  });
  it('offers "returned to referrer" when closing as unable to contact', () => {
    expect(closureReasonOptions('unable-to-contact').map((o) => o.value)).toEqual(['unable-to-contact', 'returned-to-referrer']);
  });
});
