import { CONTROL_FREE, withoutInvisible, type FieldError } from '@lantern/shared/domain';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

/**
 * Adds `notBlank` to every string subschema with minLength ≥ 1: "required strings must not be blank after
 * trimming". Works on a copy, so a contract schema stays byte-identical to its file.
 */
export function withNotBlank(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNotBlank);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    out[k] = k === 'enum' || k === 'const' ? v : withNotBlank(v);
  }
  if (out['type'] === 'string' && typeof out['minLength'] === 'number' && out['minLength'] >= 1) out['notBlank'] = true;
  return out;
}

const pointer = (s: unknown) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

function errorPath(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${e.instancePath}/${pointer(p['missingProperty'])}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${pointer(p['additionalProperty'])}`;
  return e.instancePath || '/';
}

function errorMessage(e: ErrorObject, noun: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return `is not a field of this ${noun}`;
    case 'enum':
      return `must be one of: ${(p['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'notBlank':
      return 'must not be blank';
    case 'not':
      return 'cannot be given with the other fields of this request';
    case 'pattern':
      return p['pattern'] === CONTROL_FREE ? 'must not contain control characters' : (e.message ?? 'is invalid');
    case 'anyOf':
    case 'oneOf':
      return `must be ${unionOf(e)}`;
    default:
      return e.message ?? 'is invalid';
  }
}

/** The alternatives of a union, as words: "a string or null". */
function unionOf(e: ErrorObject): string {
  const branches = (e.schema ?? []) as Array<Record<string, unknown>>;
  const words = branches.map((b) =>
    b['type'] === 'null'
      ? 'null'
      : b['enum']
        ? `one of ${(b['enum'] as unknown[]).join(', ')}`
        : typeof b['type'] === 'string'
          ? `a${/^[aeiou]/.test(b['type']) ? 'n' : ''} ${b['type']}`
          : 'valid',
  );
  return words.length ? words.join(' or ') : 'valid';
}

/**
 * Leaves one error per failing union (anyOf/oneOf) instead of one per branch, and drops `if` (its `then` errors
 * say what is wrong): deeper errors inside the branch that came closest stay, so paths stay precise.
 */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    return !unions.some((u) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/`) && errorPath(e) === errorPath(u));
  });
}

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An RFC 3339 date-time the API and PostgreSQL can both hold: `Date` can place it (no leap second), its instant falls
 * in the years 1–9999 once its offset is applied (PostgreSQL refused "0000-01-01T00:00:00+00:01" as out of range), and
 * its offset is at most 15:59 either way (RFC 3339 allows up to 23:59; PostgreSQL refuses more, and no zone uses it).
 */
function storableInstant(s: string): boolean {
  const t = Date.parse(s);
  if (Number.isNaN(t) || t < FIRST_INSTANT || t > LAST_INSTANT) return false;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(s);
  return !offset || Number(offset[2]) <= 15;
}

/** A format's own check: a function, a RegExp, or a definition object (ajv-formats gives `{ validate, compare }` for date-time). */
function isFormatValid(def: unknown, s: string): boolean {
  if (typeof def === 'function') return Boolean(def(s));
  if (def instanceof RegExp) return def.test(s);
  const validate = (def as { validate?: unknown } | undefined)?.validate;
  if (typeof validate === 'function') return Boolean(validate(s));
  if (validate instanceof RegExp) return validate.test(s);
  return false;
}

/**
 * Compiles a JSON Schema (2020-12, with formats and non-blank strings) into a function that returns every
 * failure as RFC 9457 field errors (JSON Pointer paths), one line per path and message.
 */
export function schemaValidator(schema: object, noun: string): (value: unknown) => FieldError[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  // ajv-formats is CommonJS: its plugin is the module itself or its `default`, depending on the loader.
  const plugin = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
  plugin(ajv);
  // RFC 3339 allows a leap second ("23:59:60"), which a JavaScript Date cannot hold: such a value passed the format
  // and became an Invalid Date further in. A date-time is one only if it is also an instant the API can hold.
  const rfc3339 = ajv.formats['date-time'];
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isFormatValid(rfc3339, s) && storableInstant(s) });
  // Likewise a date: PostgreSQL has no year 0 ("0000-01-01" passed the format and failed in the database).
  const isoDate = ajv.formats['date'];
  ajv.addFormat('date', { type: 'string', validate: (s: string) => isFormatValid(isoDate, s) && !s.startsWith('0000') });
  ajv.addKeyword({
    keyword: 'notBlank',
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    // Invisible format characters (zero-width space, direction marks: text pasted from Outlook or Teams) are blank
    // too: a name of nothing but U+200B is not a name.
    validate: function notBlank(enabled: boolean, data: string) {
      return !enabled || withoutInvisible(data).trim().length > 0;
    },
  });
  const validate = ajv.compile(withNotBlank(schema) as Schema);
  return (value) => {
    if (validate(value)) return [];
    const seen = new Set<string>();
    const out: FieldError[] = [];
    for (const e of collapse(validate.errors ?? [])) {
      const fe = { path: errorPath(e), message: errorMessage(e, noun) };
      const key = `${fe.path}\u0000${fe.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(fe);
      }
    }
    return out;
  };
}
