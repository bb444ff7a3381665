import { CONTROL_FREE, contract, dateTime, nullable, text, type RequestOf } from './contract';

/**
 * A police account's profile (officers and force leads), as an admin sets it. The limits are the police contract's
 * for the officer block and source.force (police-da-report.v1.schema.json), so a profile always fills a valid report.
 */
export const POLICE_FORCE = { type: 'string', minLength: 2, maxLength: 120, pattern: CONTROL_FREE } as const;
/** A collar (shoulder) number: letters, digits, space, slash or dash, e.g. "HT4821" or "PC 4012". */
export const COLLAR_NUMBER = { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9 /-]{0,19}$' } as const;
export const POLICE_TEAM = text(120);
export const WORK_EMAIL = { type: 'string', format: 'email', maxLength: 200 } as const;

/** GET /officer/referrals: the officer's own referrals, newest first; `before` pages back (received before that instant). */
export const OFFICER_REFERRALS_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: {
    before: dateTime,
  },
});
export type OfficerReferralsQuery = RequestOf<typeof OFFICER_REFERRALS_QUERY>;

/** The profile fields of an account request (create, or change roles): each may be null to clear it. */
export const POLICE_PROFILE_FIELDS = {
  force: nullable(POLICE_FORCE),
  collarNumber: nullable(COLLAR_NUMBER),
  team: nullable(POLICE_TEAM),
  email: nullable(WORK_EMAIL),
} as const;
