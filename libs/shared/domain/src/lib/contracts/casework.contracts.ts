import { CASE_STATUSES } from '../case';
import { CLOSURE_REASONS } from '../lifecycle';
import { NEED_DOMAINS, NEED_URGENCIES } from '../needs';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from '../safe-contact';
import { WEEKDAYS } from '../hub-calendar';
import { contract, date, dateTime, hhmm, nullable, requiredText, text, uuid, version, type RequestOf } from './contract';

/** POST /cases/:id/claim: optionally the version the caseworker saw (409 if the case moved on). */
export const CLAIM_CASE_REQUEST = contract('claim', {
  type: 'object',
  additionalProperties: false,
  properties: { version },
});
export type ClaimCaseRequest = RequestOf<typeof CLAIM_CASE_REQUEST>;

/** POST /cases/:id/release: the assignee (or a team lead) gives a claimed case back to the queue. */
export const RELEASE_CASE_REQUEST = contract('release', {
  type: 'object',
  additionalProperties: false,
  properties: { version },
});
export type ReleaseCaseRequest = RequestOf<typeof RELEASE_CASE_REQUEST>;

/** POST /cases/:id/assign (team leads): a caseworker or team lead, or null to unassign. */
export const ASSIGN_CASE_REQUEST = contract('assignment', {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: { userId: nullable(uuid), version },
});
export type AssignCaseRequest = RequestOf<typeof ASSIGN_CASE_REQUEST>;

/** POST /cases/:id/status: a move along the lifecycle table; closing or reopening needs a reason. */
export const CASE_STATUS_REQUEST = contract('status change', {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { enum: CASE_STATUSES },
    reason: requiredText(2000),
    closureReason: { enum: CLOSURE_REASONS },
    /** A team lead closing a high-risk or MARAC case without a MARAC referral record (or enough contact attempts): why. */
    overrideReason: requiredText(2000),
    version,
  },
});
export type CaseStatusRequest = RequestOf<typeof CASE_STATUS_REQUEST>;

const PHONE = { type: 'string', pattern: '^[0-9+ ()-]{6,30}$', maxLength: 30 } as const;
const EMAIL = { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 } as const;

/** A safe window: days, and HH:mm in London time; `to` earlier than `from` crosses midnight (22:00–02:00). */
const SAFE_WINDOW_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['days', 'from', 'to'],
  properties: {
    days: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { enum: WEEKDAYS } },
    from: hhmm,
    to: hhmm,
  },
} as const;

/** The safe-contact plan as a caseworker confirms or edits it. */
export const SAFE_CONTACT_PLAN_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['numbers', 'windows', 'channels'],
  properties: {
    numbers: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'owner', 'safe'],
        properties: {
          number: PHONE,
          owner: { enum: ['victim', 'suspect', 'other'] },
          safe: { type: 'boolean' },
          // The victim's number that the suspect may answer: calls only, "Is it safe to talk now?" first.
          shared: { type: 'boolean' },
          label: text(200),
        },
      },
    },
    emails: { type: 'array', maxItems: 10, items: EMAIL },
    windows: { type: 'array', maxItems: 50, items: SAFE_WINDOW_INPUT },
    channels: { type: 'array', maxItems: 6, items: { enum: CONTACT_CHANNELS } },
    codeWord: nullable(text(1000)),
    // The officer's words are the police's: accepted for older clients, ignored (the plan keeps them as sent).
    safeTimesText: nullable(text(1000)),
    // 'unknown' is what the API derives from an officer's free text; a caseworker settles it as any or windows.
    // Omitted: the plan keeps the time rule it has (an unconfirmed one stays unconfirmed, never silently "any").
    timeRule: { enum: ['any', 'windows'] },
    notes: nullable(text(1000)),
  },
} as const;

/** PUT /cases/:id/safe-contact. */
export const SAFE_CONTACT_UPDATE_REQUEST = contract('safe-contact update', {
  type: 'object',
  additionalProperties: false,
  required: ['plan'],
  properties: { plan: SAFE_CONTACT_PLAN_INPUT, version },
});
export type SafeContactUpdateRequest = RequestOf<typeof SAFE_CONTACT_UPDATE_REQUEST>;

/**
 * POST /cases/:id/safe-contact/times: confirms when the victim may be contacted, in one action. Exactly one of
 * `{useSuggestion: true}` (the suggestion Lantern read from the officer's words), `{timeRule: "windows", windows}`
 * or `{timeRule: "any"}` (recorded explicitly); `version` optional, as for every case write.
 */
export const SAFE_TIMES_CONFIRM_REQUEST = contract('safe-times confirmation', {
  type: 'object',
  additionalProperties: false,
  properties: {
    useSuggestion: { const: true },
    timeRule: { enum: ['windows', 'any'] },
    windows: { type: 'array', minItems: 1, maxItems: 50, items: SAFE_WINDOW_INPUT },
    version,
  },
  // With the suggestion, nothing else; otherwise a time rule, and windows exactly when it is "windows".
  if: { properties: { useSuggestion: { const: true } }, required: ['useSuggestion'] },
  then: { properties: { timeRule: { not: {} }, windows: { not: {} } } },
  else: {
    properties: { timeRule: {} },
    required: ['timeRule'],
    if: { properties: { timeRule: { const: 'windows' } }, required: ['timeRule'] },
    then: { properties: { windows: {} }, required: ['windows'] },
    else: { properties: { windows: { not: {} } } },
  },
});
export type SafeTimesConfirmRequest = RequestOf<typeof SAFE_TIMES_CONFIRM_REQUEST>;

/** POST /cases/:id/contact-attempts: refused (422) when unsafe unless `override` carries a written reason. */
export const CONTACT_ATTEMPT_REQUEST = contract('contact attempt', {
  type: 'object',
  additionalProperties: false,
  required: ['channel'],
  properties: {
    channel: { enum: CONTACT_CHANNELS },
    to: nullable(requiredText(200)),
    at: {
      ...dateTime,
      description:
        'When the attempt was made (default: now). 400 at /at when more than 15 minutes in the future or over a minute before the police report was made (the earliest incident.reportedAt of the case’s reports, or the hub receiving it if earlier).',
    },
    outcome: nullable({ enum: CONTACT_OUTCOMES }),
    // The answer to "Is it safe to talk now?": required on a call to a shared number unless nobody answered.
    safeToTalk: nullable({ type: 'boolean' }),
    notes: nullable(requiredText(5000)),
    override: nullable({ type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: requiredText(2000) } }),
    version,
    callbackId: uuid,
  },
});
export type ContactAttemptRequest = RequestOf<typeof CONTACT_ATTEMPT_REQUEST>;

/** POST /cases/:id/contact/resume (team leads). */
export const RESUME_CONTACT_REQUEST = contract('resumption', {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: requiredText(2000) },
});
export type ResumeContactRequest = RequestOf<typeof RESUME_CONTACT_REQUEST>;

/** POST /cases/:id/callbacks: inside the victim's safe times and the hub's staffed hours, else 422. */
export const CALLBACK_REQUEST = contract('call-back', {
  type: 'object',
  additionalProperties: false,
  required: ['dueAt'],
  properties: { dueAt: dateTime, notes: nullable(text(2000)) },
});
export type CallbackRequest = RequestOf<typeof CALLBACK_REQUEST>;

/** POST /callbacks/:id/cancel: a pending call-back is cancelled, with an optional reason. */
export const CANCEL_CALLBACK_REQUEST = contract('call-back cancellation', {
  type: 'object',
  additionalProperties: false,
  properties: { reason: requiredText(2000) },
});
export type CancelCallbackRequest = RequestOf<typeof CANCEL_CALLBACK_REQUEST>;

/** POST /callbacks/:id/reschedule: a pending call-back moves to a new time, under the rules of scheduling one. */
export const RESCHEDULE_CALLBACK_REQUEST = contract('call-back reschedule', {
  type: 'object',
  additionalProperties: false,
  required: ['dueAt'],
  properties: { dueAt: dateTime, notes: nullable(text(2000)) },
});
export type RescheduleCallbackRequest = RequestOf<typeof RESCHEDULE_CALLBACK_REQUEST>;

const NEED_ENTRY = {
  type: 'object',
  additionalProperties: false,
  required: ['need'],
  properties: { need: { type: 'boolean' }, urgency: nullable({ enum: NEED_URGENCIES }), notes: nullable(text(5000)) },
  // A need needs an urgency.
  if: { properties: { need: { const: true } }, required: ['need'] },
  then: { required: ['urgency'], properties: { urgency: { enum: NEED_URGENCIES } } },
} as const;

const basedOnVersion = nullable(version);

/** PUT /cases/:id/needs: `basedOnVersion` is the version edited (0 or absent for none); 409 if someone saved since. */
export const SAVE_NEEDS_REQUEST = contract('needs assessment', {
  type: 'object',
  additionalProperties: false,
  required: ['content'],
  properties: {
    content: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(NEED_DOMAINS.map((d) => [d.id, NEED_ENTRY])) as {
        [K in (typeof NEED_DOMAINS)[number]['id']]: typeof NEED_ENTRY;
      },
    },
    basedOnVersion,
  },
});
export type SaveNeedsRequest = RequestOf<typeof SAVE_NEEDS_REQUEST>;

/** PUT /cases/:id/safety-plan. */
export const SAVE_SAFETY_PLAN_REQUEST = contract('safety plan', {
  type: 'object',
  additionalProperties: false,
  required: ['content'],
  properties: {
    content: {
      type: 'object',
      additionalProperties: false,
      required: ['actions'],
      properties: {
        actions: {
          type: 'array',
          maxItems: 100,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['action', 'owner'],
            properties: {
              id: uuid,
              action: requiredText(1000),
              owner: { enum: ['victim', 'caseworker', 'other'] },
              agreed: { type: 'boolean' },
              done: { type: 'boolean' },
              due: nullable(date),
            },
          },
        },
        notes: nullable(text(5000)),
      },
    },
    basedOnVersion,
  },
});
export type SaveSafetyPlanRequest = RequestOf<typeof SAVE_SAFETY_PLAN_REQUEST>;

/**
 * GET /callbacks/due: `scope=all` (team leads) for everyone's; `within`: minutes ahead (1–1440, default 15), so a
 * browser can hold the next hours' call-backs and show each as it comes due without asking again.
 */
export const DUE_CALLBACKS_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { enum: ['all', 'mine'] },
    within: { type: 'string', maxLength: 4, pattern: '^([1-9][0-9]{0,2}|1[0-3][0-9]{2}|14[0-3][0-9]|1440)$' },
  },
});
export type DueCallbacksQuery = RequestOf<typeof DUE_CALLBACKS_QUERY>;
