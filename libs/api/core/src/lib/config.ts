import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /**
   * DATABASE_APP_ROLE: the PostgreSQL role the API runs as in production. Migrations (run as the owner) grant it
   * INSERT and SELECT only on the audit table (docs/audit.md). Unset: no grants are made.
   */
  databaseAppRole: string | undefined;
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
  /** Absolute session lifetime from sign-in (production: at most 24 h). */
  sessionTtlHours: number;
  /** A session unused this long ends (docs/security.md). */
  sessionIdleMinutes: number;
  /** Secure session cookie, named `__Host-lantern_session`; false (demo over plain http only) → `lantern_session`. */
  cookieSecure: boolean;
  /**
   * The origins the workbench is served from (LANTERN_PUBLIC_ORIGIN, comma-separated, or the origin of
   * LANTERN_PUBLIC_URL): unsafe requests and the socket handshake from any other Origin are refused. Empty in
   * demo without either: the request's own Host is the origin then. Production requires one.
   */
  publicOrigins: string[];
  /** TLS to PostgreSQL: false, or the node-postgres `ssl` options (docs/security.md). */
  databaseSsl: DatabaseTls;
  /** TLS to Redis (rediss:// URL): the ioredis `tls` options, or undefined for plain redis://. */
  redisTls: RedisTls | undefined;
  /** Intake rate limit per feed key: sustained requests per second and burst. */
  intakeRatePerSecond: number;
  intakeBurst: number;
  /** Officer-app referrals per signed-in officer: sustained per minute, and burst (a phone replaying its queue). */
  officerRatePerMinute: number;
  officerBurst: number;
  /** CSV import (docs/imports.md): the largest file accepted (bytes) and how many rows are stored per transaction. */
  importMaxBytes: number;
  importBatchRows: number;
  /** Days a failed import row's cells (personal data) are kept for the bad-rows CSV; then emptied (docs/imports.md). */
  importErrorCellsDays: number;
  /** Directory of the built workbench to serve; empty string disables. */
  staticDir: string;
  /** Outbox rows left unpublished this long (a crash between commit and emit) are published by the relay. */
  outboxRelayAfterMs: number;
  /** How often the SLA clock announces cases that came near breach (libs/api/realtime sla-clock.ts); 0: never. */
  slaClockMs: number;
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
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, Express `trust proxy` syntax); empty =
   * none, so the client address is the TCP peer and nobody can choose the address the sign-in throttle keys on.
   */
  trustedProxies: string[];
  /** 32-byte key that encrypts second-factor secrets at rest (AES-256-GCM) and signs enrolment tokens. */
  mfaKey: Buffer;
  /** Staff must have a second factor to sign in (production default); optional otherwise. */
  mfaRequired: boolean;
  /** Case access (issue 13): restricted cases, break the glass, bulk-read alerts (docs/casework.md). */
  caseAccess: CaseAccessConfig;
}

export interface CaseAccessConfig {
  /** How long a break-glass grant lasts (LANTERN_BREAK_GLASS_MINUTES, default 60). */
  breakGlassMinutes: number;
  /** Distinct cases one user may read in lists in an hour before team leads are alerted (LANTERN_BULK_READ_ALERT_PER_HOUR). */
  bulkReadAlertPerHour: number;
  /**
   * Reports whose victim or suspect matches are restricted on arrival to the active team leads. Comma-separated
   * LANTERN_POLICE_STAFF_EMAIL_DOMAINS, LANTERN_POLICE_STAFF_PERSON_IDS, LANTERN_POLICE_STAFF_PHRASES; unset keeps
   * the default (police.uk domains and the usual phrases); an empty value switches that signal off.
   */
  policeStaff: PoliceStaffRule;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** node-postgres `ssl`: false, or TLS that verifies the server against `ca` (or the system roots) unless told not to. */
export type DatabaseTls = false | { rejectUnauthorized: boolean; ca?: string };
/** ioredis `tls` (node's tls.connect options) for a rediss:// URL. */
export interface RedisTls {
  rejectUnauthorized: boolean;
  ca?: string;
}

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
  // Priority weights are the score's units: the queue ranks in SQL with them and its cursor carries a whole score.
  // Waiting points per hour may be a fraction (the points are rounded down to whole ones).
  const pw = merged.weights;
  const priorityWeights = [
    ...Object.values(pw.grade),
    ...Object.entries(pw)
      .filter(([k]) => k !== 'grade' && k !== 'waitingPerHour')
      .map(([, v]) => v),
  ];
  if (!priorityWeights.every((x) => Number.isInteger(x) && x >= 0) || !(Number.isFinite(pw.waitingPerHour) && pw.waitingPerHour >= 0)) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: priority weights must be whole numbers ≥ 0 (waitingPerHour: any number ≥ 0)');
  }
  const w = merged.workload;
  if (![w.weights.high, w.weights.medium, w.weights.standard, w.ungraded, w.cap].every((x) => Number.isFinite(x) && x >= 0) || w.cap < 1) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: workload weights must be numbers ≥ 0 and the cap ≥ 1');
  }
  // SafeLives: 14 or more "yes" is visible high risk on any DASH. A hub may grade high sooner, never later: a band
  // above 14 would quietly take 14-tick cases off the MARAC list.
  if (!(merged.bands.high > merged.bands.medium && merged.bands.medium > 0 && merged.bands.high <= 14)) {
    throw new ConfigError('LANTERN_TRIAGE_CONFIG: bands need 0 < medium < high <= 14 (SafeLives: 14+ "yes" is visible high risk)');
  }
  return merged;
}

/** LANTERN_TRUSTED_PROXIES: comma-separated IPs or CIDRs (or Express's names loopback, linklocal, uniquelocal). */
function trustedProxies(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list) {
    const [addr, bits, ...rest] = item.split('/');
    const family = isIP(addr);
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(item);
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!named && (!family || !okBits || rest.length)) {
      throw new ConfigError(`LANTERN_TRUSTED_PROXIES: "${item}" is not an IP address or CIDR`);
    }
  }
  return list;
}

/** LANTERN_MFA_KEY: 32 bytes, base64 or hex. Production requires it; elsewhere a fixed demo key is derived. */
function mfaKey(raw: string | undefined, production: boolean): Buffer {
  if (!raw) {
    if (production) throw new ConfigError('NODE_ENV=production requires LANTERN_MFA_KEY (32 random bytes, base64 or hex)');
    return createHash('sha256').update('lantern demo second-factor key (not secret)').digest();
  }
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('LANTERN_MFA_KEY must be 32 bytes, base64 or hex');
  return key;
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

/** A PEM file named by an environment variable (a CA bundle), read once at boot. */
function readPem(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[name];
  if (!file) return undefined;
  try {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (err) {
    throw new ConfigError(`${name}: cannot read a CA certificate from ${file}: ${(err as Error).message}`);
  }
}

/** Hosts on this machine: plain connections to them never cross a network. */
function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '' || h === 'localhost' || h === '::1' || /^127\./.test(h) || h.startsWith('/');
}

/** libpq's sslmode, as node-postgres understands it, mapped to TLS on or off and verification. */
const SSLMODES: Record<string, { tls: boolean; verify?: boolean }> = {
  disable: { tls: false },
  allow: { tls: false },
  prefer: { tls: true },
  require: { tls: true },
  'verify-ca': { tls: true, verify: true },
  'verify-full': { tls: true, verify: true },
  'no-verify': { tls: true, verify: false },
};
const URL_SSL_PARAMS = ['ssl', 'sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'];

/**
 * TLS to PostgreSQL from DATABASE_SSL, DATABASE_SSL_CA, DATABASE_SSL_REJECT_UNAUTHORIZED and the URL's `sslmode` /
 * `ssl` / `sslrootcert`. The URL's TLS parameters are taken out of the URL and mapped here, because node-postgres
 * lets a connection string's TLS settings replace the `ssl` object (and with it the CA). Verification is on unless
 * `sslmode=no-verify` or DATABASE_SSL_REJECT_UNAUTHORIZED=false says otherwise.
 */
export function databaseTls(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): { url: string | undefined; ssl: DatabaseTls } {
  if (!databaseUrl) return { url: undefined, ssl: false };
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL');
  }
  const sslmode = url.searchParams.get('sslmode')?.toLowerCase();
  const sslParam = url.searchParams.get('ssl')?.toLowerCase();
  const rootCertFile = url.searchParams.get('sslrootcert');
  if (sslmode !== undefined && !SSLMODES[sslmode]) {
    throw new ConfigError(`DATABASE_URL: sslmode must be one of ${Object.keys(SSLMODES).join(', ')}`);
  }
  for (const p of URL_SSL_PARAMS) url.searchParams.delete(p);
  const fromUrl = sslmode ? SSLMODES[sslmode] : sslParam ? { tls: ['1', 'true', 'on', 'yes'].includes(sslParam) } : undefined;
  const ca = readPem(env, 'DATABASE_SSL_CA') ?? (rootCertFile ? readPem({ sslrootcert: rootCertFile }, 'sslrootcert') : undefined);
  const tls = bool(env, 'DATABASE_SSL', fromUrl?.tls ?? ca !== undefined);
  const rejectUnauthorized = bool(env, 'DATABASE_SSL_REJECT_UNAUTHORIZED', fromUrl?.verify ?? true);
  return { url: url.toString(), ssl: tls ? { rejectUnauthorized, ...(ca ? { ca } : {}) } : false };
}

/** TLS to Redis: a rediss:// URL (ioredis turns TLS on for it), with REDIS_TLS_CA and REDIS_TLS_REJECT_UNAUTHORIZED. */
export function redisTls(env: NodeJS.ProcessEnv, redisUrl: string | undefined): RedisTls | undefined {
  if (!redisUrl) return undefined;
  if (!/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  const ca = readPem(env, 'REDIS_TLS_CA');
  if (!redisUrl.startsWith('rediss://')) {
    if (ca) throw new ConfigError('REDIS_TLS_CA needs a rediss:// REDIS_URL (TLS)');
    return undefined;
  }
  return { rejectUnauthorized: bool(env, 'REDIS_TLS_REJECT_UNAUTHORIZED', true), ...(ca ? { ca } : {}) };
}

/** ioredis options for the config's Redis TLS: every Redis client of the API passes these with REDIS_URL. */
export function redisClientOptions(tls: RedisTls | undefined): { tls?: RedisTls } {
  return tls ? { tls: { ...tls } } : {};
}

/** The workbench's origins, for the Origin check on unsafe requests and the socket handshake. */
function publicOrigins(env: NodeJS.ProcessEnv): string[] {
  const raw = env['LANTERN_PUBLIC_ORIGIN'] || env['LANTERN_PUBLIC_URL'] || '';
  const name = env['LANTERN_PUBLIC_ORIGIN'] ? 'LANTERN_PUBLIC_ORIGIN' : 'LANTERN_PUBLIC_URL';
  return raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      try {
        const origin = new URL(o).origin;
        if (origin === 'null') throw new Error('opaque');
        return origin;
      } catch {
        throw new ConfigError(`${name} must hold http(s) origins such as https://lantern.example.org`);
      }
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env['NODE_ENV'] === 'production';
  const demo = bool(env, 'LANTERN_DEMO', !production);
  const demoPassword = env['LANTERN_DEMO_PASSWORD'] || DEMO_PASSWORD;
  const demoFeedKey = env['LANTERN_DEMO_FEED_KEY'] || DEMO_FEED_KEY;
  const rawDatabaseUrl = env['DATABASE_URL'] || undefined;
  if (rawDatabaseUrl && !/^postgres(ql)?:\/\//.test(rawDatabaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  const databaseAppRole = env['DATABASE_APP_ROLE'] || undefined;
  // A plain identifier: it is written into a connection option and quoted into GRANT statements.
  if (databaseAppRole && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseAppRole)) {
    throw new ConfigError('DATABASE_APP_ROLE must be a lower-case PostgreSQL role name (letters, digits, _)');
  }
  const { url: databaseUrl, ssl: databaseSsl } = databaseTls(env, rawDatabaseUrl);
  const sessionTtlHours = int(env, 'LANTERN_SESSION_TTL_HOURS', 12, 1, 24 * 30);
  const cookieSecure = bool(env, 'LANTERN_COOKIE_SECURE', true);
  const origins = publicOrigins(env);
  const mfaRequired = bool(env, 'LANTERN_MFA_REQUIRED', production);
  if (production) {
    // Staff sign in with a second factor in production (issue 13): the switch exists for demos only.
    if (!mfaRequired) throw new ConfigError('NODE_ENV=production refuses to start without a second factor (LANTERN_MFA_REQUIRED=false)');
    if (demo) throw new ConfigError('NODE_ENV=production refuses to start in demo mode (LANTERN_DEMO)');
    if (env['LANTERN_DEMO_PASSWORD'] || env['LANTERN_DEMO_FEED_KEY']) {
      throw new ConfigError('NODE_ENV=production refuses demo secrets (LANTERN_DEMO_PASSWORD, LANTERN_DEMO_FEED_KEY)');
    }
    // The embedded database has no backups, replication or access control of its own: a hub's data needs a server.
    if (!databaseUrl) throw new ConfigError('NODE_ENV=production refuses the embedded database: set DATABASE_URL to PostgreSQL');
    if (!cookieSecure) throw new ConfigError('NODE_ENV=production refuses insecure session cookies (LANTERN_COOKIE_SECURE=false)');
    if (sessionTtlHours > 24) {
      throw new ConfigError('NODE_ENV=production refuses sessions longer than a day (LANTERN_SESSION_TTL_HOURS must be at most 24)');
    }
    if (!origins.length) {
      throw new ConfigError('NODE_ENV=production needs the workbench origin for the cross-origin check: set LANTERN_PUBLIC_ORIGIN');
    }
    const redisUrl = env['REDIS_URL'];
    const redisHost = redisUrl?.startsWith('redis://') ? (URL.canParse(redisUrl) ? new URL(redisUrl).hostname : redisUrl) : '';
    if (redisUrl?.startsWith('redis://') && !isLocalHost(redisHost) && !bool(env, 'LANTERN_REDIS_ALLOW_PLAINTEXT', false)) {
      throw new ConfigError(
        `NODE_ENV=production refuses a plaintext connection to Redis on ${redisHost}: use a rediss:// REDIS_URL (TLS), ` +
          'or LANTERN_REDIS_ALLOW_PLAINTEXT=true for a private network you trust',
      );
    }
    const dbHost = new URL(databaseUrl).hostname || new URL(databaseUrl).searchParams.get('host') || '';
    if (!databaseSsl && !isLocalHost(dbHost) && !bool(env, 'LANTERN_DATABASE_ALLOW_PLAINTEXT', false)) {
      throw new ConfigError(
        `NODE_ENV=production refuses a plaintext connection to the database on ${dbHost}: set DATABASE_SSL=true (or sslmode=verify-full), ` +
          'or LANTERN_DATABASE_ALLOW_PLAINTEXT=true for a private network you trust',
      );
    }
  }
  if (demo && demoPassword.length < 8) throw new ConfigError('LANTERN_DEMO_PASSWORD must be at least 8 characters');
  const rulesFile = readRulesFile(env['LANTERN_TRIAGE_CONFIG'] || undefined);
  return {
    production,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl,
    databaseAppRole,
    databaseSsl,
    dataDir: env['LANTERN_DATA_DIR'] || './.lantern/data',
    redisUrl: env['REDIS_URL'] || undefined,
    redisTls: redisTls(env, env['REDIS_URL'] || undefined),
    demo,
    demoPassword,
    demoFeedKey,
    demoCases: int(env, 'LANTERN_DEMO_CASES', 36, 0, 5000),
    demoHistory: int(env, 'LANTERN_DEMO_HISTORY', 0, 0, 5000),
    sessionTtlHours,
    sessionIdleMinutes: int(env, 'LANTERN_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    cookieSecure,
    publicOrigins: origins,
    intakeRatePerSecond: int(env, 'LANTERN_INTAKE_RATE', 100, 1, 100000),
    intakeBurst: int(env, 'LANTERN_INTAKE_BURST', 200, 1, 100000),
    officerRatePerMinute: int(env, 'LANTERN_OFFICER_RATE', 30, 1, 6000000),
    officerBurst: int(env, 'LANTERN_OFFICER_BURST', 10, 1, 100000),
    importMaxBytes: int(env, 'LANTERN_IMPORT_MAX_MB', 256, 1, 4096) * 1024 * 1024,
    importBatchRows: int(env, 'LANTERN_IMPORT_BATCH_ROWS', 250, 1, 1000),
    importErrorCellsDays: int(env, 'LANTERN_IMPORT_ERROR_CELLS_DAYS', 30, 1, 3650),
    // Empty: no UI served. A relative directory is taken from the working directory (express's sendFile needs an
    // absolute path: a relative one made every page a 500).
    staticDir: env['LANTERN_STATIC_DIR'] === '' ? '' : resolve(env['LANTERN_STATIC_DIR'] ?? 'dist/apps/workbench/browser'),
    outboxRelayAfterMs: int(env, 'LANTERN_OUTBOX_RELAY_AFTER_MS', 5000, 100, 3600000),
    slaClockMs: int(env, 'LANTERN_SLA_CLOCK_MS', 10_000, 0, 3_600_000),
    triage: loadTriage(rulesFile),
    lawfulBases: loadLawfulBases(rulesFile),
    smtpUrl: env['LANTERN_SMTP_URL'] || undefined,
    mailFrom: env['LANTERN_MAIL_FROM'] || 'Lantern hub <no-reply@lantern.invalid>',
    publicUrl: (env['LANTERN_PUBLIC_URL'] || `http://localhost:${env['PORT'] || 3000}`).replace(/\/$/, ''),
    deliveryDelayMs: int(env, 'LANTERN_DELIVERY_DELAY_MS', 0, 0, 86_400_000),
    trustedProxies: trustedProxies(env['LANTERN_TRUSTED_PROXIES']),
    mfaKey: mfaKey(env['LANTERN_MFA_KEY'], production),
    mfaRequired,
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
