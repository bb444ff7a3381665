import { CONTROL_FREE, contract, type RequestOf } from './contract';

/**
 * GET /api/v1/search: `q` (required) a name, police reference or phone number, 1–100 characters after trimming with
 * at least two letters or digits (searchQueryErrors, checked by the service after this schema); `limit` 1–50
 * (default 20). Results are ranked, not paged: `more` says to narrow the query.
 */
export const SEARCH_QUERY = contract('search', {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, pattern: CONTROL_FREE },
    limit: { type: 'string', maxLength: 2, pattern: '^([1-9]|[1-4][0-9]|50)$' },
  },
});
export type SearchQuery = RequestOf<typeof SEARCH_QUERY>;
