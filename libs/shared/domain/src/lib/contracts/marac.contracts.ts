import { contract, requiredText, text, type RequestOf } from './contract';

/** POST /cases/:id/marac-referrals: the MARAC the case goes to (its area), and an optional note for the record. */
export const MARAC_REFERRAL_REQUEST = contract('MARAC referral', {
  type: 'object',
  additionalProperties: false,
  required: ['maracArea'],
  properties: {
    maracArea: requiredText(120),
    note: text(2000),
  },
});
export type MaracReferralRequest = RequestOf<typeof MARAC_REFERRAL_REQUEST>;
