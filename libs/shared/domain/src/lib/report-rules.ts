import { hubDate } from './children';
import type { FieldError } from './problem';

/**
 * The intake rules beyond the JSON Schema (contracts/README.md). Pure: `now` is passed in.
 * They run on the parsed body even when the schema also failed, so one answer names every failing field,
 * and they are defensive about shapes the schema would refuse.
 */
export const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;
export const MAX_AGE_YEARS = 120;
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Control characters U+0000–U+001F except tab and newline, and U+007F: the character class (as RegExp source), so
 * the scan here and the request contracts' `pattern` are one rule.
 */
export const CONTROL_CHAR_CLASS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F';
const CONTROL_CHARS = new RegExp(`[${CONTROL_CHAR_CLASS}]`);

/** RFC 6901 JSON Pointer segment escaping. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A string without Unicode's invisible format characters (category Cf: zero-width space, zero-width joiners, direction
 * marks, the word joiner, a byte-order mark, a soft hyphen), which text copied from an e-mail or a chat brings along
 * unseen. Identifiers compare without them ("P0100000" and "P0100000\u200B" are one person); names and narratives keep
 * them (a zero-width non-joiner is part of some Persian names), but a string of nothing else is blank.
 */
export function withoutInvisible(s: string): string {
  return s.replace(/\p{Cf}/gu, '');
}

/** An identifier as compared and stored: without invisible characters and the spaces around it. */
export function cleanIdentifier(s: string): string {
  return withoutInvisible(s).trim();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringProblem(s: string): string | null {
  if (CONTROL_CHARS.test(s)) return 'must not contain control characters';
  if (!s.isWellFormed()) return 'must not contain unpaired surrogates';
  return null;
}

/**
 * Walks every key and string of any JSON value (iteratively: hostile nesting cannot overflow the stack) and
 * reports forbidden keys, control characters and unpaired surrogates.
 */
/** The deepest nesting of objects and arrays any request or report may have (the police report needs five). */
export const MAX_JSON_DEPTH = 32;
const TOO_DEEP = `is nested more than ${MAX_JSON_DEPTH} levels deep`;

/** Whether a scan (scanJsonStrings) stopped at the nesting limit: validate nothing further. */
export function isTooDeep(errors: readonly FieldError[]): boolean {
  return errors.length === 1 && errors[0].message === TOO_DEEP;
}

export function scanJsonStrings(root: unknown, maxErrors = 100): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length && errors.length < maxErrors) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (depth > MAX_JSON_DEPTH && value !== null && typeof value === 'object') {
      // Nothing Lantern accepts nests this deep; a validator walking it recursively could overflow the stack (a 500).
      // The caller stops here, before any schema runs (isTooDeep).
      return [{ path, message: TOO_DEEP }];
    }
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) errors.push({ path: path || '/', message: problem });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 });
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const childPath = `${path}/${pointerSegment(key)}`;
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push({ path: childPath, message: `the key "${key}" is not allowed` });
          continue;
        }
        const keyProblem = stringProblem(key);
        if (keyProblem) {
          errors.push({ path: childPath, message: `key ${keyProblem}` });
          continue;
        }
        stack.push({ value: value[key], path: childPath, depth: depth + 1 });
      }
    }
  }
  return errors;
}

function get(root: unknown, ...keys: string[]): unknown {
  let v: unknown = root;
  for (const k of keys) {
    if (!isRecord(v) || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

const DATE_TIME_FIELDS: ReadonlyArray<readonly string[]> = [
  ['source', 'sentAt'],
  ['incident', 'occurredAt'],
  ['incident', 'reportedAt'],
  ['consent', 'recordedAt'],
];

const DATE_OF_BIRTH_FIELDS: ReadonlyArray<readonly string[]> = [
  ['victim', 'dateOfBirth'],
  ['suspect', 'dateOfBirth'],
];

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const PHONE_FIELDS: ReadonlyArray<readonly string[]> = [
  ['victim', 'phone'],
  ['victim', 'safeContact', 'phone'],
  ['suspect', 'phone'],
];

function toPath(keys: readonly string[]): string {
  return '/' + keys.map(pointerSegment).join('/');
}

/** Parses an RFC 3339 date-time the schema accepted; NaN for anything Date cannot place (e.g. a leap second). */
function instant(v: unknown): number {
  return typeof v === 'string' ? Date.parse(v) : NaN;
}

/** UTC calendar date `years` years before `now`, as YYYY-MM-DD (29 Feb falls back to 28 Feb). */
function isoDateYearsBefore(now: Date, years: number): string {
  const y = now.getUTCFullYear() - years;
  const m = now.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(now.getUTCDate(), lastDay);
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function reportRuleViolations(body: unknown, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;

  for (const keys of DATE_TIME_FIELDS) {
    const v = get(body, ...keys);
    if (v === undefined) continue;
    const t = instant(v);
    if (typeof v === 'string' && !Number.isNaN(t) && t > latest) {
      errors.push({ path: toPath(keys), message: 'must not be more than 15 minutes in the future' });
    }
  }

  const occurred = instant(get(body, 'incident', 'occurredAt'));
  const reported = instant(get(body, 'incident', 'reportedAt'));
  if (!Number.isNaN(occurred) && !Number.isNaN(reported) && reported < occurred) {
    errors.push({ path: '/incident/reportedAt', message: 'must not be before incident.occurredAt' });
  }

  // Today in the hub's calendar: a baby born just after midnight London time in summer is born today, not tomorrow.
  const today = hubDate(now);
  const oldest = isoDateYearsBefore(now, MAX_AGE_YEARS);
  for (const keys of DATE_OF_BIRTH_FIELDS) {
    const v = get(body, ...keys);
    if (typeof v !== 'string' || !DATE_ONLY.test(v)) continue;
    if (v >= today) errors.push({ path: toPath(keys), message: 'must be in the past' });
    else if (v < oldest) errors.push({ path: toPath(keys), message: `must be at most ${MAX_AGE_YEARS} years ago` });
    // Born after the incident cannot be: taken as "age unknown" it would hide a child from every under-18 rule.
    else if (!Number.isNaN(occurred) && v > hubDate(new Date(occurred)))
      errors.push({ path: toPath(keys), message: 'must not be after the date of incident.occurredAt (Europe/London)' });
  }

  // Phone fields are compared by their digits 0–9 (normalisePhone): full-width or Arabic-Indic digits were read as no
  // number at all (a suspect's phone written so blocked nothing), and a letter O among the digits ("07700 9OO123") as
  // a shorter, wrong one. Refused, naming the field, rather than read wrongly (a review of phone fields, session 48).
  for (const keys of PHONE_FIELDS) {
    const v = get(body, ...keys);
    if (typeof v !== 'string') continue;
    if (/[^\P{Nd}0-9]/u.test(v)) errors.push({ path: toPath(keys), message: 'must be written with the digits 0-9' });
    else if (/[0-9][\s\-.()]*[oO]+[\s\-.()]*[0-9]/.test(v))
      errors.push({ path: toPath(keys), message: 'has the letter O among its digits: write the digit 0' });
  }

  return errors;
}
