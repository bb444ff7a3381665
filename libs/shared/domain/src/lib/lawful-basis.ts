/**
 * Lawful bases for sharing a victim's details with a partner WITHOUT their consent, as a team lead records one
 * (`POST /api/v1/cases/:id/safeguarding-basis {ground: code, reason}`). A configurable list
 * (`lawfulBases` in the LANTERN_TRIAGE_CONFIG file replaces it); these defaults are drafted from UK practice and
 * are for the hub's data protection officer to confirm against the local information-sharing agreement.
 *
 * Sources: Data Protection Act 2018 Schedule 1 (Part 2 paras 10 and 18) and s.8, s.10; UK GDPR Art. 6(1)(d)/(e)
 * and Art. 9(2)(c)/(g); ICO, Data sharing: a code of practice (2021); SafeLives, MARAC guidance and the MARAC
 * information-sharing protocol template; Crime and Disorder Act 1998 s.115. docs/consent.md explains each.
 */
export interface LawfulBasis {
  /** Stable key recorded on the case (`ground`): lower-case letters, digits and dashes. */
  code: string;
  /** What the team lead chooses, in plain words, with its limits. */
  title: string;
  /** The law relied on, as a data protection officer would cite it. */
  legalReference: string;
  /** When it applies, and when it does not (shown under the choice). */
  description?: string;
}

/** A lawful-basis code: the same shape as directory keys. */
export const LAWFUL_BASIS_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

export const DEFAULT_LAWFUL_BASES: readonly LawfulBasis[] = [
  {
    code: 'marac-protocol',
    title: 'High-risk domestic abuse: the local MARAC information-sharing protocol',
    legalReference:
      'UK GDPR Art. 6(1)(e) (public task) and Art. 9(2)(g); DPA 2018 s.8, with the Sch. 1 condition (para 10 or 18) the local MARAC information-sharing protocol names',
    description:
      'For a case graded high risk or meeting MARAC criteria, referred to the MARAC and its IDVA service under the protocol the hub has signed. Share only what the protocol lists, and tell the victim about the referral unless that would increase the risk.',
  },
  {
    code: 'crime-prevention',
    title: 'Preventing or detecting crime (further abuse), where asking would prejudice it',
    legalReference:
      'DPA 2018 Sch. 1 para 10 (preventing or detecting unlawful acts) with UK GDPR Art. 6(1)(e) or (f); Crime and Disorder Act 1998 s.115 (power to disclose to a relevant authority)',
    description:
      'Only where sharing is necessary to prevent or detect an offence (further abuse, stalking, breach of an order) and asking for consent would prejudice that (para 10(1)(b)), and it is in the substantial public interest.',
  },
  {
    code: 'safeguarding-child-or-adult-at-risk',
    title: 'Safeguarding a child, or an adult at risk as DPA 2018 Sch. 1 para 18(3) defines it (only)',
    legalReference:
      'DPA 2018 Sch. 1 para 18 (safeguarding of children and of individuals at risk) with UK GDPR Art. 6(1)(e) and Art. 9(2)(g)',
    description:
      'Only for a child, or an adult who has needs for care and support, is experiencing or at risk of harm, and because of those needs cannot protect themselves (para 18(3)): most adult victims of domestic abuse are not "at risk" in this sense. And only where they cannot give consent (e.g. lack capacity — not "could not be reached"), consent cannot reasonably be obtained, or asking would prejudice their protection (para 18(2)).',
  },
  {
    code: 'vital-interests',
    title: 'Vital interests: a life is at risk and consent cannot be obtained',
    legalReference: 'UK GDPR Art. 6(1)(d) and Art. 9(2)(c)',
    description:
      'Only to protect someone’s life in an emergency, when the victim is physically or legally incapable of giving consent (Art. 9(2)(c)). Not for routine referrals: the ICO expects another basis wherever one applies.',
  },
];

/** Everything wrong with a configured list (empty = usable): non-empty, unique well-formed codes, words given. */
export function checkLawfulBases(list: unknown): string[] {
  if (!Array.isArray(list) || list.length === 0) return ['lawfulBases must be a non-empty array'];
  const errors: string[] = [];
  const seen = new Set<string>();
  const code = new RegExp(LAWFUL_BASIS_CODE_PATTERN);
  const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
  list.forEach((b: unknown, i) => {
    const e = (b ?? {}) as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return void errors.push(`lawfulBases[${i}] must be an object`);
    if (typeof e['code'] !== 'string' || !code.test(e['code']))
      errors.push(`lawfulBases[${i}].code must match ${LAWFUL_BASIS_CODE_PATTERN}`);
    else if (seen.has(e['code'])) errors.push(`lawfulBases[${i}].code ${e['code']} is given twice`);
    else seen.add(e['code']);
    if (!text(e['title'], 300)) errors.push(`lawfulBases[${i}].title must be a non-blank string of at most 300 characters`);
    if (!text(e['legalReference'], 500))
      errors.push(`lawfulBases[${i}].legalReference must be a non-blank string of at most 500 characters`);
    if (e['description'] !== undefined && !text(e['description'], 1000))
      errors.push(`lawfulBases[${i}].description must be a non-blank string of at most 1000 characters`);
    const extra = Object.keys(e).filter((k) => !['code', 'title', 'legalReference', 'description'].includes(k));
    if (extra.length) errors.push(`lawfulBases[${i}] has unknown keys: ${extra.join(', ')}`);
  });
  return errors;
}

/**
 * The grounds recorded before the lawful-bases list existed (DPA 2018 Sch. 1 para 18(2) only). Kept so an old
 * record still reads in words; they are no longer offered.
 */
export const LEGACY_SAFEGUARDING_GROUNDS: Readonly<Record<string, Pick<LawfulBasis, 'title' | 'legalReference'>>> = {
  'consent-cannot-be-given': {
    title: 'Safeguarding: the individual cannot give consent',
    legalReference: 'DPA 2018 Sch. 1 para 18(2)(a)',
  },
  'consent-cannot-reasonably-be-obtained': {
    title: 'Safeguarding: consent cannot reasonably be obtained',
    legalReference: 'DPA 2018 Sch. 1 para 18(2)(b)',
  },
  'consent-would-prejudice-safeguarding': {
    title: 'Safeguarding: asking for consent would prejudice the protection',
    legalReference: 'DPA 2018 Sch. 1 para 18(2)(c)',
  },
};
