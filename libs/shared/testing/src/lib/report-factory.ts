import type { DashAnswer, DashAnswers, PoliceReport, RiskGrade } from '@lantern/shared/domain';

/** Synthetic data only: generic names, Ofcom drama-range numbers (07700 900xxx), made-up references. */
export const AREAS = [
  'East Herts and Broxbourne',
  'North Herts and Stevenage',
  'St Albans and Dacorum',
  'Watford and Three Rivers',
  'Welwyn Hatfield and Hertsmere',
] as const;

const TOWNS: Record<(typeof AREAS)[number], { town: string; postcode: string }> = {
  'East Herts and Broxbourne': { town: 'Hertford', postcode: 'SG13 7AB' },
  'North Herts and Stevenage': { town: 'Stevenage', postcode: 'SG1 2XY' },
  'St Albans and Dacorum': { town: 'Hemel Hempstead', postcode: 'HP2 4QR' },
  'Watford and Three Rivers': { town: 'Watford', postcode: 'WD17 1AA' },
  'Welwyn Hatfield and Hertsmere': { town: 'Hatfield', postcode: 'AL10 9ZZ' },
};

const FIRST = [
  'Danielle',
  'Priya',
  'Sarah',
  'Aisha',
  'Emma',
  'Joanne',
  'Chloe',
  'Grace',
  'Tomasz',
  'Daniel',
  'Mei',
  'Olivia',
  'Zainab',
  'Ruth',
  'Niamh',
];
const LAST = [
  'Smith',
  'Khan',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Patel',
  'Evans',
  'Wilson',
  'Nowak',
  "O'Neill",
  'Ní Bhriain',
  'Okafor',
  'Hughes',
  'Clarke',
];
const SUSPECT_FIRST = ['Connor', 'Mark', 'Lee', 'Gary', 'Ryan', 'Kieran', 'Paul', 'Dean', 'Jodie', 'Stacey'];
const OFFENCES = [
  'Common assault',
  'Harassment',
  'Stalking',
  'Controlling or coercive behaviour',
  'Criminal damage',
  'Threats to kill',
  'Intentional strangulation',
  'Malicious communications',
  'Assault occasioning actual bodily harm',
  'Breach of non-molestation order',
];
const SUMMARIES = [
  'Argument escalated after the suspect returned home intoxicated. Victim has a visible bruise to the left arm.',
  'Victim reports ongoing messages and calls from ex-partner since separation, including turning up at her workplace.',
  'Suspect damaged the front door and a mobile phone. Victim fears reprisal if she supports a prosecution.',
  'Victim states the suspect controls her bank card and phone and checks her location.',
  'Neighbour called police after hearing shouting; victim disclosed previous incidents not reported.',
];

/**
 * A small deterministic PRNG (mulberry32), so generated data is the same on every run. The same generator as the
 * domain's seeded-random.ts, kept here on purpose: this file is loaded by the tools (bench, feed) through tsx without
 * the workspace's path mapping, so it may import only types from @lantern/shared/domain.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const FORCE = 'Hertfordshire Constabulary';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** Deep-merges overrides into a copy of base: objects merge, arrays and scalars replace. */
export function merge<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (!overrides) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(overrides)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? merge(b, v as DeepPartial<typeof b>)
        : v;
  }
  return out as T;
}

export interface GenerateOptions {
  /** The moment the report is sent; incident times fall shortly before. Default: now. */
  now?: Date;
  /** Reference number offset, so generated references don't collide with the samples (HC/2026/01xxxx). */
  referenceBase?: number;
}

/** The victim's name and date of birth: drawn for a one-off person, fixed by the id for a repeat victim (personN < 9). */
function sameForPerson(
  personN: number,
  drawn: { firstName: string; lastName: string; dateOfBirth: string },
): { firstName: string; lastName: string; dateOfBirth: string } {
  if (personN >= 9) return drawn;
  return {
    firstName: FIRST[personN % FIRST.length],
    lastName: LAST[(personN * 7) % LAST.length],
    dateOfBirth: `198${personN}-0${1 + personN}-1${personN}`,
  };
}

/** A valid, varied report for index `i`, deterministic for the same i and options. */
export function generateReport(i: number, options: GenerateOptions = {}): PoliceReport {
  const rand = prng(i * 7919 + 17);
  const now = (options.now ?? new Date()).getTime();
  const area = pick(rand, AREAS);
  const place = TOWNS[area];
  const reported = now - Math.floor(rand() * 60) * 60_000;
  const occurred = reported - Math.floor(30 + rand() * 240) * 60_000;
  const grade: RiskGrade = pick(rand, ['standard', 'standard', 'medium', 'medium', 'high'] as const);
  const tool = pick(rand, ['dash', 'dash', 'dash', 'dara', 'judgement'] as const);
  const answers: DashAnswers = {};
  if (tool === 'dash') {
    const yesRate = grade === 'high' ? 0.65 : grade === 'medium' ? 0.45 : 0.2;
    for (let q = 1; q <= 27; q++) {
      const r = rand();
      const a: DashAnswer = r < yesRate ? 'yes' : r < 0.9 ? 'no' : r < 0.96 ? 'not-known' : 'declined';
      answers[`q${q}`] = a;
    }
  }
  const childCount = Math.floor(rand() * 3.2);
  const phoneN = 100 + ((i * 37) % 900);
  const personN = rand() < 0.15 ? i % 9 : 1000 + i;
  const hasSafeContact = rand() < 0.7;
  return {
    schemaVersion: '1',
    source: {
      force: FORCE,
      system: pick(rand, ['records-feed', 'records-feed', 'officer-app'] as const),
      sentAt: iso(reported + 5 * 60_000 > now ? now : reported + 5 * 60_000),
    },
    reference: `HC/2026/${String((options.referenceBase ?? 500000) + i).padStart(6, '0')}`,
    revision: 1,
    incident: {
      occurredAt: iso(occurred),
      reportedAt: iso(reported),
      area,
      postcode: place.postcode,
      offences: [pick(rand, OFFENCES)],
      summary: pick(rand, SUMMARIES),
      injuries: rand() < 0.4,
      weaponUsed: rand() < 0.15,
      strangulation: rand() < 0.1,
      // Mostly none or one earlier incident; about one in eight has two or more (potential escalation).
      previousIncidents12Months: rand() < 0.875 ? Math.floor(rand() * 2) : 2 + Math.floor(rand() * 3),
    },
    victim: {
      personId: `P09${String(personN).padStart(5, '0')}`,
      // A repeat victim (one of the nine person ids) keeps her name and date of birth, as a police person id does;
      // the draws are made all the same, so every other field of report i is as it was.
      ...sameForPerson(personN, {
        firstName: pick(rand, FIRST),
        lastName: pick(rand, LAST),
        dateOfBirth: `19${60 + Math.floor(rand() * 40)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      }),
      gender: rand() < 0.85 ? 'female' : 'male',
      phone: `07700 900${String(phoneN).padStart(3, '0')}`,
      address: { line1: `${1 + Math.floor(rand() * 200)} Station Road`, town: place.town, postcode: place.postcode },
      ...(hasSafeContact
        ? {
            safeContact: {
              phone: `07700 900${String((phoneN + 451) % 1000).padStart(3, '0')}`,
              safeTimes: pick(rand, [
                'Weekdays 10:00-14:00',
                'Tuesdays and Thursdays 10:00-12:00',
                'Evenings after 18:00 only',
                'Any time',
              ]),
              voicemailSafe: rand() < 0.4,
              smsSafe: rand() < 0.6,
            },
          }
        : {}),
    },
    suspect: {
      personId: `S09${String(1000 + i).padStart(5, '0')}`,
      firstName: pick(rand, SUSPECT_FIRST),
      lastName: pick(rand, LAST),
      gender: 'male',
      relationshipToVictim: pick(rand, ['partner', 'ex-partner', 'family-member'] as const),
      livesWithVictim: rand() < 0.4,
      arrested: rand() < 0.5,
      onBail: false,
    },
    children: Array.from({ length: childCount }, () => ({
      ageYears: Math.floor(rand() * 17),
      presentAtIncident: rand() < 0.5,
      livesWithVictim: rand() < 0.85,
    })),
    officerRiskAssessment: { tool, riskLevel: grade, ...(tool === 'dash' ? { dash: answers } : {}) },
    consent: {
      supportReferral: pick(rand, ['given', 'given', 'given', 'not-asked'] as const),
      informationSharing: pick(rand, ['given', 'refused', 'not-asked'] as const),
      recordedAt: iso(reported),
    },
    officer: { collarNumber: `PC ${4000 + (i % 900)}`, team: 'Safer Neighbourhood' },
  };
}

/**
 * Overrides that date a report as made by the officer at `at` (the incident two hours before, sent five minutes
 * after, consent recorded as it was made): for a test that records contact at fixed past times, since the hub refuses
 * a contact attempt dated before the police report it answers.
 */
export function reportMadeAt(at: Date | string): DeepPartial<PoliceReport> {
  const made = new Date(at).getTime();
  return {
    source: { sentAt: iso(made + 5 * 60_000) },
    incident: { occurredAt: iso(made - 2 * 3600_000), reportedAt: iso(made) },
    consent: { recordedAt: iso(made) },
  };
}

/** A valid report with overrides deep-merged in (arrays and scalars replace). */
export function createReport(overrides?: DeepPartial<PoliceReport>, i = 0, options?: GenerateOptions): PoliceReport {
  return merge(generateReport(i, options), overrides);
}
