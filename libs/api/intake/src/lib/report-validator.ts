import { Injectable } from '@nestjs/common';
import { POLICE_REPORT_SCHEMA, reportRuleViolations, scanJsonStrings, type FieldError, type PoliceReport } from '@lantern/shared/domain';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

/**
 * Adds `notBlank` to every string subschema with minLength ≥ 1: the contract's "required strings must not be
 * blank after trimming" (every required string in the schema has minLength ≥ 1, as do offence items).
 * Works on a copy; the schema file itself stays byte-identical to the contract.
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

function errorPath(e: ErrorObject): string {
  const base = e.instancePath;
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${base}/${String(p['missingProperty']).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (e.keyword === 'additionalProperties') {
    return `${base}/${String(p['additionalProperty']).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return base || '/';
}

function errorMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this report';
    case 'enum':
      return `must be one of: ${(p['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'notBlank':
      return 'must not be blank';
    default:
      return e.message ?? 'is invalid';
  }
}

export type ValidationResult = { ok: true; report: PoliceReport } | { ok: false; errors: FieldError[] };

/** Unicode NFC for every string and key; run after validation (validation sees what was sent). */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeNfc) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = normalizeNfc(v);
    return out as T;
  }
  return value;
}

/** Validates one police report: the JSON Schema (every error), then the contract's rules beyond it. */
@Injectable()
export class ReportValidator {
  private readonly validateSchema: ValidateFunction;

  constructor() {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    // ajv-formats is CommonJS: its plugin is the module itself or its `default`, depending on the loader.
    const plugin = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
    plugin(ajv);
    ajv.addKeyword({
      keyword: 'notBlank',
      type: 'string',
      schemaType: 'boolean',
      errors: true,
      validate: function notBlank(enabled: boolean, data: string) {
        return !enabled || data.trim().length > 0;
      },
    });
    this.validateSchema = ajv.compile(withNotBlank(POLICE_REPORT_SCHEMA) as Schema);
  }

  validate(body: unknown, now: Date): ValidationResult {
    const errors: FieldError[] = [];
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return { ok: false, errors: [{ path: '/', message: 'must be one report (a JSON object)' }] };
    }
    errors.push(...scanJsonStrings(body));
    if (!this.validateSchema(body)) {
      const seen = new Set<string>();
      for (const e of this.validateSchema.errors ?? []) {
        // allErrors reports both the failing keyword and, for notBlank, minLength; keep one line per path+message.
        const fe = { path: errorPath(e), message: errorMessage(e) };
        const key = `${fe.path}\u0000${fe.message}`;
        if (!seen.has(key)) {
          seen.add(key);
          errors.push(fe);
        }
      }
    }
    errors.push(...reportRuleViolations(body, now));
    const tool = (body as { officerRiskAssessment?: { tool?: unknown; dash?: unknown } }).officerRiskAssessment;
    if (tool && typeof tool === 'object' && tool.dash !== undefined && tool.tool !== 'dash') {
      errors.push({ path: '/officerRiskAssessment/dash', message: 'DASH answers are allowed only with tool "dash"' });
    }
    if (errors.length) return { ok: false, errors };
    return { ok: true, report: body as PoliceReport };
  }
}
