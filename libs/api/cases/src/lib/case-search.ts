import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { Problems, ValidQuery } from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  maySeeCase,
  SEARCH_LIMIT_DEFAULT,
  SEARCH_QUERY,
  searchPhoneKey,
  searchQueryErrors,
  type CaseAccessUser,
  type CaseStatus,
  type RiskGrade,
  type SearchMatch,
  type SearchQuery,
  type SearchResponse,
  type SearchResult,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { CaseReadAudit, loadCaseAccessFacts } from './case-access';
import { maySeeSql } from './case-queue';

/** How close a misspelt name must come (pg_trgm word similarity) to be found when nothing closer is: "sioban" → Siobhán. */
const FUZZY_THRESHOLD = '0.5';

interface Plan {
  /** Normalised text (lantern_search_text): names are compared with it. */
  text: string;
  /** Each word of `text`: three letters or more match inside a name, shorter ones match a whole name word. */
  words: string[];
  /** Normalised reference (lantern_search_reference), when long enough to search. */
  reference: string | null;
  /** UK national digits when the query is a phone number. */
  phone: string | null;
}

interface HitRow {
  case_id: string;
  kinds: SearchMatch[];
}

interface DetailRow {
  id: string;
  reference: string;
  status: CaseStatus;
  risk_grade: RiskGrade | null;
  received_at: Date | string;
  first_name: string | null;
  last_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  restricted: boolean;
}

const MATCH_ORDER: SearchMatch[] = ['reference', 'phone', 'name'];

/**
 * Search over every case, any status (docs/search.md): victim or suspect name (accents, case and apostrophes
 * ignored, partial, misspelt as a fallback), police reference (whole or part) and phone number (any written form).
 * Ranked: a whole reference or phone number first, then names (whole words before parts of words), then partial
 * references; newest first within a rank. A restricted case the user may not see is left out before ranking, as if it did not exist. Each
 * search is audited like a list read (`case.search`: the case ids returned, what kinds were searched; never the
 * query, which is personal data).
 */
@Injectable()
export class CaseSearchService {
  constructor(
    private readonly db: Database,
    private readonly reads: CaseReadAudit,
  ) {}

  async search(user: CaseAccessUser, query: SearchQuery): Promise<SearchResponse> {
    const errors = searchQueryErrors(query.q);
    if (errors.length) throw Problems.validation(errors);
    const limit = query.limit === undefined ? SEARCH_LIMIT_DEFAULT : Number(query.limit);
    const q = query.q.trim();
    return this.db.transaction(async (m) => {
      const plan = await this.plan(m, q);
      let hits = await this.hits(m, user.id, plan, limit + 1, false);
      // Nothing found as written: try names spelt nearly so ("sioban" finds Siobhán).
      if (!hits.length && /\p{L}{4}/u.test(plan.text)) hits = await this.hits(m, user.id, plan, limit + 1, true);
      const more = hits.length > limit;
      const results = await this.details(m, user, hits.slice(0, limit));
      await this.reads.recordList(
        m,
        user.id,
        'case.search',
        results.map((r) => r.caseId),
        {
          searched: [plan.words.length ? 'name' : null, plan.reference ? 'reference' : null, plan.phone ? 'phone' : null].filter(Boolean),
          more,
        },
      );
      return { results, more };
    });
  }

  /** The query, normalised by the same SQL functions that fill case_search (one definition of "the same text"). */
  private async plan(m: EntityManager, q: string): Promise<Plan> {
    const [row] = (await m.query('SELECT lantern_search_text($1) AS text, lantern_search_reference($1) AS reference', [q])) as Array<{
      text: string;
      reference: string;
    }>;
    const text = row.text ?? '';
    const hasLetters = /\p{L}/u.test(text);
    return {
      text,
      words: hasLetters ? text.split(' ').filter((w) => w.length > 0) : [],
      reference: row.reference && row.reference.length >= 2 ? row.reference : null,
      phone: searchPhoneKey(q),
    };
  }

  /** Matching case ids the user may see, best first, with what matched each. */
  private async hits(m: EntityManager, userId: string, plan: Plan, take: number, fuzzy: boolean): Promise<HitRow[]> {
    const params: unknown[] = [userId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // The access rule (maySeeCase, in SQL: maySeeSql), before ranking: restricted cases only for their access list and
    // holders of an unexpired break-glass grant. The user's case.read was checked by @Allow.
    const visible = maySeeSql('$1', 'now()', { restricted: 's.restricted', caseId: 's.case_id', accessList: 's.access_list' });
    const branches: string[] = [];
    if (plan.phone) {
      branches.push(`SELECT s.case_id, s.received_at, 0 AS rank, 1::real AS score, 'phone' AS kind
        FROM case_search s WHERE s.phones @> ARRAY[${p(plan.phone)}::text] AND ${visible}`);
    }
    if (plan.reference) {
      const ref = p(plan.reference);
      const where = plan.reference.length >= 3 ? `s.reference LIKE '%' || ${ref} || '%'` : `s.reference = ${ref}`;
      branches.push(`SELECT s.case_id, s.received_at, CASE WHEN s.reference = ${ref} THEN 0 ELSE 2 END AS rank,
          similarity(s.reference, ${ref}) AS score, 'reference' AS kind
        FROM case_search s WHERE ${where} AND ${visible}`);
    }
    // The query as whole words of a name, newest first, from case_search_words (the index's own order: a common
    // surname reads its first rows, not every case that bears it). When that alone fills the answer, matches inside
    // a word cannot rank above them and are not looked for.
    const whole = plan.words.length && !fuzzy ? await this.wholeNameHits(m, userId, plan, visible, take) : [];
    if (whole.length >= take) {
      branches.push(`SELECT s.case_id, s.received_at, 1 AS rank, 1::real AS score, 'name' AS kind
        FROM case_search s WHERE s.case_id = ANY(${p(whole)}::uuid[])`);
    } else if (plan.words.length) {
      const text = fuzzy ? p(plan.text) : '';
      const likes = plan.words.map((w) => (w.length >= 3 ? `s.names LIKE ${p(`%${w}%`)}` : `s.names LIKE ${p(`% ${w} %`)}`)).join(' AND ');
      if (fuzzy) await m.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [FUZZY_THRESHOLD]);
      // Ranked cheaply, as a million-case search needs: the query as whole words of a name first (1), then inside a
      // name (0.5); word similarity is computed only for near spellings (few rows, when nothing else matched).
      const score = fuzzy ? `word_similarity(${text}, s.names)` : `CASE WHEN s.names LIKE ${p(`% ${plan.text} %`)} THEN 1 ELSE 0.5 END`;
      const names = fuzzy ? `((${likes}) OR ${text} <% s.names)` : `(${likes})`;
      branches.push(`SELECT s.case_id, s.received_at, 1 AS rank, ${score} AS score, 'name' AS kind
        FROM case_search s WHERE ${names} AND ${visible}`);
    }
    if (!branches.length) return [];
    const sql = `
      WITH hits AS (${branches.join('\nUNION ALL\n')})
      SELECT case_id, array_agg(DISTINCT kind) AS kinds
        FROM hits
       GROUP BY case_id
       ORDER BY min(rank * 2 - score), max(received_at) DESC, case_id
       LIMIT ${p(take)}`;
    const rows = (await m.query(sql, params)) as Array<{ case_id: string; kinds: SearchMatch[] | string }>;
    return rows.map((r) => ({ case_id: r.case_id, kinds: parseArray(r.kinds) as SearchMatch[] }));
  }

  /**
   * Cases whose names hold the query as whole words (`% john smith %`), newest first, at most `take`: read under the
   * longest word of the query (usually the rarest) in case_search_words' key order, so the scan stops at `take`.
   * `visible` is the access filter over `s` ($1 is the user).
   */
  private async wholeNameHits(m: EntityManager, userId: string, plan: Plan, visible: string, take: number): Promise<string[]> {
    const word = [...plan.words].sort((a, b) => b.length - a.length)[0];
    const rows = (await m.query(
      // The case row is checked per word row (LATERAL … OFFSET 0 keeps it a nested loop): left to itself the planner
      // trusts pg_trgm's estimate for the LIKE (20 rows where "smith" has 5,558 at 200,000 cases), fetches every
      // case bearing the word and sorts them — 1.2 s instead of 8 ms.
      `SELECT w.case_id
         FROM case_search_words w
        CROSS JOIN LATERAL (SELECT 1 FROM case_search s WHERE s.case_id = w.case_id AND s.names LIKE $3 AND ${visible} OFFSET 0) ok
        WHERE w.word = $2
        ORDER BY w.received_at DESC, w.case_id DESC
        LIMIT $4`,
      [userId, word, `% ${plan.text} %`, take],
    )) as Array<{ case_id: string }>;
    return rows.map((r) => r.case_id);
  }

  /** What a result shows, in the hits' order; a restricted case is checked against the one rule once more. */
  private async details(m: EntityManager, user: CaseAccessUser, hits: HitRow[]): Promise<SearchResult[]> {
    if (!hits.length) return [];
    const rows = (await m.query(
      `SELECT c.id, c.reference, c.status, c.risk_grade, c.received_at, c.restricted,
              v.first_name, v.last_name, a.id AS assignee_id, a.display_name AS assignee_name
         FROM cases c
         JOIN persons v ON v.id = c.victim_id
         LEFT JOIN users a ON a.id = c.assignee_id
        WHERE c.id = ANY($1::uuid[])`,
      [hits.map((h) => h.case_id)],
    )) as DetailRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const now = new Date();
    const out: SearchResult[] = [];
    for (const h of hits) {
      const r = byId.get(h.case_id);
      if (!r) continue;
      if (r.restricted) {
        const facts = await loadCaseAccessFacts(m, r.id, now);
        if (!facts || !maySeeCase(user, facts, now)) continue;
      }
      out.push({
        caseId: r.id,
        reference: r.reference,
        victimName: [r.first_name, r.last_name].filter((x) => !!x).join(' '),
        status: r.status,
        riskGrade: r.risk_grade,
        assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
        receivedAt: new Date(r.received_at).toISOString(),
        matched: MATCH_ORDER.filter((k) => h.kinds.includes(k)),
      });
    }
    return out;
  }
}

/** A text[] from the driver: an array (pg) or its literal "{a,b}" (some PGlite paths). */
function parseArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}

@ApiTags('search')
@Controller('v1/search')
export class CaseSearchController {
  constructor(private readonly service: CaseSearchService) {}

  /** Cases by victim or suspect name, police reference or phone number, any status (docs/search.md). */
  @Get()
  @Allow('case.read')
  @ApiOperation({
    summary: 'Search cases by victim or suspect name, police reference or phone number (hub staff and auditors)',
    description:
      '`q` (1–100 characters after trimming, at least two letters or digits) is matched against every case, any status: ' +
      'names ignoring accents, case and apostrophes, whole or part of a word (three letters or more; shorter words match ' +
      'whole words), a near spelling when nothing else matches; the police reference whole or in part, ignoring case and ' +
      'punctuation; a phone number in any written form (07700 900123, +44 7700 900123, 0044…, spaces, dashes, brackets), ' +
      'read as UK national digits. Ranked: whole reference or phone number, then names (whole words first), then partial ' +
      'references; newest first within a rank. `limit` 1–50 (default 20); `more` says more cases matched. A restricted ' +
      'case the user may not see is left out. Each search is audited (`case.search`: the case ids returned, never the ' +
      'query). 400 problem+json for a bad `q` or `limit`.',
  })
  @ApiOkResponse({
    description:
      '{results: [{caseId, reference, victimName, status, riskGrade, assignee: {id, displayName} | null, receivedAt, matched: ("reference" | "phone" | "name")[]}], more}',
  })
  search(@CurrentUserParam() user: AuthUser, @ValidQuery(SEARCH_QUERY) query: SearchQuery): Promise<SearchResponse> {
    return this.service.search(user, query);
  }
}
