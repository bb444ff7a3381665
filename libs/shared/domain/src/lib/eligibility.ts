import type { EffectiveConsentValue } from './consent';
import { WEEKDAYS, type Weekday } from './hub-calendar';
import type { Gender, RiskGrade } from './report';
import { HUB_TIME_ZONE } from './hub-time-zone';
import { OUTSIDE_DA_ACT_REASON } from './children';
import { sameArea } from './outreach-area';

/**
 * Partner services and who they can take. Pure and explained: every service answers `eligible` with the
 * human-readable reasons behind it, so a caseworker sees why a service is suggested or not.
 */
export type ServiceKind = 'idva' | 'refuge' | 'emotional-support' | 'male-victims' | 'legal-advice' | 'outreach' | 'childrens-services';

/** The genders a service may say it supports ("not known" is a victim's record, never a service's rule). */
export const SERVICE_GENDERS = ['female', 'male', 'non-binary', 'other'] as const satisfies readonly Gender[];
export type ServiceGender = (typeof SERVICE_GENDERS)[number];

export interface ServiceRule {
  /** Grades accepted; empty = any grade. */
  grades: RiskGrade[];
  /** Also accept any case that meets a MARAC criterion, whatever its grade. */
  acceptsMarac: boolean;
  /** Genders accepted; empty = any. */
  genders: ServiceGender[];
  minAge: number | null;
  maxAge: number | null;
  /** Areas covered; empty = the whole county. */
  areas: string[];
  /** Only where children are in the household or were present. */
  requiresChildren: boolean;
  /** Only where the suspect is a partner, ex-partner or family member (an "associated person" for an order). */
  requiresAssociatedPerson: boolean;
  /** A statutory safeguarding referral: no consent needed (children's social care). */
  statutory: boolean;
}

/** Opening hours per London weekday ('mon'…'sun'): [open, close] as HH:MM, or null = closed that day. */
export type ServiceHours = Record<Weekday, [string, string] | null>;

/** How a referral reaches the partner: the portal (with an email that carries only a link), or the portal alone. */
export type DeliveryChannel = 'portal-and-email' | 'portal';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['portal-and-email', 'portal'];

export const SERVICE_KINDS: readonly ServiceKind[] = [
  'idva',
  'refuge',
  'emotional-support',
  'male-victims',
  'legal-advice',
  'outreach',
  'childrens-services',
];

export interface PartnerService {
  partnerId: string;
  partnerName: string;
  service: string;
  serviceName: string;
  kind: ServiceKind;
  rule: ServiceRule;
  /** Hours the partner promises to acknowledge within. */
  acknowledgeWithinHours: number;
  /** Where a new referral is announced (a link only, never victim data). Synthetic addresses. */
  notifyEmail: string;
  /** When the service answers; null = around the clock. Shown to caseworkers; eligibility does not depend on it. */
  hours: ServiceHours | null;
  channel: DeliveryChannel;
}

/** A directory entry as the admin manages it. Inactive services are kept (old referrals name them) but never offered. */
export interface PartnerServiceRecord extends PartnerService {
  active: boolean;
  version: number;
  updatedAt: string;
}

const DAY_NAME: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Fri 08:00–20:00, Sat 09:00–17:00" (runs of days with the same hours), or "24 hours, every day". */
export function describeHours(hours: ServiceHours | null): string {
  if (!hours) return '24 hours, every day';
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const h = hours[WEEKDAYS[i]];
    let j = i;
    while (j + 1 < WEEKDAYS.length && JSON.stringify(hours[WEEKDAYS[j + 1]]) === JSON.stringify(h)) j++;
    if (h) parts.push(`${DAY_NAME[WEEKDAYS[i]]}${j > i ? `–${DAY_NAME[WEEKDAYS[j]]}` : ''} ${h[0]}–${h[1]}`);
    i = j + 1;
  }
  return parts.length ? parts.join(', ') : 'Closed';
}

const WEEKDAY_OF: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Whether the service is open at `at` (its hours are wall-clock times in the hub's time zone). */
export function isServiceOpen(hours: ServiceHours | null, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: HUB_TIME_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const h = hours[WEEKDAY_OF[get('weekday')]];
  const hm = `${get('hour')}:${get('minute')}`;
  return !!h && hm >= h[0] && hm < h[1];
}

export interface EligibilityFacts {
  grade: RiskGrade | null;
  maracRequired: boolean;
  gender: Gender | null;
  /** Age in whole years today, or null when the date of birth is not recorded. */
  age: number | null;
  area: string;
  /** The victim lives out of county (case outreachArea): no area-bound team of this hub covers them. */
  outOfCounty?: boolean;
  /** Where `area` came from (case outreachArea.source); omitted = the victim's home area. */
  areaSource?: import('./outreach-area').OutreachAreaSource;
  /**
   * `area` is one the hub's outreach table names (canonicalArea). False for an incident area written some other way
   * ("Hemel", "Dacorum"): no team can be matched to it, and the caseworker confirms where the victim lives.
   */
  areaKnown?: boolean;
  /** Consent to contact from support services in force (the latest hub record, else the police report's). */
  supportReferral: EffectiveConsentValue;
  /** Consent to share the victim's details in force (the latest hub record, else the police report's). */
  informationSharing: EffectiveConsentValue;
  /** A team lead recorded a lawful basis for sharing without consent (one of the configured lawful bases). */
  safeguardingBasis: boolean;
  /** That basis's title, to name it in the reasons. */
  lawfulBasisTitle?: string | null;
  childrenInHousehold: boolean;
  childrenPresent: boolean;
  /** Children the report lists, wherever they live (a child living elsewhere may still live with the abuse). */
  childrenListed?: number;
  /** What the report leaves open about children when it lists none (childrenUnknown, children.ts): each asks first. */
  childrenUnknown?: readonly string[];
  suspectRelationship: 'partner' | 'ex-partner' | 'family-member' | 'other' | 'not-known' | null;
  /** The police report's `suspect.livesWithVictim`: the same household, an associated person (FLA 1996 s.62(3)(c)). */
  suspectLivesWithVictim?: boolean | null;
  /** Pregnant or a baby under 18 months (victim.pregnant, police DASH q9): an unborn or new baby to safeguard. */
  pregnant?: boolean;
  /** Ages on the incident date (children.ts); null = not known. The flags below are false when the age is not known. */
  victimAgeAtIncident?: number | null;
  suspectAge?: number | null;
  victimUnder18?: boolean;
  /** Under 16: outside the DA Act 2021 definition, the child-protection route; only children's services are eligible. */
  victimUnder16?: boolean;
  suspectUnder18?: boolean;
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
  /** Eligible, but a reason starting "Check:" needs a person's judgement before referring (e.g. a suspect under 18). */
  check?: boolean;
}

const GRADE_WORD: Record<RiskGrade, string> = { high: 'high', medium: 'medium', standard: 'standard' };

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Age in whole years at `today` (YYYY-MM-DD) from a date of birth (YYYY-MM-DD). */
export function ageOn(dateOfBirth: string | null | undefined, today: string): number | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

export function checkEligibility(f: EligibilityFacts, s: PartnerService): Eligibility {
  const r = s.rule;
  const yes: string[] = [];
  const no: string[] = [];
  const check: string[] = [];

  // Under 16 at the incident: outside the DA Act 2021 definition (s.1: both people 16 or over), so the adult DA
  // services step aside for the child-protection route: only children's services (docs/triage.md). The first reason.
  if (f.victimUnder16 && s.kind !== 'childrens-services') no.push(OUTSIDE_DA_ACT_REASON);

  if (r.grades.length) {
    const gradeOk = f.grade !== null && r.grades.includes(f.grade);
    const maracOk = r.acceptsMarac && f.maracRequired;
    if (gradeOk) yes.push(`Risk is ${GRADE_WORD[f.grade as RiskGrade]}: ${s.serviceName} takes ${list(r.grades)} risk`);
    else if (maracOk) yes.push(`Meets MARAC criteria: ${s.serviceName} takes every MARAC case`);
    else if (f.grade === null) no.push(`Risk not graded yet: ${s.serviceName} takes ${list(r.grades)} risk`);
    else no.push(`Risk is ${GRADE_WORD[f.grade]}: ${s.serviceName} takes ${list(r.grades)} risk${r.acceptsMarac ? ' or MARAC cases' : ''}`);
  } else if (r.acceptsMarac && f.maracRequired) {
    yes.push('Meets MARAC criteria');
  }

  if (r.genders.length) {
    const supports = `${s.serviceName} supports ${list(r.genders)} victims`;
    if (f.gender && (r.genders as readonly Gender[]).includes(f.gender)) yes.push(`Victim is ${f.gender}: ${supports}`);
    // Not recorded is not a reason to refuse (nobody asked): a person confirms it first.
    else if (!f.gender || f.gender === 'not-known')
      check.push(`Check: the victim's gender is not recorded: ${supports}, so confirm it before referring`);
    else if (f.gender === 'female' || f.gender === 'male') no.push(`Victim is ${f.gender}: ${supports}`);
    // Non-binary or another gender outside the service's stated remit: the service decides case by case.
    else check.push(`Check: the victim is ${f.gender === 'other' ? 'of another gender' : f.gender}: ${supports}, so ask the service first`);
  }

  // A 16- or 17-year-old is a victim of domestic abuse and a child: some adult services need a person's judgement first.
  const childAge = f.age ?? f.victimAgeAtIncident ?? null;
  if (childAge !== null && childAge >= 16 && childAge < 18) {
    if (s.kind === 'refuge')
      check.push(
        `Check: the victim is ${childAge}, a child: a 16- or 17-year-old who needs somewhere safe to live is owed an assessment by children's services first (Children Act 1989 s.20; R (G) v Southwark LBC [2009] UKHL 26), and many refuges take adults only`,
      );
    if (s.kind === 'legal-advice')
      check.push(
        `Check: the victim is ${childAge}, a child: a child usually applies for an order through a litigation friend (Family Procedure Rules 2010 Part 16), so tell the legal-advice service`,
      );
  }

  if (r.minAge !== null || r.maxAge !== null) {
    const range = r.maxAge === null ? `${r.minAge} or over` : r.minAge === null ? `${r.maxAge} or under` : `${r.minAge}–${r.maxAge}`;
    if (f.age === null) check.push(`Check: the victim's age is not recorded: confirm they are ${range}`);
    else if ((r.minAge !== null && f.age < r.minAge) || (r.maxAge !== null && f.age > r.maxAge))
      no.push(`Victim is ${f.age}: ${s.serviceName} is for ages ${range}`);
    else yes.push(`Victim is ${f.age}: within ages ${range}`);
  }

  if (r.areas.length && f.outOfCounty) {
    no.push(`Lives out of county: no team of this hub covers where the victim lives (this team covers ${list(r.areas)})`);
  } else if (r.areas.length && f.areaSource === 'incident-area') {
    if (r.areas.some((a) => sameArea(a, f.area)))
      yes.push(`Incident in ${f.area} (victim's home postcode not known): covered by this team`);
    // An area nobody can place is not a reason to refuse every team: a person finds out where she lives.
    else if (f.areaKnown === false)
      check.push(
        `Check: the incident area "${f.area}" is not one of this hub's outreach areas and the victim's home postcode is not known: confirm where the victim lives and correct the case's outreach area (this team covers ${list(r.areas)})`,
      );
    else no.push(`Incident in ${f.area} (victim's home postcode not known): this team covers ${list(r.areas)}`);
  } else if (r.areas.length) {
    if (r.areas.some((a) => sameArea(a, f.area))) yes.push(`Lives in ${f.area}: covered by this team`);
    else no.push(`Lives in ${f.area}: this team covers ${list(r.areas)}`);
  }

  if (r.requiresChildren) {
    // A child to safeguard: children in the household or present, an unborn or new baby, or a victim or suspect who is
    // a child themself (each is a child in need of protection: Children Act 1989 s.47, Working Together 2023).
    const child: string[] = [];
    // A child at the incident who is 18 now is an adult: children's services owe them nothing as a child any more.
    const victimNowAdult = f.victimUnder18 === true && f.age !== null && f.age >= 18;
    if (f.childrenPresent) child.push('Children were present at the incident');
    else if (f.childrenInHousehold) child.push('Children live in the household');
    if (f.pregnant) child.push('Victim is pregnant or has a baby under 18 months: an unborn or new baby to safeguard');
    if (f.victimUnder18 && !victimNowAdult)
      child.push(`Victim is ${f.victimAgeAtIncident ?? 'under 18'}: a child themself, so a referral for the victim too`);
    if (f.suspectUnder18)
      child.push(`Suspect is ${f.suspectAge ?? 'under 18'}: a child, so children's services and the youth justice service should know`);
    const undecided: string[] = [];
    // No age for the victim (no date of birth on the report): they may be a child, and a statutory referral anyone may
    // make is never refused for a fact nobody recorded; the caseworker confirms the age first (fails safe).
    if (f.victimAgeAtIncident === null)
      undecided.push(
        "Check: the victim's age is not recorded: if they are under 18 they are a child themself, and children's services should hear of them",
      );
    if (victimNowAdult)
      undecided.push(
        `Check: the victim was ${f.victimAgeAtIncident ?? 'under 18'} at the incident but is ${f.age} now, an adult: children's services no longer owe them duties as a child (a leaving-care service may)`,
      );
    // Children the report lists who live elsewhere and were not there: a child who sees, hears or experiences the
    // effects of the abuse and is related to the victim or suspect is a victim in their own right (DA Act 2021 s.3).
    if ((f.childrenListed ?? 0) > 0)
      undecided.push(
        'Check: the report lists children who do not live with the victim and were not present: ask whether they see, hear or experience the effects of the abuse or are in contact with the suspect (DA Act 2021 s.3)',
      );
    // Nothing recorded either way (no list, the police DASH children answers "not known", or a contact dispute over a
    // child the report does not list): asked about, never refused.
    for (const reason of f.childrenUnknown ?? [])
      undecided.push(
        `Check: ${reason}: ask whether children live in the household, visit or were there (a child who sees, hears or experiences the abuse is a victim in their own right, DA Act 2021 s.3)`,
      );
    if (child.length) yes.push(...child);
    else if (undecided.length) check.push(...undecided);
    else no.push('No children in the household or present at the incident, no pregnancy, and victim and suspect not known to be under 18');
  }

  if (r.requiresAssociatedPerson) {
    const rel = f.suspectRelationship;
    const named = { partner: 'a partner', 'ex-partner': 'an ex-partner', 'family-member': 'a family member' } as const;
    // Family Law Act 1996 s.62(3): associated persons are (ex-)spouses and civil partners, (ex-)cohabitants, those who
    // live or have lived in the same household, relatives, those who agreed to marry, an intimate personal
    // relationship of significant duration, parents of the same child, parties to the same family proceedings. A
    // report whose relationship is "other" or not known may still be one of them: the hub checks, it does not refuse.
    if (rel === 'partner' || rel === 'ex-partner' || rel === 'family-member')
      yes.push(`Suspect is ${named[rel]}: an associated person for a non-molestation order`);
    // The same household makes an associated person (s.62(3)(c)) unless the suspect is there merely as an employee,
    // tenant, lodger or boarder: with the relationship "other" or not known, that is exactly what is not known.
    else if (f.suspectLivesWithVictim)
      check.push(
        'Check: the suspect lives with the victim, an associated person for a non-molestation order (the same household, Family Law Act 1996 s.62(3)(c)) unless only a tenant, lodger, boarder or employee: confirm how they share the home',
      );
    else
      check.push(
        'Check: the police did not record the suspect as a partner, ex-partner or family member. An associated person for an order also lives or lived in the same household, is a relative, shares a child, agreed to marry the victim or had an intimate relationship of significant duration (Family Law Act 1996 s.62(3))',
      );
    if (f.suspectUnder18)
      check.push(
        `Check: the suspect is ${f.suspectAge ?? 'under 18'}, a child: an order against a child is rare and needs specialist advice (youth justice and children's services first)`,
      );
  }

  if (r.statutory) {
    yes.push('Statutory safeguarding referral: consent is not needed (but tell the victim unless that puts anyone at risk)');
  } else {
    if (f.supportReferral === 'refused') no.push('Victim refused referral to support services');
    else if (f.supportReferral === 'withdrawn') no.push('Victim withdrew consent to contact from support services');
    // Not asked: the service would phone a victim who never agreed to be contacted by it (the consent table in
    // docs/consent.md: this question decides a referral to any voluntary service). A person asks her first, and
    // records what she says: refused until then (it was a "Check:" that could be sent past; a referral review,
    // session 41: the house rule, when unsure refuse and say why). (Not for a service a team lead's lawful basis
    // already lets refer without her agreement: the IDVA, high risk.)
    else if (f.supportReferral === 'not-asked' && !(f.safeguardingBasis && mayShareWithoutConsent(f, s)))
      no.push('The victim has not been asked whether support services may contact her: ask her, and record her answer, before referring');
    if (f.informationSharing === 'given') yes.push('Victim consented to sharing their details');
    else {
      const said =
        f.informationSharing === 'refused'
          ? 'Victim refused sharing their details'
          : f.informationSharing === 'withdrawn'
            ? 'Victim withdrew consent to share their details'
            : 'Victim was not asked about sharing their details';
      if (!mayShareWithoutConsent(f, s))
        no.push(
          s.kind === 'idva'
            ? `${said}: get their consent (without it, the IDVA takes only high-risk or MARAC cases, on a lawful basis a team lead records)`
            : `${said}: get their consent (${s.serviceName} is only offered with consent)`,
        );
      else if (f.safeguardingBasis)
        yes.push(
          `No consent to share, but a team lead recorded a lawful basis for sharing without it${f.lawfulBasisTitle ? ` (${f.lawfulBasisTitle})` : ''}`,
        );
      else no.push(`${said}: get their consent, or a team lead must record a lawful basis for sharing without it`);
    }
  }

  return { eligible: no.length === 0, reasons: [...no, ...check, ...yes], ...(check.length && !no.length ? { check: true } : {}) };
}

/**
 * Which referrals may go on a lawful basis without the victim's consent: the IDVA (the MARAC's advocacy service), and
 * only for a case graded high risk or meeting a MARAC criterion. The other services are voluntary support a victim
 * has to want: sharing with them against the victim's wishes is neither necessary nor proportionate (ICO data
 * sharing code), and a refuge or outreach worker turning up unasked can raise the risk. Children's services are
 * statutory and need no consent. docs/consent.md gives the reasoning and sources (SafeLives MARAC guidance).
 */
export const WITHOUT_CONSENT_KINDS: readonly ServiceKind[] = ['idva'];

/** May this service take the case on a recorded lawful basis, without consent? (Not whether a basis is recorded.) */
export function mayShareWithoutConsent(f: Pick<EligibilityFacts, 'grade' | 'maracRequired'>, s: Pick<PartnerService, 'kind'>): boolean {
  return WITHOUT_CONSENT_KINDS.includes(s.kind) && (f.grade === 'high' || f.maracRequired);
}

const KIND_ORDER: ServiceKind[] = ['idva', 'childrens-services', 'outreach', 'legal-advice', 'refuge', 'male-victims', 'emotional-support'];

/** Every service with its answer, eligible ones first in order of how urgently they fit. */
export function referralOptions(f: EligibilityFacts, services: PartnerService[]): Array<PartnerService & Eligibility> {
  return services
    .map((s) => ({ ...s, ...checkEligibility(f, s) }))
    .sort(
      (a, b) =>
        Number(b.eligible) - Number(a.eligible) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.serviceName.localeCompare(b.serviceName),
    );
}

const ANY: Omit<ServiceRule, 'grades'> = {
  acceptsMarac: false,
  genders: [],
  minAge: 16,
  maxAge: null,
  areas: [],
  requiresChildren: false,
  requiresAssociatedPerson: false,
  statutory: false,
};

export const OUTREACH_AREAS = [
  'East Herts and Broxbourne',
  'North Herts and Stevenage',
  'St Albans and Dacorum',
  'Watford and Three Rivers',
  'Welwyn Hatfield and Hertsmere',
] as const;

const OFFICE_HOURS: ServiceHours = {
  mon: ['09:00', '17:00'],
  tue: ['09:00', '17:00'],
  wed: ['09:00', '17:00'],
  thu: ['09:00', '17:00'],
  fri: ['09:00', '17:00'],
  sat: null,
  sun: null,
};
const CATCH22_HOURS: ServiceHours = {
  mon: ['08:00', '20:00'],
  tue: ['08:00', '20:00'],
  wed: ['08:00', '20:00'],
  thu: ['08:00', '20:00'],
  fri: ['08:00', '20:00'],
  sat: ['09:00', '17:00'],
  sun: null,
};
const EXTENDED_HOURS: ServiceHours = {
  mon: ['08:00', '20:00'],
  tue: ['08:00', '20:00'],
  wed: ['08:00', '20:00'],
  thu: ['08:00', '20:00'],
  fri: ['08:00', '20:00'],
  sat: null,
  sun: null,
};

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The seeded directory of a Hertfordshire-like hub (synthetic partner names). */
export const DEFAULT_PARTNER_SERVICES: PartnerService[] = [
  {
    partnerId: 'idva',
    partnerName: 'County IDVA Service',
    service: 'idva',
    serviceName: 'IDVA support',
    kind: 'idva',
    acknowledgeWithinHours: 24,
    notifyEmail: 'referrals@idva.partners.example',
    hours: EXTENDED_HOURS,
    channel: 'portal-and-email',
    rule: { ...ANY, grades: ['high'], acceptsMarac: true },
  },
  {
    partnerId: 'refuge',
    partnerName: 'Safe Haven Refuge',
    service: 'refuge-place',
    serviceName: 'Refuge place (women)',
    kind: 'refuge',
    acknowledgeWithinHours: 4,
    notifyEmail: 'referrals@refuge.partners.example',
    hours: null,
    channel: 'portal-and-email',
    rule: { ...ANY, grades: [], genders: ['female'] },
  },
  {
    partnerId: 'catch22',
    partnerName: 'Catch22 Victim Care',
    service: 'emotional-support',
    serviceName: 'Emotional support',
    kind: 'emotional-support',
    acknowledgeWithinHours: 48,
    notifyEmail: 'referrals@catch22.partners.example',
    hours: CATCH22_HOURS,
    channel: 'portal-and-email',
    // A young people's and adults' victim service from 16 (the DA Act 2021 age): under 16 the child-protection route
    // leads, through children's services (docs/referrals.md "Children and under-18s").
    rule: { ...ANY, grades: [], minAge: 16 },
  },
  {
    partnerId: 'mankind',
    partnerName: 'Mankind Initiative',
    service: 'male-victims',
    serviceName: 'Support for male victims',
    kind: 'male-victims',
    acknowledgeWithinHours: 48,
    notifyEmail: 'referrals@mankind.partners.example',
    hours: OFFICE_HOURS,
    channel: 'portal-and-email',
    rule: { ...ANY, grades: [], genders: ['male'] },
  },
  {
    partnerId: 'legal',
    partnerName: 'DA Alliance Legal Advice',
    service: 'non-molestation-order',
    serviceName: 'Legal advice: non-molestation order',
    kind: 'legal-advice',
    acknowledgeWithinHours: 24,
    notifyEmail: 'referrals@legal.partners.example',
    hours: OFFICE_HOURS,
    channel: 'portal-and-email',
    rule: { ...ANY, grades: [], requiresAssociatedPerson: true },
  },
  ...OUTREACH_AREAS.map(
    (area): PartnerService => ({
      partnerId: 'outreach',
      partnerName: 'Community Outreach Service',
      service: `outreach-${slug(area)}`,
      serviceName: `Outreach: ${area}`,
      kind: 'outreach',
      acknowledgeWithinHours: 48,
      notifyEmail: `${slug(area)}@outreach.partners.example`,
      hours: OFFICE_HOURS,
      channel: 'portal-and-email',
      rule: { ...ANY, grades: ['standard', 'medium'], areas: [area] },
    }),
  ),
  {
    partnerId: 'childrens-services',
    partnerName: "County Children's Services",
    service: 'safeguarding-referral',
    serviceName: "Children's safeguarding referral",
    kind: 'childrens-services',
    acknowledgeWithinHours: 24,
    notifyEmail: 'front-door@childrens.partners.example',
    hours: null,
    channel: 'portal-and-email',
    rule: { ...ANY, grades: [], minAge: null, requiresChildren: true, statutory: true },
  },
];
