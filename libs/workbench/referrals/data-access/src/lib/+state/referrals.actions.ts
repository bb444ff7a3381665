import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { CreateReferralRequest } from '@lantern/shared/domain';
import type { ReferralOption } from '@lantern/shared/domain';
import type { Referral } from '../referrals-api.service';
import type { LawfulBasis, SafeguardingBasis } from '@lantern/shared/domain';
import type { CaseworkProblem } from '@lantern/workbench/auth/data-access';

export const ReferralsApiActions = createActionGroup({
  source: 'Referrals Api',
  events: {
    'Options Loaded': props<{ caseId: string; options: ReferralOption[] }>(),
    'Options Load Failed': props<{ caseId: string; error: string }>(),
    'Referrals Loaded': props<{ caseId: string; referrals: Referral[] }>(),
    /** `unavailable`: 404, the hub's API does not offer referrals yet. */
    'Referrals Load Failed': props<{
      caseId: string;
      error: string;
      unavailable: boolean;
    }>(),
    'Referral Sent': props<{ caseId: string; referral: Referral }>(),
    /** 422 not-eligible / consent-required, with the reasons when the API gave them. */
    'Lifecycle Done': props<{ caseId: string; referral: Referral }>(),
    'Lifecycle Failed': props<{ caseId: string; referralId: string; error: string }>(),
    'Safeguarding Basis Recorded': props<{ caseId: string; basis: SafeguardingBasis }>(),
    'Lawful Bases Loaded': props<{ bases: LawfulBasis[] }>(),
    'Lawful Bases Load Failed': props<{ error: string }>(),
    'Safeguarding Basis Failed': props<{ caseId: string } & CaseworkProblem>(),
    'Referral Refused': props<{ caseId: string; reasons: string[] } & CaseworkProblem>(),
  },
});

export const ReferralFormActions = createActionGroup({
  source: 'Referral Form',
  events: {
    Submitted: props<{ caseId: string; request: CreateReferralRequest }>(),
    'Form Opened': emptyProps(),
    /** A team lead records why details may be shared without consent: `ground` is a lawful basis's code. */
    'Safeguarding Basis Submitted': props<{
      caseId: string;
      ground: string;
      reason: string;
    }>(),
    /** Hub steps on a referral made: close (after an outcome or a decline) or revoke (team lead, with a reason). */
    'Lifecycle Submitted': props<{
      caseId: string;
      referralId: string;
      action: 'close' | 'revoke';
      reason?: string;
    }>(),
  },
});
