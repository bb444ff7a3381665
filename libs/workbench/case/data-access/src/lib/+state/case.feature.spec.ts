import { describe, expect, it } from 'vitest';
import { effectiveConsent, type CaseDetail, type CaseSummary, type ReportRevision } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { changesOpenCase } from './case.effects';
import { caseFeature, initialCaseState, OWN_CHANGE } from './case.feature';
import { CaseworkApiActions } from './casework.actions';
import { LiveSocketActions } from '@lantern/workbench/data-access-live';
import { CaseApiActions, CasePageActions } from '@lantern/workbench/data-access-hub';
import { RiskAssessmentActions } from './case.actions';

const reduce = caseFeature.reducer;

function detail(id: string, version: number, revisions = [1]): CaseDetail {
  const reports: ReportRevision[] = [...revisions]
    .sort((a, b) => b - a)
    .map((revision) => ({
      id: `${id}-r${revision}`,
      revision,
      receivedAt: '2026-11-23T09:00:00Z',
      report: createReport({ revision }),
    }));
  const summary = { id, version } as Pick<CaseSummary, 'id' | 'version'>;
  return {
    ...(summary as CaseSummary),
    reports,
    linkedCases: [],
    suspectLinkedCases: [],
    riskAssessments: [],
    dashPrefill: {},
    dashPrefillSources: {},
    safeguardingBasis: null,
    consent: effectiveConsent(
      reports.map((r) => ({ consent: r.report.consent, receivedAt: r.receivedAt })),
      [],
    ),
    maracContext: {
      incidentAt: '2026-11-23T08:00:00Z',
      previousIncidents12Months: 0,
      linkedIncidentsAt: [],
      lastMaracReferralAt: null,
    },
    maracReferrals: [],
    childrenNote: null,
    ages: { victim: null, suspect: null },
    youngPeoplesDash: false,
    victimChangedAt: null,
    victimChangedRevision: null,
    childrensServices: {
      childrenToSafeguard: false,
      reasons: [],
      referralRequired: null,
      referred: false,
      decision: null,
      decisionInForce: false,
    },
  };
}

describe('case reducer', () => {
  it('ignores an answer for a case that is no longer open', () => {
    let state = reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' }));
    state = reduce(state, CasePageActions.opened({ caseId: 'b' }));
    state = reduce(state, CaseApiActions.caseLoaded({ detail: detail('a', 1) }));
    expect(state).toMatchObject({
      caseId: 'b',
      detail: null,
      status: 'loading',
    });
  });

  it('refreshes only to a newer version and remembers it for an announcement', () => {
    let state = reduce(
      reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' })),
      CaseApiActions.caseLoaded({ detail: detail('a', 2) }),
    );
    expect(reduce(state, CaseApiActions.caseRefreshed({ detail: detail('a', 2) }))).toBe(state);
    // Someone's change (by: null, unknown: a refusal because the case had moved on) is announced.
    state = reduce(state, CaseApiActions.caseRefreshed({ detail: detail('a', 3, [1, 2]), by: null }));
    expect(state).toMatchObject({ refreshedToVersion: 3 });
    expect(state.detail?.version).toBe(3);
  });

  it('drops the open case when it is restricted off this user’s list (case.removed), and ignores other cases', () => {
    const state = reduce(
      reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' })),
      CaseApiActions.caseLoaded({ detail: detail('a', 2) }),
    );
    expect(reduce(state, LiveSocketActions.caseRemoved({ event: { caseId: 'b' } }))).toBe(state);
    expect(reduce(state, LiveSocketActions.caseRemoved({ event: { caseId: 'a' } }))).toMatchObject({
      detail: null,
      status: 'error',
      notFound: true,
      error: 'There is no case with this link.',
    });
  });

  it('shows the newest revision unless the reader picked another', () => {
    let state = reduce(
      reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' })),
      CaseApiActions.caseLoaded({ detail: detail('a', 2, [1, 2]) }),
    );
    const shown = () => caseFeature.selectShownRevision.projector(state.detail, state.selectedRevision)?.revision;
    expect(shown()).toBe(2);
    state = reduce(state, CasePageActions.revisionSelected({ revision: 1 }));
    expect(shown()).toBe(1);
    state = reduce(state, CasePageActions.revisionSelected({ revision: 2 }));
    expect(state.selectedRevision).toBeNull();
  });

  it('records a 404 as not found', () => {
    let state = reduce(initialCaseState, CasePageActions.opened({ caseId: 'x' }));
    state = reduce(
      state,
      CaseApiActions.caseLoadFailed({
        caseId: 'x',
        error: 'There is no case with this link.',
        notFound: true,
      }),
    );
    expect(state).toMatchObject({ status: 'error', notFound: true });
  });
});

describe('case reducer: saving a risk assessment', () => {
  const opened = () =>
    reduce(reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' })), CaseApiActions.caseLoaded({ detail: detail('a', 1) }));
  const request = { answers: { q1: 'yes' as const } };
  const result = {
    id: 'ra1',
    score: 14,
    scoreGrade: 'high' as const,
    grade: 'high' as const,
    marac: { required: true, reasons: ['visible-high-risk' as const] },
  };

  it('is saving, then saved, and clears the confirmation when the form is edited', () => {
    let state = reduce(opened(), RiskAssessmentActions.submitted({ caseId: 'a', version: 1, request }));
    expect(state.assessment).toMatchObject({ saving: true, error: null });
    state = reduce(state, RiskAssessmentActions.saved({ caseId: 'a', result }));
    expect(state.assessment).toMatchObject({ saving: false, saved: result });
    state = reduce(state, RiskAssessmentActions.formEdited());
    expect(state.assessment.saved).toBeNull();
  });

  it('keeps the API’s reasons for a refusal', () => {
    const state = reduce(
      reduce(opened(), RiskAssessmentActions.submitted({ caseId: 'a', version: 1, request })),
      RiskAssessmentActions.saveFailed({
        caseId: 'a',
        error: 'Judgement may only raise',
        code: 'judgement-lowers-grade',
        fieldErrors: [{ path: '/judgement/grade', message: 'lowers' }],
      }),
    );
    expect(state.assessment).toMatchObject({
      saving: false,
      code: 'judgement-lowers-grade',
      fieldErrors: [{ path: '/judgement/grade', message: 'lowers' }],
    });
  });

  it('ignores answers about another case', () => {
    const state = opened();
    expect(reduce(state, RiskAssessmentActions.saved({ caseId: 'other', result }))).toBe(state);
  });
});

describe('case reducer: live head of the page', () => {
  const loaded = () =>
    reduce(reduce(initialCaseState, CasePageActions.opened({ caseId: 'a' })), CaseApiActions.caseLoaded({ detail: detail('a', 2) }));
  const summary = (version: number, over: Partial<CaseSummary> = {}) =>
    ({
      id: 'a',
      version,
      status: 'triage',
      assignee: { id: 'u-alex', displayName: 'Alex Morgan' },
      ...over,
    }) as CaseSummary;
  const event = (version: number) =>
    LiveSocketActions.caseChanged({
      event: {
        seq: 10 + version,
        caseId: 'a',
        version,
        change: 'updated',
        case: summary(version),
      },
    });

  it('shows a newer summary at once (someone claimed it) and still reads the rest again', () => {
    const state = reduce(loaded(), event(3));
    expect(state.detail?.assignee?.displayName).toBe('Alex Morgan');
    expect(state.detail?.version).toBe(3);
    expect(state.detail?.reports.length).toBe(1);
    // The effect compares with the last full read, so the detail is fetched.
    expect(changesOpenCase(event(3), state)).toBe(true);
    // That read (same version as the summary) is taken.
    const refreshed = reduce(state, CaseApiActions.caseRefreshed({ detail: detail('a', 3, [1, 2]) }));
    expect(refreshed.detail?.reports.length).toBe(2);
    expect(refreshed.detailVersion).toBe(3);
    expect(changesOpenCase(event(3), refreshed)).toBe(false);
  });

  it('ignores older or repeated summaries and other cases', () => {
    const state = reduce(loaded(), event(3));
    expect(reduce(state, event(3))).toBe(state);
    expect(reduce(state, event(2))).toBe(state);
    const other = CaseworkApiActions.claimSucceeded({
      summary: { ...summary(9), id: 'b' },
    });
    expect(reduce(state, other)).toBe(state);
  });

  it('shows this user’s own change from the API’s answer', () => {
    const state = reduce(
      loaded(),
      CaseworkApiActions.statusChanged({
        summary: summary(3, { status: 'contacting' }),
      }),
    );
    expect(state.detail?.status).toBe('contacting');
  });

  it('announces someone else’s change with whose it was, and never the page’s own (a claim, a save)', () => {
    const liveBy = (version: number, by?: string) =>
      LiveSocketActions.caseChanged({
        event: { seq: 10 + version, caseId: 'a', version, change: 'updated', case: summary(version), ...(by ? { by } : {}) },
      });
    // Someone else's live change: announced, with who made it (the page compares it with the signed-in user).
    const live = reduce(loaded(), liveBy(3, 'u-alex'));
    expect(live).toMatchObject({ refreshedToVersion: 3, refreshedBy: ['u-alex'], changedBy: [{ version: 3, by: 'u-alex' }] });
    // Its full read covers it.
    const read = reduce(live, CaseApiActions.caseRefreshed({ detail: detail('a', 3) }));
    expect(read).toMatchObject({ refreshedToVersion: 3, refreshedBy: ['u-alex'], changedBy: [] });
    // The user's own claim: laid over, not announced (before, "This case was updated at …" followed every own claim).
    const claimed = reduce(read, CaseworkApiActions.claimSucceeded({ summary: summary(4) }));
    expect(claimed).toMatchObject({ refreshedToVersion: null, refreshedBy: [] });
    expect(claimed.detail?.version).toBe(4);
    // The live echo of that claim names the user; the read it asks for brings only their change.
    const echoed = reduce(reduce(claimed, liveBy(4, 'u-sam')), CaseApiActions.caseRefreshed({ detail: detail('a', 4) }));
    expect(echoed).toMatchObject({ refreshedToVersion: 4, refreshedBy: ['u-sam'] });
    // A read after the page's own save brings nothing to announce; one after a refusal (the case moved on) does.
    expect(reduce(claimed, CaseApiActions.caseRefreshed({ detail: detail('a', 5), by: OWN_CHANGE }))).toMatchObject({
      refreshedToVersion: null,
      refreshedBy: [],
    });
    expect(reduce(claimed, CaseApiActions.caseRefreshed({ detail: detail('a', 5), by: null }))).toMatchObject({
      refreshedToVersion: 5,
      refreshedBy: [null],
    });
  });

  it('announces a burst read once that holds a colleague’s change before the user’s own', () => {
    // A team lead reassigns (v3), then the user's own change (v4) arrives before the read: one read, both authors.
    const liveBy = (version: number, by: string) =>
      LiveSocketActions.caseChanged({ event: { seq: 10 + version, caseId: 'a', version, change: 'updated', case: summary(version), by } });
    const burst = reduce(reduce(loaded(), liveBy(3, 'u-lead')), liveBy(4, 'u-sam'));
    expect(burst.changedBy).toEqual([
      { version: 3, by: 'u-lead' },
      { version: 4, by: 'u-sam' },
    ]);
    // A replayed event is not noted twice.
    expect(reduce(burst, liveBy(4, 'u-sam')).changedBy).toHaveLength(2);
    const read = reduce(burst, CaseApiActions.caseRefreshed({ detail: detail('a', 4) }));
    expect(read).toMatchObject({ refreshedToVersion: 4, refreshedBy: ['u-lead', 'u-sam'], changedBy: [] });
    // The user's own change laid over a colleague's not yet read keeps the colleague's to announce.
    const own = reduce(reduce(loaded(), liveBy(3, 'u-lead')), CaseworkApiActions.claimSucceeded({ summary: summary(4) }));
    expect(own).toMatchObject({ refreshedToVersion: 4, refreshedBy: ['u-lead'] });
    // A catch-up names nobody: announced.
    const synced = reduce(
      read,
      LiveSocketActions.synced({
        response: { events: [{ seq: 20, caseId: 'a', version: 5, change: 'updated', case: summary(5) }], reset: false, lastSeq: 20 },
      }),
    );
    expect(synced).toMatchObject({ refreshedToVersion: 5, refreshedBy: [null], changedBy: [{ version: 5, by: null }] });
  });
});
