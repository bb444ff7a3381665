import { contract, date, type RequestOf } from './contract';

/**
 * GET /force/dashboard(.csv): London dates `from`…`to` inclusive (default this month and the eleven before it); at
 * most 24 months. Nothing else: the force is always the signed-in force lead's own, never a parameter.
 */
export const FORCE_DASHBOARD_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: { from: date, to: date },
});
export type ForceDashboardQuery = RequestOf<typeof FORCE_DASHBOARD_QUERY>;
