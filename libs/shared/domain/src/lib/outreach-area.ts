/**
 * Outreach follows the victim home: the outreach area comes from the victim's address postcode through a
 * configurable table (postcode → area), falls back to the incident area when the postcode is missing or the table
 * does not know it, and a caseworker can correct it. Pure. docs/referrals.md explains the table and its sources.
 */

/** Where the case's outreach area came from. */
export type OutreachAreaSource = 'victim-postcode' | 'incident-area' | 'caseworker';
export const OUTREACH_AREA_SOURCES: readonly OutreachAreaSource[] = ['victim-postcode', 'incident-area', 'caseworker'];

/** On CaseSummary: the area outreach is allocated by. `area` is null only when the victim lives out of county. */
export interface OutreachArea {
  area: string | null;
  source: OutreachAreaSource;
  /** The victim lives where no team of this hub covers (a known postcode outside the county). */
  outOfCounty: boolean;
}

/** The table's value for a postcode no team of this hub covers. */
export const OUT_OF_COUNTY = 'out-of-county';

/**
 * Postcode → outreach area (or OUT_OF_COUNTY). Keys, most specific first: a postcode sector ("SG5 4"), a postcode
 * district = outward code ("SG5"), a postcode area ("SG"), and "*" for any UK postcode whose postcode area the table
 * does not mention at all. A postcode in a postcode area the table does mention but whose district (and sector) it
 * does not is unknown: the incident area is used.
 */
export type OutreachAreaTable = Readonly<Record<string, string>>;

/** The 124 UK postcode areas (Royal Mail), with the Crown Dependencies': a postcode outside them is not a postcode. */
export const UK_POSTCODE_AREAS: ReadonlySet<string> = new Set(
  (
    'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G ' +
    'GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW ' +
    'OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD ' +
    'WF WN WR WS WV YO ZE'
  ).split(' '),
);

export interface ParsedPostcode {
  /** "SG", "W", "EC". */
  postcodeArea: string;
  /** The outward code = postcode district: "SG5", "EC1A". */
  outward: string;
  /** "SG5 4" when the inward code is known, else null (only an outward code was given). */
  sector: string | null;
  /** "SG5 4AB", or the outward code alone. */
  normalised: string;
}

const FULL = /^([A-Z]{1,2})(\d[A-Z\d]?)(\d)([A-Z]{2})$/;
const OUTWARD_ONLY = /^([A-Z]{1,2})(\d[A-Z\d]?)$/;

/**
 * A UK postcode in any case and spacing ("sg5 4ab", "SG54AB", " SG5  4AB "), or an outward code alone ("SG5"), into
 * its parts; null when it is not one (empty, other characters, an unknown postcode area).
 */
export function parsePostcode(raw: string | null | undefined): ParsedPostcode | null {
  if (typeof raw !== 'string') return null;
  const s = raw.toUpperCase().replace(/\s+/g, '');
  const full = FULL.exec(s);
  const m = full ?? OUTWARD_ONLY.exec(s);
  if (!m || !UK_POSTCODE_AREAS.has(m[1])) return null;
  const outward = m[1] + m[2];
  return full
    ? { postcodeArea: m[1], outward, sector: `${outward} ${full[3]}`, normalised: `${outward} ${full[3]}${full[4]}` }
    : { postcodeArea: m[1], outward, sector: null, normalised: outward };
}

/** The table's answer for a postcode: an area, out of county, or null (not known: use the incident area). */
export function lookupPostcode(postcode: string | null | undefined, table: OutreachAreaTable): string | null {
  const p = parsePostcode(postcode);
  if (!p) return null;
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined);
  const hit = (p.sector ? own(p.sector) : undefined) ?? own(p.outward) ?? own(p.postcodeArea);
  if (hit !== undefined) return hit;
  const areaKnown = Object.keys(table).some((k) => k !== '*' && /^[A-Z]{1,2}/.exec(k)?.[0] === p.postcodeArea);
  return areaKnown ? null : (own('*') ?? null);
}

/**
 * The outreach area of a case from the victim's address postcode, else the incident area. A caseworker's correction
 * is not decided here: it is kept on the case and outranks a later report.
 */
export function resolveOutreachArea(
  victimPostcode: string | null | undefined,
  incidentArea: string,
  table: OutreachAreaTable,
): OutreachArea {
  const found = lookupPostcode(victimPostcode, table);
  if (found === OUT_OF_COUNTY) return { area: null, source: 'victim-postcode', outOfCounty: true };
  if (found !== null) return { area: found, source: 'victim-postcode', outOfCounty: false };
  return { area: canonicalArea(incidentArea, table) ?? incidentArea, source: 'incident-area', outOfCounty: false };
}

/**
 * An area name as people write it, for comparing: case, accents' compatibility forms, "&" for "and", punctuation
 * and spacing do not matter ("Watford & Three Rivers" = "watford and three-rivers").
 */
export function areaKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether two area names are the same area as written by people (areaKey). */
export function sameArea(a: string, b: string): boolean {
  return areaKey(a) === areaKey(b);
}

/** The table's own spelling of a free-text area (an officer's `incident.area`), or null when the table names no such area. */
export function canonicalArea(name: string | null | undefined, table: OutreachAreaTable): string | null {
  if (!name) return null;
  const key = areaKey(name);
  return outreachAreaChoices(table).find((a) => areaKey(a) === key) ?? null;
}

/** The areas a caseworker may correct to: every area the table names (not "out of county", which is `area: null`). */
export function outreachAreaChoices(table: OutreachAreaTable): string[] {
  return [...new Set(Object.values(table).filter((v) => v !== OUT_OF_COUNTY))].sort((a, b) => a.localeCompare(b));
}

/** Problems with a configured table (keys and values), as messages; [] when it is usable. */
export function checkOutreachAreaTable(table: unknown): string[] {
  if (!table || typeof table !== 'object' || Array.isArray(table)) return ['outreachAreas must be an object of postcode → area'];
  const errors: string[] = [];
  const key = /^(\*|[A-Z]{1,2}|[A-Z]{1,2}\d[A-Z\d]?|[A-Z]{1,2}\d[A-Z\d]? \d)$/;
  for (const [k, v] of Object.entries(table as Record<string, unknown>)) {
    if (!key.test(k))
      errors.push(`outreachAreas key "${k}" must be "*", a postcode area (SG), district (SG5) or sector (SG5 4), in capitals`);
    if (typeof v !== 'string' || !v.trim()) errors.push(`outreachAreas["${k}"] must be an area name or "${OUT_OF_COUNTY}"`);
  }
  return errors;
}

const EHB = 'East Herts and Broxbourne';
const NHS = 'North Herts and Stevenage';
const SAD = 'St Albans and Dacorum';
const WTR = 'Watford and Three Rivers';
const WHH = 'Welwyn Hatfield and Hertsmere';
const OUT = OUT_OF_COUNTY;

const range = (prefix: string, from: number, to: number, value: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`${prefix}${from + i}`, value]));

/**
 * Hertfordshire's postcode districts by the local authority district most of their addresses are in (ONS Postcode
 * Directory, Royal Mail postcode district lists), grouped into the hub's five outreach areas (OUTREACH_AREAS). The
 * neighbours' districts in the same postcode areas are out of county, and so is every other UK postcode area ("*").
 * Districts that straddle the county line and have no clear majority (CM22, HA6 Moor Park/Northwood) are left out
 * on purpose: the incident area is used and the caseworker corrects it. Refine a straddling district with sector keys.
 */
export const HERTFORDSHIRE_OUTREACH_AREAS: OutreachAreaTable = {
  '*': OUT,
  // AL: St Albans, Harpenden, Redbourn, London Colney, Markyate (St Albans, Dacorum); Welwyn, WGC, Hatfield (Welwyn Hatfield).
  ...range('AL', 1, 5, SAD),
  ...range('AL', 6, 10, WHH),
  // SG: Stevenage (SG1–2), Knebworth (SG3), Hitchin (SG4–5), Letchworth (SG6), Baldock (SG7), Royston (SG8): North Herts
  // and Stevenage; Buntingford, Much Hadham, Puckeridge, Ware, Hertford (SG9–14): East Herts. SG15–19: Central Bedfordshire.
  ...range('SG', 1, 8, NHS),
  ...range('SG', 9, 14, EHB),
  ...range('SG', 15, 19, OUT),
  'SG5 4': OUT, // Stotfold (Central Bedfordshire)
  // WD: Rickmansworth, Chorleywood, Croxley (WD3), Abbots Langley (WD5), Watford (WD17–19, WD24–25): Watford and Three
  // Rivers; Kings Langley and Chipperfield (WD4): Dacorum; Borehamwood (WD6), Radlett (WD7), Bushey (WD23): Hertsmere.
  WD3: WTR,
  WD4: SAD,
  WD5: WTR,
  WD6: WHH,
  WD7: WHH,
  WD17: WTR,
  WD18: WTR,
  WD19: WTR,
  WD23: WHH,
  WD24: WTR,
  WD25: WTR,
  // EN: Enfield and Barnet (EN1–5) are London, Waltham Abbey (EN9) is Essex; Potters Bar and Cuffley (EN6): Hertsmere,
  // Welwyn Hatfield; Cheshunt, Waltham Cross, Wormley, Hoddesdon (EN7, EN8, EN10, EN11): Broxbourne.
  ...range('EN', 1, 5, OUT),
  EN6: WHH,
  EN7: EHB,
  EN8: EHB,
  EN9: OUT,
  EN10: EHB,
  EN11: EHB,
  // HP: Hemel Hempstead (HP1–3), Berkhamsted (HP4), Tring (HP23): Dacorum; the rest is Buckinghamshire.
  ...range('HP', 1, 4, SAD),
  ...range('HP', 5, 22, OUT),
  HP23: SAD,
  HP27: OUT,
  // CM: Sawbridgeworth (CM21) and Bishop's Stortford (CM23): East Herts; the rest is Essex (CM22 straddles: left out).
  ...range('CM', 0, 20, OUT),
  CM21: EHB,
  CM23: EHB,
  CM24: OUT,
  CM77: OUT,
  // LU: Luton, Dunstable, Leighton Buzzard (Bedfordshire).
  ...range('LU', 1, 7, OUT),
  // HA: London and Buckinghamshire, but HA6 (Northwood, London; Moor Park, Three Rivers) straddles: left out.
  ...range('HA', 0, 5, OUT),
  ...range('HA', 7, 9, OUT),
};
