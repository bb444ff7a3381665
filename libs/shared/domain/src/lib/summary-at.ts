import type { CaseSummary } from './case';
import { DEFAULT_HUB_CALENDAR, type HubCalendar } from './hub-calendar';
import { DEFAULT_PRIORITY_WEIGHTS, TIME_PRIORITY_FACTORS, timePriorityFactors, type PriorityWeights } from './priority';
import { DEFAULT_SLA_TARGETS, nearBreachLimit, type SlaState, type SlaTargets } from './sla';

/** What re-scoring a summary needs: the hub's triage configuration (the workbench has it from GET /config/triage). */
export interface SummaryClockRules {
  weights: PriorityWeights;
  slaTargets: SlaTargets;
  calendar: HubCalendar;
}

const SLA_ORDER: readonly SlaState[] = ['ok', 'near', 'breached'];

export const DEFAULT_SUMMARY_CLOCK_RULES: SummaryClockRules = {
  weights: DEFAULT_PRIORITY_WEIGHTS,
  slaTargets: DEFAULT_SLA_TARGETS,
  calendar: DEFAULT_HUB_CALENDAR,
};

/**
 * A case summary as the API would compute it at `later`, from the summary it computed earlier: only time has passed,
 * so only the SLA state and the time-dependent priority factors move (summary-at.spec.ts keeps this equal to
 * slaStatus and casePriority). The workbench re-scores the queue rows it holds with it each minute instead of asking
 * the API again.
 *
 * Time alone never undoes a breach, and a clock that was still open is the one `nextDueAt` names (the earliest open
 * one), so: breached stays breached; otherwise the case breaches once `later` passes `nextDueAt`, and is near once
 * `nextDueAt` is within the near-breach limit at `later` (the comparison slaStatus and the queue's SQL make).
 * `nearLimit` may be passed in when many summaries are re-scored at one instant.
 */
export function summaryAt(
  summary: CaseSummary,
  later: Date,
  rules: SummaryClockRules = DEFAULT_SUMMARY_CLOCK_RULES,
  nearLimit: number = nearBreachLimit(later, rules.slaTargets, rules.calendar).getTime(),
): CaseSummary {
  const next = summary.sla.nextDueAt === null ? null : Date.parse(summary.sla.nextDueAt);
  const breached = summary.sla.breached || (next !== null && later.getTime() > next);
  const computed: SlaState = breached ? 'breached' : next !== null && next <= nearLimit ? 'near' : 'ok';
  // Time only moves a case up: ok, near, breached; waiting points only grow. A `later` behind the instant the API
  // computed the summary (a browser's clock running slow) must not take a near breach or points away from a row.
  const state: SlaState = SLA_ORDER.indexOf(computed) >= SLA_ORDER.indexOf(summary.sla.state) ? computed : summary.sla.state;
  const kept = summary.priority.factors.filter((f) => !TIME_PRIORITY_FACTORS.includes(f.factor));
  const timed = timePriorityFactors(summary.receivedAt, state, later, rules.weights);
  const heldWaiting = summary.priority.factors.find((f) => f.factor === 'waiting');
  const waiting = timed.find((f) => f.factor === 'waiting');
  const most = heldWaiting && (!waiting || heldWaiting.points > waiting.points) ? heldWaiting : waiting;
  // In casePriority's order: the case's own factors, waiting, then the SLA's.
  const factors = [...kept, ...(most ? [most] : []), ...timed.filter((f) => f.factor !== 'waiting')];
  const score = factors.reduce((s, f) => s + f.points, 0);
  if (score === summary.priority.score && state === summary.sla.state && sameFactors(factors, summary.priority.factors)) return summary;
  return { ...summary, sla: { ...summary.sla, breached: breached || summary.sla.breached, state }, priority: { score, factors } };
}

function sameFactors(a: CaseSummary['priority']['factors'], b: CaseSummary['priority']['factors']): boolean {
  return a.length === b.length && a.every((f, i) => f.factor === b[i].factor && f.points === b[i].points && f.label === b[i].label);
}
