import { DASH_ANSWERS, RISK_GRADES } from '../report';
import { contract, nullable, text, version, type RequestOf } from './contract';

/** q1…q27, as `DASH_KEY` says. */
export const DASH_KEY_PATTERN = '^q([1-9]|1[0-9]|2[0-7])$';

/** POST /cases/:id/risk-assessments: answers q1…q27, an optional judgement (a rationale is required with it, 422). */
export const RISK_ASSESSMENT_REQUEST = contract('assessment', {
  type: 'object',
  additionalProperties: false,
  required: ['answers'],
  properties: {
    answers: { type: 'object', additionalProperties: false, patternProperties: { [DASH_KEY_PATTERN]: { enum: DASH_ANSWERS } } },
    judgement: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['grade', 'rationale'],
      properties: { grade: { enum: RISK_GRADES }, rationale: text(5000) },
    }),
    version,
  },
});
/** The body as sent; `answers` maps q1…q27 to an answer (DashAnswers fits). */
export type RiskAssessmentRequest = RequestOf<typeof RISK_ASSESSMENT_REQUEST>;
