import { isInQueue, type CaseSummary } from './case';
import type { CaseChangedEvent } from './events';
import { slaBreachedAt } from './sla';
import type { CaseCounts } from './triage';

/**
 * The queue's counts without reading them again after every change (issue 16: an idle queue asks nothing beyond the
 * socket). GET /cases/counts says the instant it counted at (`asOf`) and the last `case.changed` seq it includes
 * (`seq`, read in the same snapshot). Two kinds of change can be added to such counts exactly, from the event alone:
 *  - a new case (`created`): it was not counted (its seq is higher), so each of its facets adds one;
 *  - a breach recorded by the SLA watch (`breached`, nothing else changed): it adds one to `breached` (and to
 *    `matching` when the filters then match) unless the case already counted as breached at `asOf`, which its SLA
 *    facts tell (slaBreachedAt: the clocks only stop, so the instant it became breached is known; a first-contact
 *    clock started again by a revision naming another victim comes with that revision, which is read again).
 * Any other change may move a case between counts in ways the event does not tell (its grade or assignee before),
 * so the workbench reads the counts again then. The counts shown are always the last read plus the countable changes
 * since, recomputed from both, so a replayed event (same seq) counts once.
 */

/** A change the counts can take from the event alone (see above). */
export function countableChange(event: CaseChangedEvent): boolean {
  return (event.change === 'created' || event.change === 'breached') && event.case.sla.breachedFrom !== undefined && isInQueue(event.case);
}

export interface CountsViewer {
  /** The user the counts are of (`mine`). */
  userId: string | null;
  /** Whether a case matches the filters the counts were read with (`matching`); it reads `sla.breached`. */
  matches: (c: CaseSummary) => boolean;
}

/** The case as counted at an instant: breached then or not. */
function asCounted(c: CaseSummary, breached: boolean): CaseSummary {
  if (c.sla.breached === breached) return c;
  return { ...c, sla: { ...c.sla, breached, state: breached ? 'breached' : 'ok' } };
}

/** `base` with one countable change added (`asOf` is base.asOf). */
function addChange(base: CaseCounts, event: CaseChangedEvent, asOf: Date, viewer: CountsViewer): CaseCounts {
  const c = event.case;
  const wasBreached = slaBreachedAt(c.sla, asOf) === true;
  if (event.change === 'breached') {
    if (wasBreached) return base; // counted as breached already
    const matching = Number(viewer.matches(asCounted(c, true))) - Number(viewer.matches(asCounted(c, false)));
    return { ...base, breached: base.breached + 1, matching: base.matching + matching };
  }
  const grade = c.risk.grade ?? 'ungraded';
  return {
    ...base,
    total: base.total + 1,
    byGrade: { ...base.byGrade, [grade]: base.byGrade[grade] + 1 },
    byArea: { ...base.byArea, [c.area]: (base.byArea[c.area] ?? 0) + 1 },
    marac: base.marac + Number(c.risk.marac.required),
    unassigned: base.unassigned + Number(!c.assignee),
    mine: base.mine + Number(!!c.assignee && c.assignee.id === viewer.userId),
    breached: base.breached + Number(wasBreached),
    matching: base.matching + Number(viewer.matches(asCounted(c, wasBreached))),
  };
}

/**
 * Whether the counts read (`base`) still need this countable change: a new case with a higher seq than the read's
 * (membership is the read's snapshot), or a recorded breach of a case that had not counted as breached at `asOf`,
 * whatever its seq (breaches are counted by the clock at `asOf`, which the API took before its snapshot: a breach
 * recorded in between has a seq the read includes and is not in its counts).
 */
export function countsNeed(base: CaseCounts, event: CaseChangedEvent): boolean {
  if (!countableChange(event)) return false;
  if (event.change === 'breached') return slaBreachedAt(event.case.sla, new Date(base.asOf)) !== true;
  return event.seq > base.seq;
}

/**
 * The counts read (`base`) with the countable changes since (countsNeed), each seq once, in the order given. `asOf`
 * and `seq` stay the read's.
 */
export function countsWithChanges(base: CaseCounts, events: readonly CaseChangedEvent[], viewer: CountsViewer): CaseCounts {
  const asOf = new Date(base.asOf);
  const seen = new Set<number>();
  let counts = base;
  for (const e of events) {
    if (seen.has(e.seq) || !countsNeed(base, e)) continue;
    seen.add(e.seq);
    counts = addChange(counts, e, asOf, viewer);
  }
  return counts;
}
