import { CASE_STATUSES } from '../case';
import { RISK_GRADES } from '../report';
import { contract, queryText, UUID_PATTERN, type RequestOf } from './contract';

const list = (values: readonly string[]) => `^ *(${values.join('|')})( *, *(${values.join('|')}))* *$`;

/** The queue's filters, shared by GET /cases and GET /cases/counts. */
const QUEUE_FILTER_PROPERTIES = {
  assignee: { type: 'string', maxLength: 36, pattern: `^(me|none)$|${UUID_PATTERN}` },
  grade: { type: 'string', maxLength: 100, pattern: list([...RISK_GRADES, 'ungraded']) },
  area: { ...queryText(80), minLength: 1 },
  marac: { enum: ['true', 'false'] },
  breached: { enum: ['true', 'false'] },
} as const;

/**
 * GET /cases: the queue, filtered and paged. Every value is one string (a repeated parameter is refused);
 * `cursor` is opaque (the API checks it is one it issued).
 */
export const QUEUE_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', maxLength: 200, pattern: list(CASE_STATUSES) },
    ...QUEUE_FILTER_PROPERTIES,
    limit: { type: 'string', maxLength: 3, pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    cursor: { ...queryText(200), minLength: 1 },
  },
});
export type QueueQuery = RequestOf<typeof QUEUE_QUERY>;

/**
 * GET /cases/counts: the counts per filter, and `matching`, the open cases the queue's own filters (these, as on GET
 * /cases) match, so a browser holding only the first pages of a long queue still says how many there are.
 */
export const CASE_COUNTS_QUERY = contract('query', { type: 'object', additionalProperties: false, properties: QUEUE_FILTER_PROPERTIES });
export type CaseCountsQuery = RequestOf<typeof CASE_COUNTS_QUERY>;
