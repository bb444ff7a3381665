import { contract, requiredText, uuid, type RequestOf } from './contract';

/**
 * POST /cases/:id/restriction (team leads): restrict the case to the listed active hub users, or lift the
 * restriction (`restricted: false`; the list is then ignored). The reason is kept beside the audit trail.
 */
export const CASE_RESTRICTION_REQUEST = contract('restriction', {
  type: 'object',
  additionalProperties: false,
  required: ['restricted', 'reason'],
  properties: {
    restricted: { type: 'boolean' },
    accessList: { type: 'array', maxItems: 100, uniqueItems: true, items: uuid },
    reason: requiredText(1000),
  },
});
export type CaseRestrictionRequest = RequestOf<typeof CASE_RESTRICTION_REQUEST>;

/** POST /cases/:id/break-glass: why one needs a restricted case one is not listed on (audited, alerted). */
export const BREAK_GLASS_REQUEST = contract('break-glass', {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: requiredText(1000) },
});
export type BreakGlassRequest = RequestOf<typeof BREAK_GLASS_REQUEST>;
