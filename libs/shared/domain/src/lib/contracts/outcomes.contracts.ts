import { FELT_SAFER, OUTCOME_TABLES, SATISFACTION_SCORES } from '../outcomes';
import { contract, date, nullable, text, type RequestOf } from './contract';

/** POST /cases/:id/satisfaction: the victim's survey, once the case is closed (409 before). */
export const SATISFACTION_REQUEST = contract('survey', {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'feltSafer'],
  properties: {
    score: { enum: SATISFACTION_SCORES },
    feltSafer: { enum: FELT_SAFER },
    wouldRecommend: nullable({ type: 'boolean' }),
    comment: nullable(text(1000)),
  },
});
export type SatisfactionRequest = RequestOf<typeof SATISFACTION_REQUEST>;

/** GET /reports/outcomes: London dates `from`…`to` inclusive (default the last twelve months); `table` for one CSV table. */
export const OUTCOMES_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: { from: date, to: date, table: { enum: OUTCOME_TABLES } },
});
export type OutcomesQuery = RequestOf<typeof OUTCOMES_QUERY>;

/** GET /reports/outcomes/summary: `month=YYYY-MM`, or `from`…`to`. */
export const OUTCOMES_SUMMARY_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: { month: { type: 'string', pattern: '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$', maxLength: 7 }, from: date, to: date },
});
export type OutcomesSummaryQuery = RequestOf<typeof OUTCOMES_SUMMARY_QUERY>;
