/**
 * Request contracts: one JSON Schema (draft 2020-12) per request body or query, and the TypeScript type derived
 * from it at compile time, so the two cannot drift. Plain data: the API compiles them with ajv, swagger prints
 * them at /api/docs-json, the workbench imports the types.
 */
import { CONTROL_CHAR_CLASS } from '../report-rules';

/** A JSON Schema as a plain object (the subset the contracts use). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A request contract: the schema, and (for the compiler only) the type of a value that passes it. */
export interface Contract<T> {
  /** Short name, used in error messages ("is not a field of this contact attempt") and the OpenAPI description. */
  readonly noun: string;
  readonly schema: JsonSchema;
  /** Phantom: never set at runtime. */
  readonly __type?: T;
}

/** The type a value has once it passed the contract. */
export type RequestOf<C> = C extends Contract<infer T> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Primitive<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? unknown[]
          : T extends 'object'
            ? Record<string, unknown>
            : never;

type ObjectOf<P, R> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]>;
  }
>;

type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

/** The TypeScript type of the values a (const) JSON Schema accepts, for the keywords the contracts use. */
export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly anyOf: readonly (infer U)[] }
      ? FromSchema<U>
      : S extends { readonly oneOf: readonly (infer U)[] }
        ? FromSchema<U>
        : S extends { readonly type: 'object'; readonly properties: infer P }
          ? ObjectOf<P, RequiredOf<S>>
          : S extends { readonly type: 'object'; readonly patternProperties: { readonly [k: string]: infer V } }
            ? { [key: string]: FromSchema<V> | undefined }
            : S extends {
                  readonly type: 'object';
                  readonly propertyNames: { readonly enum: readonly (infer K extends string)[] };
                  readonly additionalProperties: infer A;
                }
              ? { [key in K]?: FromSchema<A> }
              : S extends { readonly type: 'array'; readonly prefixItems: readonly [infer A, infer B] }
                ? [FromSchema<A>, FromSchema<B>]
                : S extends { readonly type: 'array'; readonly items: infer I }
                  ? FromSchema<I>[]
                  : S extends { readonly type: readonly (infer T)[] }
                    ? Primitive<T>
                    : S extends { readonly type: infer T }
                      ? Primitive<T>
                      : unknown;

/** Declares a contract; `const` keeps every literal so the derived type is exact. */
export function contract<const S extends JsonSchema>(noun: string, schema: S): Contract<FromSchema<S>> {
  return { noun, schema };
}

/**
 * No control characters (U+0000–U+001F except tab and newline, U+007F): the police contract's rule for every
 * string, and PostgreSQL refuses NUL in text. The API also scans every string and key for these and for
 * unpaired surrogates before the schema runs (scanJsonStrings), so the message is the same everywhere.
 */
export const CONTROL_FREE = `^[^${CONTROL_CHAR_CLASS}]*$`;

/** Free text: bounded and control-free. */
export const text = <const N extends number>(maxLength: N) => ({ type: 'string', maxLength, pattern: CONTROL_FREE }) as const;

/** Non-blank text: `minLength` 1, and the API's `notBlank` keyword refuses whitespace only. */
export const requiredText = <const N extends number>(maxLength: N) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: CONTROL_FREE }) as const;

/** A canonical UUID (what every id in the API is). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const uuid = { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_PATTERN } as const;

/** The version of a record the change was based on (optimistic locking); a PostgreSQL integer. */
export const version = { type: 'integer', minimum: 0, maximum: 2147483647 } as const;

/** An ISO 8601 date-time with a zone (RFC 3339). */
export const dateTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;

/** A calendar date YYYY-MM-DD. */
export const date = { type: 'string', format: 'date', maxLength: 10 } as const;

/** A wall-clock time HH:mm (24:00 allowed as an end). */
export const HHMM_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';
export const hhmm = { type: 'string', pattern: HHMM_PATTERN, maxLength: 5 } as const;

/** `null`, or a value of the schema (OpenAPI 3.1 / JSON Schema 2020-12 style). */
export const nullable = <const S extends JsonSchema>(schema: S) => ({ anyOf: [schema, { type: 'null' }] }) as const;

/** A query value: one string (a repeated parameter arrives as an array and is refused). */
export const queryText = <const N extends number>(maxLength: N) => ({ type: 'string', maxLength, pattern: CONTROL_FREE }) as const;
