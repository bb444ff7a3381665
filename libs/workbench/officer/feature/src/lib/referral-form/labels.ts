import type { OfficerReferralStatus, RiskGrade, RiskTool } from '@lantern/shared/domain';

export const TOOL_LABELS: Record<RiskTool, string> = {
  dash: 'DASH checklist (27 questions)',
  dara: 'DARA grade',
  judgement: "Officer's judgement",
};

export const GRADE_LABELS: Record<RiskGrade, string> = { standard: 'Standard', medium: 'Medium', high: 'High' };

export const STATUS_LABELS: Record<OfficerReferralStatus, string> = {
  received: 'Received by the hub',
  contacted: 'Victim contacted',
  'referred-on': 'Referred on to support',
  closed: 'Closed',
};

export const ANSWER_LABELS: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  'not-known': 'Not known',
  given: 'Given',
  refused: 'Refused',
  '': 'Not answered',
};
