import { Injectable } from '@nestjs/common';
import {
  cleanIdentifier,
  isTooDeep,
  POLICE_REPORT_SCHEMA,
  reportRuleViolations,
  scanJsonStrings,
  type FieldError,
  type PoliceReport,
} from '@lantern/shared/domain';
import { schemaValidator } from '@lantern/api/core';

export type ValidationResult = { ok: true; report: PoliceReport } | { ok: false; errors: FieldError[] };

/** Unicode NFC for every string and key (the report as stored); `seen.changed` says whether anything changed. */
function nfc<T>(value: T, seen: { changed: boolean }): T {
  if (typeof value === 'string') {
    const n = value.normalize('NFC');
    if (n !== value) seen.changed = true;
    return n as T;
  }
  if (Array.isArray(value)) return value.map((v) => nfc(v, seen)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[nfc(k, seen)] = nfc(v, seen);
    return out as T;
  }
  return value;
}

/** Validates one police report: the JSON Schema (every error), then the contract's rules beyond it; the report in NFC. */
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
    // The report is stored in NFC. Validation saw what was sent; where normalising changed it, what is stored is
    // checked too: a composed form can be longer than the limit the sent text was within (U+FB2C is 3 characters
    // in NFC), and two keys can become one.
    const seen = { changed: false };
    const report = nfc(body, seen) as PoliceReport;
    if (seen.changed) {
      const after = this.validateSchema(report);
      if (after.length) return { ok: false, errors: after.map((e) => ({ ...e, message: `${e.message} (in Unicode NFC, as stored)` })) };
    }
    // The police person ids link her reports into one history (and tell a revision that names another victim): compared
    // and stored without invisible characters or spaces around them. A CSV import's cell copied from an e-mail
    // ("P0100000\u200B") or a feed's padded field (" P0100000") made the same woman a second person, her history and
    // the repeat-victim flag lost (a review of messy extracts, session 48). One of nothing else is no id (as "" was).
    for (const who of ['victim', 'suspect'] as const) {
      const person = report[who] as { personId?: string } | undefined;
      if (typeof person?.personId !== 'string') continue;
      const id = cleanIdentifier(person.personId);
      if (id) person.personId = id;
      else delete person.personId;
    }
    return { ok: true, report };
  }
}
