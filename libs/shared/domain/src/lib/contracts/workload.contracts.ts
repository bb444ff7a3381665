import { WEEKDAYS, type Weekday } from '../hub-calendar';
import { AVAILABILITIES } from '../workload';
import { contract, hhmm, nullable, type RequestOf } from './contract';

/** PUT /users/me/availability. */
export const AVAILABILITY_REQUEST = contract('availability', {
  type: 'object',
  additionalProperties: false,
  required: ['availability'],
  properties: { availability: { enum: AVAILABILITIES } },
});
export type AvailabilityRequest = RequestOf<typeof AVAILABILITY_REQUEST>;

const SHIFT = nullable({
  type: 'object',
  additionalProperties: false,
  required: ['open', 'close'],
  properties: { open: hhmm, close: hhmm },
});

/** PUT /users/:id/rota (team leads, admins): a weekly rota inside the hub's staffed hours; null = whenever staffed. */
export const ROTA_REQUEST = contract('rota', {
  type: 'object',
  additionalProperties: false,
  required: ['rota'],
  properties: {
    rota: nullable({
      type: 'object',
      additionalProperties: false,
      required: WEEKDAYS,
      properties: Object.fromEntries(WEEKDAYS.map((d) => [d, SHIFT])) as { [D in Weekday]: typeof SHIFT },
    }),
  },
});
export type RotaRequest = RequestOf<typeof ROTA_REQUEST>;
