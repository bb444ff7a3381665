import { ANSWER_SOURCES } from '../police-risk';
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
    /** Where each answer came from; prefilled police answers are 'police-prefill' unless the victim confirmed them. */
    sources: {
      type: 'object',
      description: "Where each answer came from: {qN: 'victim' | 'police-prefill' | 'other-agency'}; only for answered questions.",
      additionalProperties: false,
      patternProperties: { [DASH_KEY_PATTERN]: { enum: ANSWER_SOURCES } },
    },
    version,
  },
});
/** The body as sent; `answers` maps q1…q27 to an answer (DashAnswers fits). */
export type RiskAssessmentRequest = RequestOf<typeof RISK_ASSESSMENT_REQUEST>;

/**
 * POST /cases/:id/risk/agreed-with-police (team leads): grade the case below the police grade, with a reason.
 * 422 when the grade is not below the police grade (or below the hub's own assessment) or the reason is blank.
 */
export const AGREED_WITH_POLICE_REQUEST = contract('agreed-with-police decision', {
  type: 'object',
  additionalProperties: false,
  required: ['grade', 'reason'],
  properties: { grade: { enum: RISK_GRADES }, reason: text(2000), version },
});
export type AgreedWithPoliceRequest = RequestOf<typeof AGREED_WITH_POLICE_REQUEST>;
