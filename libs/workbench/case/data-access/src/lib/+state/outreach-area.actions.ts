import type { CaseSummary } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The Summary tab's outreach-area fact: a caseworker corrects where outreach is allocated. */
export const OutreachAreaActions = createActionGroup({
  source: 'Outreach Area Fact',
  events: {
    /** `area: null` = out of county (no team of this hub covers where the victim lives). */
    'Correction Submitted': props<{ caseId: string; area: string | null; reason: string; version: number }>(),
  },
});

export const OutreachAreaApiActions = createActionGroup({
  source: 'Outreach Area Api',
  events: {
    Corrected: props<{ summary: CaseSummary }>(),
    'Correction Failed': props<{ caseId: string; error: string }>(),
  },
});
