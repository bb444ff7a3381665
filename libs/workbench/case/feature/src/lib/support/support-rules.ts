import {
  NEED_DOMAINS,
  type NeedDomainId,
  type NeedsContent,
  type NeedUrgency,
  type SafetyPlanAction,
  type SafetyPlanContent,
} from '@lantern/shared/domain';

export const URGENCY_LABELS: Record<NeedUrgency, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  immediate: 'Immediate',
};

export const ACTION_OWNER_LABELS: Record<SafetyPlanAction['owner'], string> = {
  victim: 'Victim',
  caseworker: 'Caseworker',
  other: 'Someone else',
};

export interface NeedRow {
  id: NeedDomainId;
  label: string;
  need: boolean;
  urgency: NeedUrgency | null;
  notes: string;
}

/** Every domain, in the hub's order, filled from the saved content. */
export function needRows(content: NeedsContent | null | undefined): NeedRow[] {
  return NEED_DOMAINS.map((d) => {
    const e = content?.[d.id];
    return { id: d.id, label: d.label, need: !!e?.need, urgency: e?.urgency ?? null, notes: e?.notes ?? '' };
  });
}

/** The PUT content: every domain assessed (a "no" is an answer too); urgency only with a need. */
export function needsFromRows(rows: readonly NeedRow[]): NeedsContent {
  const out: NeedsContent = {};
  for (const r of rows) {
    out[r.id] = { need: r.need, urgency: r.need ? r.urgency : null, notes: r.notes.trim() || null };
  }
  return out;
}

export interface FormProblem {
  target: string;
  message: string;
}

export function needsProblems(rows: readonly NeedRow[]): FormProblem[] {
  return rows
    .filter((r) => r.need && !r.urgency)
    .map((r) => ({ target: `need-${r.id}-urgency`, message: `${r.label.split(' (')[0]}: choose how urgent the need is.` }));
}

export interface ActionRow {
  id: string | null;
  action: string;
  owner: SafetyPlanAction['owner'];
  agreed: boolean;
  done: boolean;
  due: string;
}

export function actionRows(content: SafetyPlanContent | null | undefined): ActionRow[] {
  return (content?.actions ?? []).map((a) => ({
    id: a.id,
    action: a.action,
    owner: a.owner,
    agreed: a.agreed,
    done: a.done,
    due: a.due ?? '',
  }));
}

/** The PUT content; a new action has no id yet (the API gives it one). */
export function safetyPlanFromRows(rows: readonly ActionRow[], notes: string): SafetyPlanContent {
  return {
    actions: rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      action: r.action.trim(),
      owner: r.owner,
      agreed: r.agreed,
      done: r.done,
      due: r.due || null,
    })) as SafetyPlanAction[],
    notes: notes.trim() || null,
  };
}

export function safetyPlanProblems(rows: readonly ActionRow[]): FormProblem[] {
  const out: FormProblem[] = [];
  rows.forEach((r, i) => {
    if (!r.action.trim()) out.push({ target: `action-${i}-text`, message: `Action ${i + 1}: say what will be done, or remove it.` });
    if (r.due && !/^\d{4}-\d{2}-\d{2}$/.test(r.due))
      out.push({ target: `action-${i}-due`, message: `Action ${i + 1}: the due date is not a date.` });
  });
  return out;
}
