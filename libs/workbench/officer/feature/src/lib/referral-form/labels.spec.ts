import { OFFICER_REFERRAL_STATUSES, RISK_GRADES } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { CONSENT_SCRIPT } from './consent-script';
import { ANSWER_LABELS, GRADE_LABELS, STATUS_LABELS, TOOL_LABELS } from './labels';

describe('officer app labels', () => {
  it('names every referral status the API can answer, and "received" as the officer is told it', () => {
    for (const s of OFFICER_REFERRAL_STATUSES) expect(STATUS_LABELS[s]).toBeTruthy();
    expect(STATUS_LABELS.received).toBe('Received by the hub');
  });

  it('names every grade and tool, and every answer including "not answered"', () => {
    for (const g of RISK_GRADES) expect(GRADE_LABELS[g]).toBeTruthy();
    expect(Object.keys(TOOL_LABELS).sort()).toEqual(['dara', 'dash', 'judgement']);
    expect(ANSWER_LABELS['']).toBe('Not answered');
  });

  it('reads out two separate consent questions, each a question', () => {
    expect(CONSENT_SCRIPT.supportReferral).toMatch(/contact you.*\?$/);
    expect(CONSENT_SCRIPT.informationSharing).toMatch(/share your details with partner agencies.*\?$/);
  });
});
