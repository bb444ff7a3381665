import { contract, requiredText, type RequestOf } from './contract';

/** POST /auth/login (public): a NUL or other control character is a 400 here, never a database error. */
export const LOGIN_REQUEST = contract('sign-in', {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: requiredText(100),
    // Passwords are compared, never stored or sent to the database: any character is allowed but length is bounded.
    password: { type: 'string', minLength: 1, maxLength: 1000 },
    // The second factor (RFC 6238, six digits) when the account has one or is enrolling.
    otp: { type: 'string', minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' },
    // Finishes a required enrolment: the token the 401 `mfa-enrolment-required` answer carried.
    enrolmentToken: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^[A-Za-z0-9_.-]+$' },
    // Sets the new password at the same time, when the account must change its one-time password.
    newPassword: { type: 'string', minLength: 1, maxLength: 1000 },
  },
});
export type LoginRequest = RequestOf<typeof LOGIN_REQUEST>;

/** POST /auth/password: the signed-in user changes their password (checked against the password policy). */
export const CHANGE_PASSWORD_REQUEST = contract('password change', {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 1000 },
    newPassword: { type: 'string', minLength: 1, maxLength: 1000 },
  },
});
export type ChangePasswordRequest = RequestOf<typeof CHANGE_PASSWORD_REQUEST>;

/** POST /auth/mfa/confirm: the first code from the authenticator, with the token /auth/mfa/setup returned. */
export const MFA_CONFIRM_REQUEST = contract('second-factor confirmation', {
  type: 'object',
  additionalProperties: false,
  required: ['otp', 'enrolmentToken'],
  properties: {
    otp: { type: 'string', minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' },
    enrolmentToken: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^[A-Za-z0-9_.-]+$' },
  },
});
export type MfaConfirmRequest = RequestOf<typeof MFA_CONFIRM_REQUEST>;

/** What /auth/mfa/setup and a 401 `mfa-enrolment-required` hand the user to load into an authenticator app. */
export interface MfaEnrolment {
  /** Base32, as authenticator apps take it when typed. */
  secret: string;
  otpauthUri: string;
  /** Short-lived, signed: binds the user and this secret until the first code confirms it. */
  enrolmentToken: string;
}

/** The stable codes of sign-in refusals (problem+json `code`), so the workbench can ask for what is missing. */
export const SIGN_IN_CODES = [
  'unauthenticated',
  'mfa-required',
  'mfa-invalid',
  'mfa-enrolment-required',
  'password-change-required',
  'one-time-password-expired',
] as const;
export type SignInCode = (typeof SIGN_IN_CODES)[number];
