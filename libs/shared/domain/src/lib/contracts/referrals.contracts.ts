import { CHILDRENS_SERVICES_DECISIONS, VICTIM_INFORMED_VALUES } from '../children';
import { DELIVERY_CHANNELS, SERVICE_GENDERS, SERVICE_KINDS } from '../eligibility';
import { WEEKDAYS, type Weekday } from '../hub-calendar';
import { LAWFUL_BASIS_CODE_PATTERN } from '../lawful-basis';
import { REFERRAL_OUTCOMES } from '../referral';
import { RISK_GRADES } from '../report';
import { contract, hhmm, nullable, requiredText, text, uuid, version, type RequestOf } from './contract';

/** A directory key: lower-case letters, digits and dashes (partner ids and service keys). */
export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
export const slug = { type: 'string', pattern: SLUG_PATTERN, maxLength: 63 } as const;

const DAY = nullable({ type: 'array', prefixItems: [hhmm, hhmm], minItems: 2, maxItems: 2, items: false });
const AGE = nullable({ type: 'integer', minimum: 0, maximum: 120 });
const weekdays = <const S>(s: S) => Object.fromEntries(WEEKDAYS.map((d) => [d, s])) as { [D in Weekday]: S };

const PARTNER_SERVICE_PROPERTIES = {
  service: slug,
  partnerId: slug,
  partnerName: { ...requiredText(120), minLength: 2 },
  serviceName: { ...requiredText(160), minLength: 2 },
  kind: { enum: SERVICE_KINDS },
  rule: {
    type: 'object',
    additionalProperties: false,
    required: [
      'grades',
      'acceptsMarac',
      'genders',
      'minAge',
      'maxAge',
      'areas',
      'requiresChildren',
      'requiresAssociatedPerson',
      'statutory',
    ],
    properties: {
      grades: { type: 'array', uniqueItems: true, maxItems: 3, items: { enum: RISK_GRADES } },
      acceptsMarac: { type: 'boolean' },
      genders: { type: 'array', uniqueItems: true, maxItems: 4, items: { enum: SERVICE_GENDERS } },
      minAge: AGE,
      maxAge: AGE,
      areas: { type: 'array', uniqueItems: true, maxItems: 50, items: { ...requiredText(80), minLength: 2 } },
      requiresChildren: { type: 'boolean' },
      requiresAssociatedPerson: { type: 'boolean' },
      statutory: { type: 'boolean' },
    },
  },
  hours: nullable({ type: 'object', additionalProperties: false, required: WEEKDAYS, properties: weekdays(DAY) }),
  channel: { enum: DELIVERY_CHANNELS },
  acknowledgeWithinHours: { type: 'integer', minimum: 1, maximum: 336 },
  notifyEmail: { type: 'string', format: 'email', maxLength: 254 },
  active: { type: 'boolean' },
  version: { ...version, minimum: 1 },
} as const;

const PARTNER_SERVICE_REQUIRED = [
  'partnerId',
  'partnerName',
  'serviceName',
  'kind',
  'rule',
  'hours',
  'channel',
  'acknowledgeWithinHours',
  'notifyEmail',
] as const;

/** POST /partners (admins): a new directory entry, with its key `service`. */
export const CREATE_PARTNER_SERVICE_REQUEST = contract('partner service', {
  type: 'object',
  additionalProperties: false,
  required: [...PARTNER_SERVICE_REQUIRED, 'service'],
  properties: PARTNER_SERVICE_PROPERTIES,
});
export type CreatePartnerServiceRequest = RequestOf<typeof CREATE_PARTNER_SERVICE_REQUEST>;

/** PUT /partners/:service (admins): the whole entry, with the `version` edited (409 if changed since). */
export const UPDATE_PARTNER_SERVICE_REQUEST = contract('partner service', {
  type: 'object',
  additionalProperties: false,
  required: [...PARTNER_SERVICE_REQUIRED, 'version'],
  properties: PARTNER_SERVICE_PROPERTIES,
});
export type UpdatePartnerServiceRequest = RequestOf<typeof UPDATE_PARTNER_SERVICE_REQUEST>;

/** GET /partners: `include=inactive` lists deactivated services too. */
export const PARTNERS_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: { include: { enum: ['inactive'] } },
});
export type PartnersQuery = RequestOf<typeof PARTNERS_QUERY>;

/**
 * POST /cases/:id/referrals: 201 (sent unless `draft`), 422 not-eligible / consent-required. A children's services
 * referral needs no consent (statutory safeguarding) but records whether the victim was or will be told
 * (`victimInformed: 'yes'`) or why not (`'no-risk-to-child'` with `victimInformedReason`): 400 naming the path
 * otherwise, and for any other kind of service.
 */
export const CREATE_REFERRAL_REQUEST = contract('referral', {
  type: 'object',
  additionalProperties: false,
  required: ['partnerId', 'service'],
  properties: {
    partnerId: slug,
    service: slug,
    notes: nullable(requiredText(2000)),
    draft: { type: 'boolean' },
    victimInformed: {
      enum: VICTIM_INFORMED_VALUES,
      description:
        "Children's services only (required there): 'yes' = the victim was or will be told of this statutory referral; 'no-risk-to-child' = not told, because that would put a child at risk (give victimInformedReason)",
    },
    victimInformedReason: {
      ...nullable(requiredText(2000)),
      description: "Why telling the victim would put a child at risk (with 'no-risk-to-child')",
    },
  },
});
export type CreateReferralRequest = RequestOf<typeof CREATE_REFERRAL_REQUEST>;

/**
 * POST /cases/:id/safeguarding-basis (team leads): the lawful basis for sharing without consent. `ground` is the
 * code of one of the configured lawful bases (GET /lawful-bases): the list is configuration, so the API checks it.
 */
export const SAFEGUARDING_BASIS_REQUEST = contract('safeguarding basis', {
  type: 'object',
  additionalProperties: false,
  required: ['ground', 'reason'],
  properties: { ground: { type: 'string', pattern: LAWFUL_BASIS_CODE_PATTERN, maxLength: 63 }, reason: requiredText(2000) },
});
export type SafeguardingBasisRequest = RequestOf<typeof SAFEGUARDING_BASIS_REQUEST>;

/**
 * POST /referrals/:id/:action. `decline` and `revoke` need `reason`, `outcome` needs `outcome` (checked with the
 * action, which is a path parameter); `version` is the referral version seen (409 if it changed).
 */
export const REFERRAL_ACTION_REQUEST = contract('referral action', {
  type: 'object',
  additionalProperties: false,
  properties: { reason: text(2000), outcome: { enum: REFERRAL_OUTCOMES }, note: nullable(text(2000)), version },
});
export type ReferralActionRequest = RequestOf<typeof REFERRAL_ACTION_REQUEST>;

/** GET /referrals: `caseId` for one case's referrals (staff). */
export const REFERRALS_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: { caseId: uuid },
});
export type ReferralsQuery = RequestOf<typeof REFERRALS_QUERY>;

/**
 * PUT /cases/:id/childrens-services-decision: a caseworker records what the hub decided about children's services for
 * the children in the household when it sends no referral of its own (police-notified, already-involved, not-needed),
 * and why: the closing rule `childrens-services-decision-required` asks for this or a sent referral. The reason is
 * kept beside the audit trail (it may name a social worker or a police reference), named there by `reasonId`.
 */
export const CHILDRENS_SERVICES_DECISION_REQUEST = contract("children's services decision", {
  type: 'object',
  additionalProperties: false,
  required: ['decision', 'reason'],
  properties: {
    decision: { enum: CHILDRENS_SERVICES_DECISIONS },
    reason: requiredText(1000),
    version,
  },
});
export type ChildrensServicesDecisionRequest = RequestOf<typeof CHILDRENS_SERVICES_DECISION_REQUEST>;
