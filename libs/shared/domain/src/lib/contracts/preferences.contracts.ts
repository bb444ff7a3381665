import { contract, type RequestOf } from './contract';

/**
 * The queue's columns, in the order they are shown. The reference, the victim and the risk grade identify a row
 * and cannot be hidden; the rest a user may hide (saved in their preferences).
 */
export const QUEUE_COLUMNS = [
  'grade',
  'victim',
  'reference',
  'assignee',
  'timeLeft',
  'waiting',
  'flags',
  'children',
  'area',
  'priority',
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];
export const QUEUE_FIXED_COLUMNS: readonly QueueColumn[] = ['grade', 'victim', 'reference'];

export const QUEUE_DENSITIES = ['comfortable', 'compact'] as const;
export type QueueDensity = (typeof QUEUE_DENSITIES)[number];

/** The largest preferences document stored (serialised JSON, bytes): a small store, never a place for data. */
export const PREFERENCES_MAX_BYTES = 4096;

/**
 * PUT /me/preferences: the signed-in user's workbench preferences, the whole document (known keys only). Missing
 * keys take their defaults (DEFAULT_PREFERENCES); nothing here is personal data about anyone else.
 */
export const PREFERENCES_REQUEST = contract('preferences', {
  type: 'object',
  additionalProperties: false,
  properties: {
    queue: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** The columns to show, any order (shown in QUEUE_COLUMNS order); the fixed ones are shown whatever. */
        columns: { type: 'array', items: { enum: QUEUE_COLUMNS }, uniqueItems: true, maxItems: QUEUE_COLUMNS.length },
        density: { enum: QUEUE_DENSITIES },
      },
    },
    arrivals: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** A sound and a desktop notification for each high-risk arrival (off unless the user turns it on). */
        alerts: { type: 'boolean' },
      },
    },
  },
});
export type PreferencesRequest = RequestOf<typeof PREFERENCES_REQUEST>;

/** Preferences with every key filled in: what GET /me/preferences answers and the workbench applies. */
export interface Preferences {
  queue: { columns: QueueColumn[]; density: QueueDensity };
  arrivals: { alerts: boolean };
}

export const DEFAULT_PREFERENCES: Preferences = {
  queue: { columns: [...QUEUE_COLUMNS], density: 'comfortable' },
  arrivals: { alerts: false },
};

/**
 * Fills in defaults and drops what is no longer known (a stored document from an older release, a column since
 * removed): a stored document never breaks the workbench. The fixed columns are always in; order is QUEUE_COLUMNS'.
 */
export function resolvePreferences(stored: unknown): Preferences {
  const doc = isRecord(stored) ? stored : {};
  const queue = isRecord(doc['queue']) ? doc['queue'] : {};
  const arrivals = isRecord(doc['arrivals']) ? doc['arrivals'] : {};
  const chosen = Array.isArray(queue['columns']) ? (queue['columns'] as unknown[]) : null;
  const columns = chosen
    ? QUEUE_COLUMNS.filter((c) => QUEUE_FIXED_COLUMNS.includes(c) || chosen.includes(c))
    : [...DEFAULT_PREFERENCES.queue.columns];
  const density = QUEUE_DENSITIES.find((d) => d === queue['density']) ?? DEFAULT_PREFERENCES.queue.density;
  return {
    queue: { columns, density },
    arrivals: { alerts: arrivals['alerts'] === true },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
