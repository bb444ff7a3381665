import { Injectable } from '@nestjs/common';
import {
  isTooDeep,
  POLICE_REPORT_SCHEMA,
  reportRuleViolations,
  scanJsonStrings,
  type FieldError,
  type PoliceReport,
} from '@lantern/shared/domain';
import { schemaValidator } from '@lantern/api/core';

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
  private readonly validateSchema = schemaValidator(POLICE_REPORT_SCHEMA, 'report');

  validate(body: unknown, now: Date): ValidationResult {
    const errors: FieldError[] = [];
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return { ok: false, errors: [{ path: '/', message: 'must be one report (a JSON object)' }] };
    }
    errors.push(...scanJsonStrings(body));
    if (isTooDeep(errors)) return { ok: false, errors };
    errors.push(...this.validateSchema(body));
    errors.push(...reportRuleViolations(body, now));
    const tool = (body as { officerRiskAssessment?: { tool?: unknown; dash?: unknown } }).officerRiskAssessment;
    if (tool && typeof tool === 'object' && tool.dash !== undefined && tool.tool !== 'dash') {
      errors.push({ path: '/officerRiskAssessment/dash', message: 'DASH answers are allowed only with tool "dash"' });
    }
    if (errors.length) return { ok: false, errors };
    return { ok: true, report: body as PoliceReport };
  }
}
