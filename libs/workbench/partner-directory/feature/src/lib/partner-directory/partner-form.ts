import {
  DELIVERY_CHANNELS,
  SERVICE_GENDERS,
  SERVICE_KINDS,
  WEEKDAYS,
  type DeliveryChannel,
  type FieldError,
  type PartnerService,
  type PartnerServiceRecord,
  type RiskGrade,
  type ServiceHours,
  type ServiceGender,
  type ServiceKind,
  type Weekday,
} from '@lantern/shared/domain';

/** The pure side of the add / edit service form: labels, form value ⇄ API body, API errors ⇄ controls. */

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  idva: 'IDVA',
  refuge: 'Refuge',
  'emotional-support': 'Emotional support',
  'male-victims': 'Male victims',
  'legal-advice': 'Legal advice',
  outreach: 'Outreach',
  'childrens-services': "Children's services",
};

export const CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  'portal-and-email': 'Portal, with an email link',
  portal: 'Portal only',
};

/** The grades and genders a service can restrict itself to (the API's schema). */
export const RULE_GRADES: readonly RiskGrade[] = ['standard', 'medium', 'high'];
export const RULE_GENDERS: readonly ServiceGender[] = SERVICE_GENDERS;

export const KINDS = SERVICE_KINDS;
export const CHANNELS = DELIVERY_CHANNELS;

export interface DayHoursValue {
  open: boolean;
  from: string;
  to: string;
}

/** The form's value: one control per thing the admin decides (checkbox maps for lists, a row per weekday). */
export interface ServiceFormValue {
  service: string;
  partnerId: string;
  partnerName: string;
  serviceName: string;
  kind: ServiceKind | '';
  rule: {
    grades: Record<RiskGrade, boolean>;
    acceptsMarac: boolean;
    genders: Record<string, boolean>;
    minAge: number | null;
    maxAge: number | null;
    areas: Record<string, boolean>;
    requiresChildren: boolean;
    requiresAssociatedPerson: boolean;
    statutory: boolean;
  };
  hours: { allDay: boolean } & Record<Weekday, DayHoursValue>;
  channel: DeliveryChannel;
  acknowledgeWithinHours: number | null;
  notifyEmail: string;
  active: boolean;
}

function flags<T extends string>(all: readonly T[], on: readonly string[]): Record<T, boolean> {
  return Object.fromEntries(all.map((k) => [k, on.includes(k)])) as Record<T, boolean>;
}

function chosen(map: Record<string, boolean>, order: readonly string[]): string[] {
  return order.filter((k) => map[k]);
}

const DEFAULT_DAY: DayHoursValue = { open: false, from: '09:00', to: '17:00' };

/** The form for a new service (office hours on weekdays), or for editing `record`. */
export function toFormValue(record: PartnerServiceRecord | null, areas: readonly string[]): ServiceFormValue {
  const r = record?.rule;
  const hours = record ? record.hours : null;
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const h = hours?.[d];
      if (h) return [d, { open: true, from: h[0], to: h[1] }];
      const weekday = !record && d !== 'sat' && d !== 'sun';
      return [d, { ...DEFAULT_DAY, open: weekday }];
    }),
  ) as Record<Weekday, DayHoursValue>;
  return {
    service: record?.service ?? '',
    partnerId: record?.partnerId ?? '',
    partnerName: record?.partnerName ?? '',
    serviceName: record?.serviceName ?? '',
    kind: record?.kind ?? '',
    rule: {
      grades: flags(RULE_GRADES, r?.grades ?? []),
      acceptsMarac: r?.acceptsMarac ?? false,
      genders: flags(RULE_GENDERS, r?.genders ?? []),
      minAge: r ? r.minAge : 16,
      maxAge: r?.maxAge ?? null,
      areas: flags(areas, r?.areas ?? []),
      requiresChildren: r?.requiresChildren ?? false,
      requiresAssociatedPerson: r?.requiresAssociatedPerson ?? false,
      statutory: r?.statutory ?? false,
    },
    hours: { allDay: !!record && record.hours === null, ...days },
    channel: record?.channel ?? 'portal-and-email',
    acknowledgeWithinHours: record?.acknowledgeWithinHours ?? 48,
    notifyEmail: record?.notifyEmail ?? '',
    active: record?.active ?? true,
  };
}

/** A number input's value: empty is null. */
function optionalNumber(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** What the API is sent (the PUT leaves out `service` and adds `version`). */
export function toServiceBody(v: ServiceFormValue, areas: readonly string[]): PartnerService & { active: boolean } {
  const hours: ServiceHours | null = v.hours.allDay
    ? null
    : (Object.fromEntries(
        WEEKDAYS.map((d) => {
          const h = v.hours[d];
          return [d, h.open ? [h.from, h.to] : null];
        }),
      ) as ServiceHours);
  return {
    service: v.service.trim(),
    partnerId: v.partnerId.trim(),
    partnerName: v.partnerName.trim(),
    serviceName: v.serviceName.trim(),
    kind: v.kind as ServiceKind,
    rule: {
      grades: chosen(v.rule.grades, RULE_GRADES) as RiskGrade[],
      acceptsMarac: v.rule.acceptsMarac,
      genders: chosen(v.rule.genders, RULE_GENDERS) as ServiceGender[],
      minAge: optionalNumber(v.rule.minAge),
      maxAge: optionalNumber(v.rule.maxAge),
      areas: chosen(v.rule.areas, areas),
      requiresChildren: v.rule.requiresChildren,
      requiresAssociatedPerson: v.rule.requiresAssociatedPerson,
      statutory: v.rule.statutory,
    },
    hours,
    channel: v.channel,
    acknowledgeWithinHours: optionalNumber(v.acknowledgeWithinHours) as number,
    notifyEmail: v.notifyEmail.trim(),
    active: v.active,
  };
}

const TOP = ['service', 'partnerId', 'partnerName', 'serviceName', 'kind', 'channel', 'acknowledgeWithinHours', 'notifyEmail', 'active'];
const RULE = [
  'grades',
  'acceptsMarac',
  'genders',
  'minAge',
  'maxAge',
  'areas',
  'requiresChildren',
  'requiresAssociatedPerson',
  'statutory',
];

/**
 * The form control (dotted path) an API error's JSON Pointer is about, or null when no one control is:
 * "/rule/minAge" → "rule.minAge", "/rule/grades/1" → "rule.grades", "/hours/mon/1" → "hours.mon.to".
 */
export function controlForPointer(pointer: string): string | null {
  const seg = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [a, b, c] = seg;
  if (a === undefined || a === '') return null;
  if (TOP.includes(a)) return a;
  if (a === 'rule') return b !== undefined && RULE.includes(b) ? `rule.${b}` : null;
  if (a === 'hours') {
    if (b === undefined) return 'hours.allDay';
    if (!(WEEKDAYS as readonly string[]).includes(b)) return null;
    return `hours.${b}.${c === '0' ? 'from' : c === '1' ? 'to' : 'open'}`;
  }
  return null;
}

/** API field errors sorted by the control they belong to. */
export interface MappedErrors {
  /** Messages per control path. */
  byControl: Record<string, string[]>;
  /** Messages no control owns (shown at the top of the form, with the field they name). */
  general: string[];
}

export function mapFieldErrors(errors: readonly FieldError[]): MappedErrors {
  const byControl: Record<string, string[]> = {};
  const general: string[] = [];
  for (const e of errors) {
    const control = controlForPointer(e.path);
    if (control) (byControl[control] ??= []).push(e.message);
    else general.push(e.path && e.path !== '/' ? `${e.path}: ${e.message}` : e.message);
  }
  return { byControl, general };
}

/** "Whole county", or the areas covered. */
export function describeAreas(areas: readonly string[]): string {
  return areas.length ? areas.join('; ') : 'Whole county';
}

/** "Any", or "High, Medium". */
export function describeGrades(grades: readonly RiskGrade[], acceptsMarac: boolean): string {
  const names = grades.map((g) => g[0].toUpperCase() + g.slice(1));
  const base = names.length ? names.join(', ') : 'Any';
  return acceptsMarac && names.length ? `${base}, or MARAC` : base;
}

/** "16+", "12–18", "Up to 17", or "Any". */
export function describeAges(minAge: number | null, maxAge: number | null): string {
  if (minAge === null && maxAge === null) return 'Any';
  if (maxAge === null) return `${minAge}+`;
  if (minAge === null) return `Up to ${maxAge}`;
  return `${minAge}–${maxAge}`;
}
