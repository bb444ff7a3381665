import { CASE_STATUSES } from '../case';
import { RISK_GRADES } from '../report';
import { contract, queryText, UUID_PATTERN, type RequestOf } from './contract';

const list = (values: readonly string[]) => `^ *(${values.join('|')})( *, *(${values.join('|')}))* *$`;

/**
 * GET /cases: the queue, filtered and paged. Every value is one string (a repeated parameter is refused);
 * `cursor` is opaque (the API checks it is one it issued).
 */
export const QUEUE_QUERY = contract('query', {
  type: 'object',
  properties: {
    status: { type: 'string', maxLength: 200, pattern: list(CASE_STATUSES) },
    assignee: { type: 'string', maxLength: 36, pattern: `^(me|none)$|${UUID_PATTERN}` },
    grade: { type: 'string', maxLength: 100, pattern: list([...RISK_GRADES, 'ungraded']) },
    area: { ...queryText(80), minLength: 1 },
    marac: { enum: ['true', 'false'] },
    breached: { enum: ['true', 'false'] },
    limit: { type: 'string', maxLength: 3, pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    cursor: { ...queryText(200), minLength: 1 },
  },
});
export type QueueQuery = RequestOf<typeof QUEUE_QUERY>;
