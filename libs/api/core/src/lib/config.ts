import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkClosingRules,
  checkLawfulBases,
  checkMaracRules,
  DEFAULT_CLOSING_RULES,
  DEFAULT_MARAC_RULES,
  checkOutreachAreaTable,
  HERTFORDSHIRE_OUTREACH_AREAS,
  DEFAULT_HUB_CALENDAR,
  DEFAULT_LAWFUL_BASES,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_RISK_BANDS,
  DEFAULT_SLA_TARGETS,
  DEFAULT_WORKLOAD_RULES,
  HUB_TIME_ZONE,
  DEFAULT_POLICE_STAFF_RULE,
  type PoliceStaffRule,
  type ClosingRules,
  type HubCalendar,
  type MaracRules,
  type LawfulBasis,
  type OutreachAreaTable,
  type PriorityWeights,
  type RiskBands,
  type SlaTargets,
  type WorkloadRules,
} from '@lantern/shared/domain';

/** The triage rules' configuration: defaults from libs/shared/domain, overridable by a JSON file. */
export interface TriageRulesConfig {
  bands: RiskBands;
  slaTargets: SlaTargets;
  calendar: HubCalendar;
  weights: PriorityWeights;
  /** Load weights per grade and the cap suggestions respect (team-lead workload board). */
  workload: WorkloadRules;
  /** MARAC history criteria: potential escalation (incidents in a window) and the repeat window (docs/triage.md). */
  marac: MaracRules;
  /** No quiet closing: contact-attempt days before a high-risk case closes as unable to contact (docs/casework.md). */
  closing: ClosingRules;
  /**
   * Victim's postcode → outreach area (docs/referrals.md): keys "*", a postcode area, district or sector; values an
   * area or "out-of-county". Seeded for Hertfordshire; a rules file's `outreachAreas` replaces it whole.
   */
  outreachAreas: OutreachAreaTable;
}

/**
 * All configuration, read from the environment once at boot and validated. `process.env` is read only here.
 * See the configuration table in README.md.
 */
export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** Demo mode: seeds demo accounts, a demo feed key and demo cases. Never in production. */
  demo: boolean;
  demoPassword: string;
  demoFeedKey: string;
  /** Number of generated reports ingested at first start in demo mode (0 = none). */
  demoCases: number;
  /** Worked cases over the last six months, seeded once through the real services (0 = none; npm start sets 120). */
  demoHistory: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** Intake rate limit per feed key: sustained requests per second and burst. */
  intakeRatePerSecond: number;
  intakeBurst: number;
  /** Directory of the built workbench to serve; empty string disables. */
  staticDir: string;
  /** Outbox rows left unpublished this long (a crash between commit and emit) are published by the relay. */
  outboxRelayAfterMs: number;
  triage: TriageRulesConfig;
  /**
   * Lawful bases for sharing without consent (GET /lawful-bases): the shared domain's defaults, or the `lawfulBases`
   * list of the LANTERN_TRIAGE_CONFIG file, which replaces them.
   */
  lawfulBases: readonly LawfulBasis[];
  /** smtp://host:port for partner notification emails (no victim data, only a link); unset = portal only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address partners and staff reach the workbench at, for links in emails. */
  publicUrl: string;
  /** Referral notifications younger than this wait (tests use it to stop the API before delivery). */
  deliveryDelayMs: number;
  /** Case access (issue 13): restricted cases, break the glass, bulk-read alerts (docs/casework.md). */
  caseAccess: CaseAccessConfig;
}

export interface CaseAccessConfig {
  /** How long a break-glass grant lasts (LANTERN_BREAK_GLASS_MINUTES, default 60). */
  breakGlassMinutes: number;
  /** Case ids one user may read in lists in an hour before team leads are alerted (LANTERN_BULK_READ_ALERT_PER_HOUR). */
  bulkReadAlertPerHour: number;
  /**
   * Reports whose victim or suspect matches are restricted on arrival to the active team leads. Comma-separated
   * LANTERN_POLICE_STAFF_EMAIL_DOMAINS, LANTERN_POLICE_STAFF_PERSON_IDS, LANTERN_POLICE_STAFF_PHRASES; unset keeps
   * the default (police.uk domains and the usual phrases); an empty value switches that signal off.
   */
  policeStaff: PoliceStaffRule;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

const DEMO_PASSWORD = 'lantern-demo';
const DEMO_FEED_KEY = 'demo-feed-key';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

/** The hub's rules file (LANTERN_TRIAGE_CONFIG), parsed once; {} when none is set. */
function readRulesFile(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`LANTERN_TRIAGE_CONFIG: cannot read ${file}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`LANTERN_TRIAGE_CONFIG: ${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

function loadLawfulBases(file: Record<string, unknown>): readonly LawfulBasis[] {
  if (file['lawfulBases'] === undefined) return DEFAULT_LAWFUL_BASES;
  const errors = checkLawfulBases(file['lawfulBases']);
  if (errors.length) throw new ConfigError(`LANTERN_TRIAGE_CONFIG: ${errors.join('; ')}`);
  return (file['lawfulBases'] as LawfulBasis[]).map((b) => ({
    code: b.code,
    title: b.title,
    legalReference: b.legalReference,
    ...(b.description !== undefined ? { description: b.description } : {}),
  }));
}

function loadTriage(file: Record<string, unknown>): TriageRulesConfig {
  const defaults: TriageRulesConfig = {
    bands: DEFAULT_RISK_BANDS,
    slaTargets: DEFAULT_SLA_TARGETS,
    calendar: DEFAULT_HUB_CALENDAR,
    weights: DEFAULT_PRIORITY_WEIGHTS,
    workload: DEFAULT_WORKLOAD_RULES,
    marac: DEFAULT_MARAC_RULES,
    closing: DEFAULT_CLOSING_RULES,
    outreachAreas: HERTFORDSHIRE_OUTREACH_AREAS,
  };
  const custom = file as Partial<TriageRulesConfig>;
  const merged: TriageRulesConfig = {
    bands: { ...defaults.bands, ...custom.bands },
    slaTargets: { ...defaults.slaTargets, ...custom.slaTargets },
    calendar: { ...defaults.calendar, ...custom.calendar, week: { ...defaults.calendar.week, ...custom.calendar?.week } },
    weights: { ...defaults.weights, ...custom.weights },
    workload: { ...defaults.workload, ...custom.workload, weights: { ...defaults.workload.weights, ...custom.workload?.weights } },
    marac: { ...defaults.marac, ...custom.marac },
    closing: { ...defaults.closing, ...custom.closing },
    outreachAreas: custom.outreachAreas ?? defaults.outreachAreas,
  };
  const ruleErrors = [
    ...(custom.marac !== undefined && (typeof custom.marac !== 'object' || custom.marac === null || Array.isArray(custom.marac))
      ? ['marac must be an object']
      : checkMaracRules(merged.marac)),
    ...(custom.closing !== undefined && (typeof custom.closing !== 'object' || custom.closing === null || Array.isArray(custom.closing))
      ? ['closing must be an object']
      : checkClosingRules(merged.closing)),
  ];
  if (ruleErrors.length) throw new ConfigError(`LANTERN_TRIAGE_CONFIG: ${ruleErrors.join('; ')}`);
  const areaErrors = checkOutreachAreaTable(merged.outreachAreas);
  if (areaErrors.length) throw new ConfigError(`LANTERN_TRIAGE_CONFIG: ${areaErrors.join('; ')}`);
  const warn = merged.calendar.holidayWarningDays;
  if (warn !== undefined && !(Number.isInteger(warn) && warn >= 0 && warn <= 366)) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: calendar.holidayWarningDays must be a whole number of days from 0 to 366');
  }
  if (merged.calendar.timeZone !== HUB_TIME_ZONE) {
    throw new ConfigError(
      `LANTERN_TRIAGE_CONFIG: calendar.timeZone must be ${HUB_TIME_ZONE}, the hub's one time zone (safe-contact windows, partner hours and outcomes use it too)`,
    );
  }
  const w = merged.workload;
  if (![w.weights.high, w.weights.medium, w.weights.standard, w.ungraded, w.cap].every((x) => Number.isFinite(x) && x >= 0) || w.cap < 1) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: workload weights must be numbers ≥ 0 and the cap ≥ 1');
  }
  if (!(merged.bands.high > merged.bands.medium && merged.bands.medium > 0 && merged.bands.high <= 24)) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: bands need 0 < medium < high <= 24');
  }
  return merged;
}

function list(env: NodeJS.ProcessEnv, name: string, fallback: readonly string[]): readonly string[] {
  const raw = env[name];
  if (raw === undefined) return fallback;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env['NODE_ENV'] === 'production';
  const demo = bool(env, 'LANTERN_DEMO', !production);
  const demoPassword = env['LANTERN_DEMO_PASSWORD'] || DEMO_PASSWORD;
  const demoFeedKey = env['LANTERN_DEMO_FEED_KEY'] || DEMO_FEED_KEY;
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  if (production) {
    if (demo) throw new ConfigError('NODE_ENV=production refuses to start in demo mode (LANTERN_DEMO)');
    if (env['LANTERN_DEMO_PASSWORD'] || env['LANTERN_DEMO_FEED_KEY']) {
      throw new ConfigError('NODE_ENV=production refuses demo secrets (LANTERN_DEMO_PASSWORD, LANTERN_DEMO_FEED_KEY)');
    }
  }
  if (demo && demoPassword.length < 8) throw new ConfigError('LANTERN_DEMO_PASSWORD must be at least 8 characters');
  const rulesFile = readRulesFile(env['LANTERN_TRIAGE_CONFIG'] || undefined);
  return {
    production,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl,
    dataDir: env['LANTERN_DATA_DIR'] || './.lantern/data',
    redisUrl: env['REDIS_URL'] || undefined,
    demo,
    demoPassword,
    demoFeedKey,
    demoCases: int(env, 'LANTERN_DEMO_CASES', 36, 0, 5000),
    demoHistory: int(env, 'LANTERN_DEMO_HISTORY', 0, 0, 5000),
    sessionTtlHours: int(env, 'LANTERN_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool(env, 'LANTERN_COOKIE_SECURE', production),
    intakeRatePerSecond: int(env, 'LANTERN_INTAKE_RATE', 100, 1, 100000),
    intakeBurst: int(env, 'LANTERN_INTAKE_BURST', 200, 1, 100000),
    staticDir: env['LANTERN_STATIC_DIR'] ?? resolve('dist/apps/workbench/browser'),
    outboxRelayAfterMs: int(env, 'LANTERN_OUTBOX_RELAY_AFTER_MS', 5000, 100, 3600000),
    triage: loadTriage(rulesFile),
    lawfulBases: loadLawfulBases(rulesFile),
    smtpUrl: env['LANTERN_SMTP_URL'] || undefined,
    mailFrom: env['LANTERN_MAIL_FROM'] || 'Lantern hub <no-reply@lantern.invalid>',
    publicUrl: (env['LANTERN_PUBLIC_URL'] || `http://localhost:${env['PORT'] || 3000}`).replace(/\/$/, ''),
    deliveryDelayMs: int(env, 'LANTERN_DELIVERY_DELAY_MS', 0, 0, 86_400_000),
    caseAccess: {
      breakGlassMinutes: int(env, 'LANTERN_BREAK_GLASS_MINUTES', 60, 1, 24 * 60),
      bulkReadAlertPerHour: int(env, 'LANTERN_BULK_READ_ALERT_PER_HOUR', 1000, 1, 10_000_000),
      policeStaff: {
        emailDomains: list(env, 'LANTERN_POLICE_STAFF_EMAIL_DOMAINS', DEFAULT_POLICE_STAFF_RULE.emailDomains),
        personIds: list(env, 'LANTERN_POLICE_STAFF_PERSON_IDS', DEFAULT_POLICE_STAFF_RULE.personIds),
        phrases: list(env, 'LANTERN_POLICE_STAFF_PHRASES', DEFAULT_POLICE_STAFF_RULE.phrases),
      },
    },
  };
}
