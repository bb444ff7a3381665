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
  },
});
export type LoginRequest = RequestOf<typeof LOGIN_REQUEST>;
