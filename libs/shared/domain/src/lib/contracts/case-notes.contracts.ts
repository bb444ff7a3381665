import { CASE_NOTE_MAX_LENGTH } from '../case-notes';
import { contract, requiredText, uuid, type RequestOf } from './contract';

/** POST /cases/:id/notes: the note's words (1–5000 characters); the author and the time are the server's. */
export const CASE_NOTE_REQUEST = contract('case note', {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: requiredText(CASE_NOTE_MAX_LENGTH) },
});
export type CaseNoteRequest = RequestOf<typeof CASE_NOTE_REQUEST>;

/** POST /cases/:id/duplicates: link another case as a possible duplicate of this one, saying why. */
export const CASE_DUPLICATE_REQUEST = contract('duplicate link', {
  type: 'object',
  additionalProperties: false,
  required: ['otherCaseId', 'reason'],
  properties: { otherCaseId: uuid, reason: requiredText(1000) },
});
export type CaseDuplicateRequest = RequestOf<typeof CASE_DUPLICATE_REQUEST>;

/** POST /alerts/acknowledgements (team leads): the alert's key as the tray gave it, and a note saying what was done. */
export const ALERT_ACKNOWLEDGEMENT_REQUEST = contract('alert acknowledgement', {
  type: 'object',
  additionalProperties: false,
  required: ['alertKey', 'note'],
  properties: { alertKey: requiredText(400), note: requiredText(1000) },
});
export type AlertAcknowledgementRequest = RequestOf<typeof ALERT_ACKNOWLEDGEMENT_REQUEST>;

/** POST /me/safety-notices/dismissals: the key of a notice GET /me/safety-notices lists (or the live one's). */
export const SAFETY_NOTICE_DISMISSAL_REQUEST = contract('safety notice dismissal', {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: { key: requiredText(200) },
});
export type SafetyNoticeDismissalRequest = RequestOf<typeof SAFETY_NOTICE_DISMISSAL_REQUEST>;

/** GET /cases/:id?purpose=print: the read is audited with its purpose (the printable case summary). */
export const CASE_READ_QUERY = contract('case read', {
  type: 'object',
  additionalProperties: false,
  properties: { purpose: { enum: ['print'] } },
});
export type CaseReadQuery = RequestOf<typeof CASE_READ_QUERY>;
