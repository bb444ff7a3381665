import type { CaseStatus, CaseUserRef } from './case';
import type { FieldError } from './problem';
import type { RiskGrade } from './report';
import { normalisePhone, PHONE_CHARS } from './safe-contact';

/** What a search result matched: the victim's or suspect's name, the police reference, or a phone number. */
export type SearchMatch = 'name' | 'reference' | 'phone';

/** One case found by GET /api/v1/search (docs/search.md). */
export interface SearchResult {
  caseId: string;
  reference: string;
  /** The victim's name as police gave it ("First Last"). */
  victimName: string;
  status: CaseStatus;
  /** The grade in force; null when ungraded. */
  riskGrade: RiskGrade | null;
  assignee: CaseUserRef | null;
  /** ISO instant the case was received. */
  receivedAt: string;
  /** What matched, best first. */
  matched: SearchMatch[];
}

export interface SearchResponse {
  results: SearchResult[];
  /** More cases matched than `limit`: the caller should narrow the query. */
  more: boolean;
}

export const SEARCH_QUERY_MAX = 100;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

/** A query's letters and digits (what "meaningful" means: punctuation and spaces are not). */
const MEANINGFUL = /[\p{L}\p{N}]/gu;

/**
 * Why a search query is refused, as field errors (empty when it is fine): 1–100 characters after trimming, with at
 * least two letters or digits. The API answers 400 with these; the workbench checks the same before asking.
 */
export function searchQueryErrors(q: string): FieldError[] {
  const t = q.trim();
  if (!t.length) return [{ path: '/q', message: 'must not be blank' }];
  if (t.length > SEARCH_QUERY_MAX) return [{ path: '/q', message: `must be at most ${SEARCH_QUERY_MAX} characters` }];
  if ((t.match(MEANINGFUL) ?? []).length < 2) return [{ path: '/q', message: 'must have at least two letters or digits' }];
  return [];
}

/**
 * The query as a phone number in UK national digits, or null when it is not one (other characters, or fewer than
 * ten digits once normalised). +44, 0044 and 44 (and a "(0)" after them) read as a leading 0; a ten-digit number
 * missing its 0 gets one. The same rule as the database's lantern_search_phone (migration 1764400000000).
 */
export function searchPhoneKey(raw: string): string | null {
  if (!PHONE_CHARS.test(raw)) return null;
  const key = normalisePhone(raw);
  return key.length >= 10 ? key : null;
}
