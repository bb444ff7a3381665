import { CONSENT_METHODS, HUB_CONSENT_VALUES } from '../consent';
import { contract, nullable, requiredText, version, type RequestOf } from './contract';

/**
 * POST /cases/:id/consent: what the victim said about contact and/or sharing (at least one of the two: a rule
 * across fields, checked by the API), how the hub heard it, and an optional note (kept with the record, never in
 * the audit trail).
 */
export const RECORD_CONSENT_REQUEST = contract('consent record', {
  type: 'object',
  additionalProperties: false,
  required: ['method'],
  properties: {
    contact: { enum: HUB_CONSENT_VALUES },
    sharing: { enum: HUB_CONSENT_VALUES },
    method: { enum: CONSENT_METHODS },
    note: nullable(requiredText(2000)),
    /**
     * The case version the recorder saw (optional). Below the version of a police revision that has since named another
     * person as the victim: 409 `victim-changed` (what was heard may be the earlier person's word).
     */
    version,
  },
});
export type RecordConsentRequest = RequestOf<typeof RECORD_CONSENT_REQUEST>;
