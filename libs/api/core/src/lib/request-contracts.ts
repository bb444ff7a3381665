import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { isTooDeep, scanJsonStrings, uuid as UUID_SCHEMA, type Contract, type FieldError } from '@lantern/shared/domain';
import { Problems } from './problem';
import { schemaValidator } from './json-schema';
import { UUID } from './input';

/**
 * Checks a request body or query against its contract (libs/shared/domain contracts): every string and key for
 * control characters, unpaired surrogates and forbidden keys first, then the JSON Schema with every error. One
 * 400 problem+json names every failing path; what passes is the contract's type.
 */
export class SchemaPipe<T> implements PipeTransform<unknown, T> {
  private readonly validate: (value: unknown) => FieldError[];

  constructor(
    readonly contract: Contract<T>,
    private readonly where: 'body' | 'query',
  ) {
    this.validate = schemaValidator(contract.schema, contract.noun);
  }

  transform(value: unknown): T {
    // No body at all (e.g. a bare POST) is an empty object: required fields then say they are missing.
    const v = value === undefined ? {} : value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw Problems.validation([{ path: '/', message: this.where === 'body' ? 'must be a JSON object' : 'must be a query string' }]);
    }
    const errors = scanJsonStrings(v);
    if (isTooDeep(errors)) throw Problems.validation(errors);
    const seen = new Set(errors.map((e) => e.path));
    // The schema repeats the control-character rule for strings the scan already named: name each path once.
    for (const e of this.validate(v)) if (!(seen.has(e.path) && e.message === 'must not contain control characters')) errors.push(e);
    if (errors.length) throw Problems.validation(errors);
    return v as T;
  }
}

/** Swagger edits the schemas it is given while it builds the document: hand it a copy, never the contract. */
export function forSwagger(schema: object): SchemaObject {
  return structuredClone(schema) as SchemaObject;
}

type SchemaHost = { properties?: Record<string, object>; required?: readonly string[] };

function methodOf(target: object, key: string | symbol | undefined): [object, string | symbol, PropertyDescriptor] {
  if (key === undefined) throw new Error('request contract decorators go on handler parameters');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`no handler ${String(key)}`);
  return [target, key, descriptor];
}

/** The request body, validated against `contract`; documented in the OpenAPI description with the same schema. */
export function ValidBody<T>(contract: Contract<T>): ParameterDecorator {
  const pipe = new SchemaPipe(contract, 'body');
  return (target, key, index) => {
    Body(pipe)(target, key, index);
    ApiBody({ schema: forSwagger(contract.schema), required: true, description: contract.noun })(...methodOf(target, key));
  };
}

/** The whole query, validated against `contract` (one value per parameter); each parameter is documented. */
export function ValidQuery<T>(contract: Contract<T>): ParameterDecorator {
  const pipe = new SchemaPipe(contract, 'query');
  const host = contract.schema as SchemaHost;
  return (target, key, index) => {
    Query(pipe)(target, key, index);
    for (const [name, schema] of Object.entries(host.properties ?? {})) {
      ApiQuery({ name, required: (host.required ?? []).includes(name), schema: forSwagger(schema) })(...methodOf(target, key));
    }
  };
}

/** A path id that is not a canonical UUID names nothing: 404 with the resource's own wording, never a database error. */
export class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly notFound: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw Problems.notFound(this.notFound);
    // One spelling of an id everywhere (the access rule, audit entries, socket rooms compare ids as text).
    return value.toLowerCase();
  }
}

/** A path parameter that must match a pattern (e.g. a directory key), else 404 `notFound`. */
export class PatternPipe implements PipeTransform<unknown, string> {
  private readonly re: RegExp;

  constructor(
    pattern: string,
    private readonly notFound: string,
  ) {
    this.re = new RegExp(pattern, 'u');
  }

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.re.test(value)) throw Problems.notFound(this.notFound);
    return value;
  }
}

/** `:name` as a UUID (404 `notFound` otherwise), documented as one. */
export function IdParam(name = 'id', notFound = 'No such case.'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new UuidPipe(notFound))(target, key, index);
    ApiParam({ name, required: true, schema: forSwagger(UUID_SCHEMA) })(...methodOf(target, key));
  };
}

/** `:name` matching `schema.pattern` (404 `notFound` otherwise), documented with the schema. */
export function PatternParam(name: string, schema: { pattern: string }, notFound: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new PatternPipe(schema.pattern, notFound))(target, key, index);
    ApiParam({ name, required: true, schema: forSwagger(schema) })(...methodOf(target, key));
  };
}
