import PDFDocument from 'pdfkit';
import {
  channelsInWords,
  unsafeMessagesInWords,
  consentLabel,
  dashAnswerLabel,
  genderLabel,
  HUB_TIME_ZONE,
  relationshipLabel,
  riskGradeLabel,
  ukDate,
  yesNo,
  RIC_QUESTIONS,
  type DashAnswers,
  type MaracReason,
  MARAC_REASON_TEXT,
  type PartnerSafeContact,
  type PoliceReport,
  type ReferralDataset,
  childrenAtHomeUnlisted,
  CHILDREN_AT_HOME_UNLISTED,
  type ChildrensServicesDataset,
} from '@lantern/shared/domain';

/** A labelled section of a referral document: [label, value] rows. */
export interface DocumentSection {
  title: string;
  /** Width of the label column in points (default 150); wider for long questions. */
  labelWidth?: number;
  rows: Array<[string, string]>;
}

export interface ReferralDocument {
  title: string;
  subtitle: string;
  sections: DocumentSection[];
  footer: string;
  /** The protective marking under the title; default: personal data, named recipient only. */
  banner?: string;
}

const MARGIN = 50;

/** Renders a referral document to PDF bytes (pdfkit, A4, built-in Helvetica). */
export function renderPdf(doc: ReferralDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: doc.title, Author: 'Lantern', Subject: 'Referral' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const width = pdf.page.width - MARGIN * 2;

    pdf.fillColor('#1d2a4d').font('Helvetica-Bold').fontSize(18).text(doc.title);
    pdf.moveDown(0.2).fillColor('#444').font('Helvetica').fontSize(10).text(doc.subtitle);
    pdf
      .moveDown(0.3)
      .fillColor('#a11')
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(doc.banner ?? 'OFFICIAL-SENSITIVE: contains personal data. Share only with the named recipient.');
    for (const section of doc.sections) {
      pdf.moveDown(0.8);
      if (pdf.y + 40 > pdf.page.height - MARGIN) pdf.addPage();
      const y = pdf.y;
      pdf.rect(MARGIN, y, width, 18).fill('#e8ecf6');
      pdf
        .fillColor('#1d2a4d')
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(section.title, MARGIN + 6, y + 4);
      pdf.moveDown(0.4);
      const labelWidth = section.labelWidth ?? 150;
      const valueWidth = width - labelWidth - 10;
      for (const [label, value] of section.rows) {
        // Rows are laid out side by side, so measure both columns and start a new page before a row that would not fit.
        const labelH = pdf.font('Helvetica-Bold').fontSize(9).heightOfString(label, { width: labelWidth });
        const valueH = pdf
          .font('Helvetica')
          .fontSize(10)
          .heightOfString(value || '—', { width: valueWidth });
        const rowH = Math.max(labelH, valueH);
        if (pdf.y + rowH > pdf.page.height - MARGIN) pdf.addPage();
        const rowY = pdf.y;
        pdf.fillColor('#555').font('Helvetica-Bold').fontSize(9).text(label, MARGIN, rowY, { width: labelWidth });
        pdf
          .fillColor('#000')
          .font('Helvetica')
          .fontSize(10)
          .text(value || '—', MARGIN + labelWidth + 10, rowY, { width: valueWidth });
        pdf.y = rowY + rowH + 4;
        pdf.x = MARGIN;
      }
    }
    pdf.moveDown(1.2).fillColor('#666').font('Helvetica').fontSize(8).text(doc.footer, MARGIN, pdf.y, { width });
    pdf.end();
  });
}

const londonDateTime = (iso: string | null | undefined) =>
  iso
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: HUB_TIME_ZONE }).format(new Date(iso))
    : 'Not recorded';

/**
 * The confirmed safe-contact plan as rows: safe numbers, the times in words (never the officer's raw words: until the
 * hub confirms them they read "Not confirmed yet — ask the hub before contacting"), channels, and the code word only
 * when the plan carries it for this reader.
 */
export function safeContactRows(sc: PartnerSafeContact, dateLine: string): Array<[string, string]> {
  // Declined or closed: nothing to contact her with, and why (the plan carries none: endedReferralPlan); a "no" to
  // contact said too when she gave one.
  if (sc.referralEnded)
    return [
      ...(sc.contactRefused
        ? [
            [
              'DO NOT CONTACT',
              `The victim ${sc.contactRefused === 'withdrawn' ? 'withdrew' : 'refused'} consent to contact from support services.`,
            ] as [string, string],
          ]
        : []),
      [
        'REFERRAL ENDED',
        'This referral was declined or closed: the victim’s contact details are no longer given. Speak to the hub before any contact, and delete any copy of them you kept.',
      ],
    ];
  const rows: Array<[string, string]> = [
    ...(sc.contactRefused
      ? [
          [
            'DO NOT CONTACT',
            `The victim ${sc.contactRefused === 'withdrawn' ? 'withdrew' : 'refused'} consent to contact from support services: do not contact them before speaking to the hub.`,
          ] as [string, string],
        ]
      : []),
    ...(sc.victimChanged
      ? [
          [
            'SPEAK TO THE HUB FIRST',
            'Since this referral was sent, the police have named another person as the victim of this incident: the person it describes may not be the victim, so no contact details are given. Delete any copy of them you kept.',
          ] as [string, string],
        ]
      : []),
    ...(sc.policeRevised
      ? [
          [
            'SPEAK TO THE HUB FIRST',
            'The police have changed the victim’s safe-contact details since the hub last reviewed the plan: a number or channel they no longer give as safe is left out until the hub has reviewed it.',
          ] as [string, string],
        ]
      : []),
    ...(sc.contactPaused
      ? [
          [
            'SPEAK TO THE HUB FIRST',
            'Someone else answered the victim’s phone when the hub last called: contact is paused until the hub says it is safe to try again.',
          ] as [string, string],
        ]
      : []),
    ...(sc.changedAt
      ? [
          [
            'CHANGED',
            `${londonDateTime(sc.changedAt)}: the hub changed these instructions after sending the referral. Use these, not an earlier copy.`,
          ] as [string, string],
        ]
      : []),
    ['Safe numbers', sc.numbers.join(', ') || 'None confirmed: contact the hub first'],
    ['Safe times', sc.times],
    ['Safe channels', channelsInWords(sc.channels) || 'None confirmed: contact the hub first'],
  ];
  const unsafe = unsafeMessagesInWords(sc);
  if (unsafe) rows.push(['NOT SAFE', unsafe]);
  if (sc.emails.length) rows.push(['Safe email', sc.emails.join(', ')]);
  if (sc.codeWord !== undefined) rows.push(['Code word', sc.codeWord ?? 'None agreed']);
  rows.push(['Plan as of', dateLine]);
  return rows;
}

/** The partner-facing referral: only that partner's minimal dataset. */
export function partnerDocument(
  meta: { partnerName: string; serviceName: string; reference: string; sentAt: string | null; referrer: string },
  d: ReferralDataset,
): ReferralDocument {
  const sections: DocumentSection[] = [
    {
      title: 'Referral',
      rows: [
        ['To', `${meta.partnerName}: ${meta.serviceName}`],
        ['Hub reference', meta.reference],
        [
          'Sent',
          meta.sentAt
            ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: HUB_TIME_ZONE }).format(
                new Date(meta.sentAt),
              )
            : 'Not sent',
        ],
        ['Referrer', meta.referrer],
        ['Note from the hub', d.referralNote ?? ''],
      ],
    },
    {
      title: 'Victim',
      rows: [
        ['Name', `${d.victim.firstName} ${d.victim.lastName}`],
        ['Gender', genderLabel(d.victim.gender)],
        ['Age', d.victim.age === null ? 'Not recorded' : String(d.victim.age)],
        ['Area', d.area],
        ...(d.incidentArea ? ([['Incident area', d.incidentArea]] as Array<[string, string]>) : []),
        ['Language', d.victim.preferredLanguage ?? 'Not recorded'],
        ['Interpreter needed', yesNo(d.victim.interpreterNeeded)],
      ],
    },
    {
      // An ended referral carries nothing to use (referralEnded): the heading does not say "use only these".
      title: d.safeContact.referralEnded ? 'Safe contact' : 'Safe contact (use only these)',
      rows: safeContactRows(
        d.safeContact,
        d.safeContact.current
          ? `${londonDateTime(d.safeContact.asOf)}: the hub's current plan. Check the portal before each contact: it always shows the current plan.`
          : `${londonDateTime(d.safeContact.asOf)}: as sent, may be out of date. Ask the hub before any contact.`,
      ),
    },
  ];
  if (d.risk)
    sections.push({
      title: 'Risk',
      rows: [
        ['Grade', d.risk.grade ?? 'Not graded'],
        ['MARAC', d.risk.maracReasons.map((m) => MARAC_REASON_TEXT[m as MaracReason] ?? m).join('\n') || 'No criteria met'],
      ],
    });
  if (d.suspect)
    sections.push({
      title: 'Perpetrator',
      rows: [
        ['Name', d.suspect.name || 'Not recorded'],
        ['Relationship', d.suspect.relationship ?? 'Not recorded'],
      ],
    });
  if (d.childrensServices) sections.push(...childrensServicesSections(d.childrensServices));
  else if (d.children)
    sections.push({
      title: 'Children',
      rows: [
        ...(d.children.length
          ? d.children.map((c, i): [string, string] => [
              `Child ${i + 1}`,
              `Age ${c.ageYears}; lives with victim: ${yesNo(c.livesWithVictim)}; present: ${yesNo(c.presentAtIncident)}`,
            ])
          : [['Children', d.childrenInHousehold ? 'None listed in the police report' : 'None recorded'] as [string, string]]),
        ...(childrenAtHomeUnlisted(d) ? [['In the household', CHILDREN_AT_HOME_UNLISTED] as [string, string]] : []),
      ],
    });
  if (d.incidentSummary) sections.push({ title: 'Incident', rows: [['Summary', d.incidentSummary]] });
  return {
    title: `Referral to ${meta.partnerName}`,
    subtitle: `${meta.serviceName} · ${meta.reference}`,
    sections,
    footer:
      'Generated by Lantern from the case record: nothing re-keyed. This document holds only what this service needs (its minimal dataset).',
  };
}

const age = (a: number | null) => (a === null ? 'Age not known' : `${a} on the incident date`);
const NOT_IN_REPORT = 'Not in the police report: ask';

/** The children's-services (MASH front door) sections: the children, the adults, the DASH children answers, informing the victim. */
export function childrensServicesSections(c: ChildrensServicesDataset): DocumentSection[] {
  const sus = c.suspect;
  return [
    { title: "Why children's services", rows: c.grounds.map((g, i): [string, string] => [i === 0 ? 'Grounds' : '', g]) },
    {
      title: 'Children',
      rows: [
        ...(c.children.length
          ? c.children.flatMap(
              (k, i): Array<[string, string]> => [
                [`Child ${i + 1}`, `${k.name ?? 'Name not recorded'}, age ${k.ageYears}`],
                ['  Lives with victim', yesNo(k.livesWithVictim)],
                ['  Present at incident', yesNo(k.presentAtIncident)],
                [
                  '  Address',
                  k.address ?? (k.livesWithVictim === false ? 'Lives elsewhere: address not in the police report' : 'Not recorded'),
                ],
                ['  Other parent', k.otherParent ?? NOT_IN_REPORT],
                ["  Suspect's relationship to the child", k.suspectRelationship ?? NOT_IN_REPORT],
                ['  School or nursery', k.school ?? NOT_IN_REPORT],
              ],
            )
          : [['Children', 'None listed in the police report'] as [string, string]]),
        ...(c.childrenNote ? [['Children: conflict', c.childrenNote] as [string, string]] : []),
      ],
    },
    {
      title: 'Police DASH: children',
      labelWidth: 330,
      rows: c.dashChildren.map((q): [string, string] => [
        `${q.key.toUpperCase()}. ${q.question}`,
        q.answer === 'not-asked' ? 'Not asked' : dashAnswerLabel(q.answer),
      ]),
    },
    {
      title: 'Victim (parent or carer)',
      rows: [
        ['Name', `${c.victim.firstName} ${c.victim.lastName}`],
        ['Date of birth', ukDate(c.victim.dateOfBirth)],
        ['Age', age(c.victim.ageAtIncident) + (c.victim.under18 ? ': a child (under 18), this referral is for them too' : '')],
        ['Gender', genderLabel(c.victim.gender)],
        ['Address', c.victim.address ?? 'Not recorded'],
        ['Pregnant or baby under 18 months', c.victim.pregnant ? 'Yes' : 'Not recorded'],
      ],
    },
    {
      title: 'Suspect',
      rows: sus
        ? [
            ['Name', [sus.firstName, sus.lastName].filter(Boolean).join(' ') || 'Not recorded'],
            ['Date of birth', ukDate(sus.dateOfBirth)],
            ['Age', age(sus.ageAtIncident) + (sus.under18 ? ': a child (under 18): youth justice too' : '')],
            ['Gender', genderLabel(sus.gender)],
            ['Relationship to victim', relationshipLabel(sus.relationshipToVictim)],
            ['Lives with victim', yesNo(sus.livesWithVictim)],
            ['Arrested', yesNo(sus.arrested)],
            ['On bail', yesNo(sus.onBail)],
          ]
        : [['Suspect', 'Not recorded in the police report']],
    },
    {
      title: 'Incident',
      rows: [
        ['Occurred', londonDateTime(c.incident.occurredAt)],
        ['Offences', c.incident.offences.join(', ') || 'Not recorded'],
        ['Injuries', yesNo(c.incident.injuries)],
        ['Weapon used', yesNo(c.incident.weaponUsed)],
        ['Strangulation', yesNo(c.incident.strangulation)],
      ],
    },
    {
      title: 'Consent and informing the victim',
      rows: [
        ['Basis', 'Statutory safeguarding referral (Children Act 1989 s.17/s.47): consent is not needed'],
        [
          'Victim informed',
          c.victimInformed === 'yes'
            ? 'Yes: the victim was or will be told of this referral'
            : `No: telling the victim would put a child at risk. ${c.victimInformedReason ?? ''}`.trim(),
        ],
      ],
    },
    { title: 'Not in the police report', rows: [['Ask the officer or the family', c.notInPoliceReport.join('; ')]] },
  ];
}

/** What the hub's MARAC referral form is filled from: the case, its current report and its risk assessment. */
export interface MaracFormInput {
  reference: string;
  policeReference: string;
  force: string;
  referrer: string;
  generatedAt: string;
  report: PoliceReport;
  /** The confirmed plan as partners get it (no code word: the MARAC pack goes to every agency), and its notes. */
  /** As partners get it: never the plan's notes nor the officer's free text, which stay with the hub. */
  safeContact: PartnerSafeContact;
  risk: {
    grade: string | null;
    score: number | null;
    source: 'hub' | 'police' | 'none';
    assessedAt: string | null;
    assessedBy: string | null;
    judgement: { grade: string; rationale: string } | null;
    answers: DashAnswers;
    maracReasons: MaracReason[];
  };
  /** The recorded MARAC referral the form is for (POST /cases/:id/marac-referrals), or null for a draft from the case. */
  referral?: { referredAt: string; maracArea: string; note: string | null; referredBy: string; perpetratorPersonId: string | null } | null;
  consent: {
    /** The consent to share in force, in words (who recorded it and how, for a hub record). */
    informationSharing: string;
    /** The consent to contact in force, in words, and what it means for anyone at the meeting (refused, paused). */
    contact: string;
    safeguardingBasis: { ground: string; title?: string; legalReference?: string; reason: string; by: string; at: string } | null;
  };
}

/** The hub's MARAC / IDVA referral (SafeLives-style), pre-filled from the case: nothing re-keyed. Hub and MARAC only. */
export function maracDocument(f: MaracFormInput): ReferralDocument {
  const r = f.report;
  const v = r.victim;
  const s = r.suspect;
  const name = (a?: string, b?: string) => [a, b].filter(Boolean).join(' ') || 'Not recorded';
  const address = [v.address?.line1, v.address?.line2, v.address?.town, v.address?.postcode].filter(Boolean).join(', ');
  const sections: DocumentSection[] = [
    {
      title: 'Referral',
      rows: [
        ['Referring agency', 'Lantern safeguarding hub'],
        ['Referrer', f.referral ? f.referral.referredBy : f.referrer],
        [
          'Date',
          f.referral
            ? `Referred ${londonDateTime(f.referral.referredAt)}`
            : `Draft (no referral recorded yet), ${londonDateTime(f.generatedAt)}`,
        ],
        ...(f.referral
          ? ([
              ['MARAC', f.referral.maracArea],
              ['Perpetrator police person id', f.referral.perpetratorPersonId ?? 'Not identified by police'],
              ...(f.referral.note ? [['Note', f.referral.note] as [string, string]] : []),
            ] as Array<[string, string]>)
          : []),
        ['Hub reference', f.reference],
        ['Police reference', `${f.policeReference} (${f.force})`],
        [
          'Reasons for referral',
          f.risk.maracReasons.map((m) => MARAC_REASON_TEXT[m]).join('\n') || 'No MARAC criterion met: referral on professional concern',
        ],
      ],
    },
    {
      title: 'Victim',
      rows: [
        ['Name', name(v.firstName, v.lastName)],
        ['Date of birth', ukDate(v.dateOfBirth)],
        ['Gender', genderLabel(v.gender)],
        ['Address', address || 'Not recorded'],
        ['Language', v.preferredLanguage ?? 'Not recorded'],
        ['Interpreter needed', yesNo(v.interpreterNeeded)],
        ['Disability', v.disability ?? 'Not recorded'],
        ['Pregnant', yesNo(v.pregnant)],
      ],
    },
    {
      title: 'Safe contact (use only these)',
      rows: safeContactRows(f.safeContact, londonDateTime(f.safeContact.asOf)),
    },
    {
      title: 'Perpetrator',
      rows: s
        ? [
            ['Name', name(s.firstName, s.lastName)],
            ['Date of birth', ukDate(s.dateOfBirth)],
            ['Gender', genderLabel(s.gender)],
            ['Relationship to victim', relationshipLabel(s.relationshipToVictim)],
            ['Lives with victim', yesNo(s.livesWithVictim)],
            ['Arrested', yesNo(s.arrested)],
            ['On bail', yesNo(s.onBail)],
          ]
        : [['Perpetrator', 'Not recorded in the police report']],
    },
    {
      title: 'Children',
      rows: (r.children ?? []).length
        ? (r.children ?? []).map((c, i): [string, string] => [
            `Child ${i + 1}`,
            `${c.firstName ?? 'Name not recorded'}, age ${c.ageYears}; lives with victim: ${yesNo(c.livesWithVictim)}; present at incident: ${yesNo(c.presentAtIncident)}`,
          ])
        : [['Children', 'None recorded']],
    },
    {
      title: 'Risk',
      rows: [
        ['Grade', riskGradeLabel(f.risk.grade)],
        ['RIC score', f.risk.score === null ? 'No checklist' : `${f.risk.score} of 24 "yes"`],
        [
          'Assessed by',
          f.risk.source === 'hub'
            ? `${f.risk.assessedBy ?? 'Hub'} (hub), ${londonDateTime(f.risk.assessedAt)}`
            : f.risk.source === 'police'
              ? `Attending officer (police DASH)`
              : 'Not assessed',
        ],
        [
          'Professional judgement',
          f.risk.judgement ? `${riskGradeLabel(f.risk.judgement.grade)}: ${f.risk.judgement.rationale}` : 'None recorded',
        ],
      ],
    },
    {
      title: 'SafeLives Risk Identification Checklist',
      labelWidth: 330,
      rows: RIC_QUESTIONS.map((q): [string, string] => [`${q.ricNumber}. ${q.text}`, dashAnswerLabel(f.risk.answers[q.key])]),
    },
    {
      title: 'Incident',
      rows: [
        ['Occurred', londonDateTime(r.incident.occurredAt)],
        ['Offences', (r.incident.offences ?? []).join(', ') || 'Not recorded'],
        ['Injuries', yesNo(r.incident.injuries)],
        ['Weapon used', yesNo(r.incident.weaponUsed)],
        ['Strangulation', yesNo(r.incident.strangulation)],
        [
          'Previous incidents (12 months before this one)',
          r.incident.previousIncidents12Months === undefined ? 'Not recorded' : String(r.incident.previousIncidents12Months),
        ],
        ['Summary', r.incident.summary],
      ],
    },
    {
      title: 'Consent and lawful basis',
      rows: [
        ['Consent to share', consentLabel(f.consent.informationSharing)],
        ['Consent to contact (support services)', consentLabel(f.consent.contact)],
        [
          'Lawful basis without consent',
          f.consent.safeguardingBasis
            ? `${f.consent.safeguardingBasis.title ?? f.consent.safeguardingBasis.ground}${f.consent.safeguardingBasis.legalReference ? ` (${f.consent.safeguardingBasis.legalReference})` : ''}: ${f.consent.safeguardingBasis.reason} (${f.consent.safeguardingBasis.by}, ${londonDateTime(f.consent.safeguardingBasis.at)})`
            : /^given\b/.test(f.consent.informationSharing)
              ? 'None recorded (she consented to sharing)'
              : 'None recorded: she has not consented to sharing. A team lead records the lawful basis for sharing without consent (where necessary and proportionate at high risk, SafeLives).',
        ],
      ],
    },
  ];
  return {
    title: 'MARAC referral',
    subtitle: `${f.reference} · ${name(v.firstName, v.lastName)}`,
    sections,
    footer:
      'Generated by Lantern from the case record: nothing re-keyed. For the MARAC coordinator and the IDVA service only. Information shared under the MARAC information-sharing protocol.',
  };
}
