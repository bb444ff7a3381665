import { contract, nullable, requiredText, version, type RequestOf } from './contract';

/**
 * PUT /cases/:id/outreach-area: a caseworker corrects where outreach is allocated. `area` is one of the areas of the
 * configured postcode table (400 naming /area otherwise), or null for "out of county" (no team here covers the
 * victim's home); `reason` says why (kept in the audit trail). A later police report does not undo it.
 */
export const OUTREACH_AREA_REQUEST = contract('outreach area correction', {
  type: 'object',
  additionalProperties: false,
  required: ['area', 'reason'],
  properties: {
    area: nullable(requiredText(80)),
    reason: requiredText(500),
    version,
  },
});
export type OutreachAreaRequest = RequestOf<typeof OUTREACH_AREA_REQUEST>;
