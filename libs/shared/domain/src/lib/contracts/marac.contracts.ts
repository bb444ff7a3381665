import { contract, requiredText, text, version, type RequestOf } from './contract';

/** POST /cases/:id/marac-referrals: the MARAC the case goes to (its area), and an optional note for the record. */
export const MARAC_REFERRAL_REQUEST = contract('MARAC referral', {
  type: 'object',
  additionalProperties: false,
  required: ['maracArea'],
  properties: {
    maracArea: requiredText(120),
    note: text(2000),
    /**
     * The case version the referrer saw (optional). Below the version of a police revision that has since named another
     * person as the victim: 409 `victim-changed` (the referral would be of the earlier person).
     */
    version,
  },
});
export type MaracReferralRequest = RequestOf<typeof MARAC_REFERRAL_REQUEST>;
