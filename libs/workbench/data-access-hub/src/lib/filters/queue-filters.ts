import type { CaseSummary, QueueQuery, RiskGrade } from '@lantern/shared/domain';

/** The grades a queue can be narrowed to, highest first; 'ungraded' is a case without a grade yet. */
export type GradeFilter = RiskGrade | 'ungraded';
export const FILTER_GRADES: readonly GradeFilter[] = ['high', 'medium', 'standard', 'ungraded'];

export type AssigneeFilter = 'me' | 'none';

/**
 * What the caseworker narrowed the queue to. The URL keeps it (a reload or a shared link shows the same queue)
 * with the same parameter names the API takes: grade=high,medium&area=…&marac=true&assignee=me&breached=true.
 */
export interface QueueFilters {
  /** Empty: every grade (and ungraded cases). */
  grades: GradeFilter[];
  area: string | null;
  marac: boolean;
  assignee: AssigneeFilter | null;
  breached: boolean;
}

export const NO_FILTERS: QueueFilters = {
  grades: [],
  area: null,
  marac: false,
  assignee: null,
  breached: false,
};

/** URL query parameters as the router gives them (a repeated key may arrive as an array). */
export type QueryParams = Readonly<Record<string, string | readonly string[] | null | undefined>>;

function first(value: QueryParams[string]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return value.length ? value[0] : null;
}

function flag(value: QueryParams[string]): boolean {
  const v = first(value);
  return v === 'true' || v === '1' || v === 'yes';
}

/** Filters from the URL. Anything unknown or malformed is ignored rather than refused: a stale link still opens. */
export function filtersFromQueryParams(params: QueryParams): QueueFilters {
  const gradeParam = params['grade'];
  const rawGrades = (
    typeof gradeParam === 'string' ? [gradeParam] : Array.isArray(gradeParam) ? (gradeParam as readonly string[]) : []
  ).flatMap((g) => g.split(','));
  const grades = FILTER_GRADES.filter((g) => rawGrades.some((r) => r.trim().toLowerCase() === g));
  const area = first(params['area'])?.trim() || null;
  const assigneeRaw = first(params['assignee']);
  const assignee: AssigneeFilter | null = assigneeRaw === 'me' || assigneeRaw === 'none' ? assigneeRaw : null;
  return {
    grades,
    area,
    marac: flag(params['marac']),
    assignee,
    breached: flag(params['breached']),
  };
}

/**
 * Query parameters for the router (merge mode): a filter that is off maps to null, which removes it from the
 * URL, so the URL holds only what is set and other parameters are kept.
 */
export function filtersToQueryParams(filters: QueueFilters): Record<string, string | null> {
  const grades = FILTER_GRADES.filter((g) => filters.grades.includes(g));
  return {
    grade: grades.length ? grades.join(',') : null,
    area: filters.area || null,
    marac: filters.marac ? 'true' : null,
    assignee: filters.assignee,
    breached: filters.breached ? 'true' : null,
  };
}

/** GET /api/v1/cases query parameters for these filters (only what is set), as the API's QueueQuery contract has them. */
export function filtersToApiParams(filters: QueueFilters): QueueQuery {
  const grades = FILTER_GRADES.filter((g) => filters.grades.includes(g));
  const query: QueueQuery = {};
  if (grades.length) query.grade = grades.join(',');
  if (filters.area) query.area = filters.area;
  if (filters.marac) query.marac = 'true';
  if (filters.assignee) query.assignee = filters.assignee;
  if (filters.breached) query.breached = 'true';
  return query;
}

export function hasFilters(filters: QueueFilters): boolean {
  return Object.keys(filtersToApiParams(filters)).length > 0;
}

export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  const pa = filtersToApiParams(a);
  const pb = filtersToApiParams(b);
  const keys = new Set([...Object.keys(pa), ...Object.keys(pb)] as (keyof QueueQuery)[]);
  return [...keys].every((k) => pa[k] === pb[k]);
}

/**
 * The same test the API applies, for cases that arrive live: a changed case enters or leaves the filtered
 * queue without a reload. `userId` is the signed-in user's, for "mine".
 */
export function matchesFilters(
  c: Pick<CaseSummary, 'risk' | 'area' | 'assignee' | 'sla'>,
  filters: QueueFilters,
  userId: string | null,
): boolean {
  if (filters.grades.length && !filters.grades.includes(c.risk.grade ?? 'ungraded')) return false;
  if (filters.area && c.area !== filters.area) return false;
  if (filters.marac && !c.risk.marac.required) return false;
  if (filters.assignee === 'none' && c.assignee) return false;
  if (filters.assignee === 'me' && (!c.assignee || !userId || c.assignee.id !== userId)) return false;
  if (filters.breached && c.sla.state !== 'breached' && !c.sla.breached) return false;
  return true;
}

/** Turn one filter on or off, returning new filters (for the chips). */
export function toggleGrade(filters: QueueFilters, grade: GradeFilter): QueueFilters {
  const grades = filters.grades.includes(grade)
    ? filters.grades.filter((g) => g !== grade)
    : FILTER_GRADES.filter((g) => g === grade || filters.grades.includes(g));
  return { ...filters, grades };
}
