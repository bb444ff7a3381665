import { CHILDRENS_SERVICES_DECISION_LABELS, unsafeRuleLabel, type ChildrensServicesDecisionCode } from '@lantern/shared/domain';
import type { CaseHistoryEntry, CaseStatus, ConsentMethod, HubConsentValue } from '@lantern/shared/domain';
import { CONSENT_METHOD_SHORT, CONSENT_VALUE_LABELS } from '../consent/consent-rules';
import { caseStatusLabel, contactChannelLabel, contactOutcomeLabel, formatLondonDateTime, riskGradeLabel } from '@lantern/workbench/ui';

/** read: someone looked (hidden unless asked for) · change · override: a safety rule was overridden · alert */
export type HistoryKind = 'read' | 'change' | 'override' | 'alert';

export interface HistoryLine {
  id: string;
  at: string;
  /** "Sam Carter changed status In triage → Contacting". */
  text: string;
  kind: HistoryKind;
}

/** Names of the users history entries refer to by id (their own actors, the assignee). */
export function namesFromHistory(
  entries: readonly CaseHistoryEntry[],
  known: ReadonlyArray<{ id: string; displayName: string }> = [],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const k of known) names.set(k.id, k.displayName);
  for (const e of entries) {
    if (e.actor.type === 'user' && e.actor.id && e.actor.displayName) names.set(e.actor.id, e.actor.displayName);
  }
  return names;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** One audit entry as a sentence a caseworker can read. */
export function describeHistoryEntry(e: CaseHistoryEntry, names: ReadonlyMap<string, string> = new Map()): HistoryLine {
  const who = e.actor.displayName ?? (e.actor.type === 'feed' ? 'The police feed' : e.actor.type === 'system' ? 'Lantern' : 'Someone');
  const d = e.details ?? {};
  const line = (text: string, kind: HistoryKind = 'change'): HistoryLine => ({
    id: e.id,
    at: e.at,
    text,
    kind,
  });
  const nameOf = (id: unknown): string =>
    typeof id === 'string' ? (id === e.actor.id ? 'themselves' : (names.get(id) ?? 'another user')) : 'nobody';
  switch (e.action) {
    case 'report.created':
      return line(`Police report received (revision ${num(d['revision']) ?? 1}) from ${who}`);
    case 'report.revised':
      return line(`Police report revision ${num(d['revision']) ?? '?'} received from ${who}`);
    case 'case.pushed': {
      // A live push: who had the change on screen. A read, not a change (it followed every change as a line of its own).
      const n = list(d['recipients']).length;
      return line(`Shown live to ${n === 1 ? '1 user' : `${n} users`}`, 'read');
    }
    case 'referral.document':
      return line(`${who} downloaded the referral document`, 'read');
    case 'referral.withdrawn':
      return line(
        str(d['because']) === 'victim-changed'
          ? `${who} withdrew a referral's details from the partner (the police report names another victim)`
          : `${who} withdrew a referral's details from the partner (the victim's consent changed)`,
      );
    case 'referral.revoked':
      return line(`A draft referral was revoked: the police report names another victim`);
    case 'case.victim-changed':
      return line(
        `A police revision${num(d['revision']) ? ` (${num(d['revision'])})` : ''} names another victim: what the hub recorded for the earlier person no longer counts${d['firstContactClockAgain'] === true ? '; her first-contact clock runs again from now' : ''}`,
        'alert',
      );
    case 'safety-notice.dismissed': {
      // The holder read a safety notice about the case and dismissed it (docs/casework.md, "Who is told"): a read.
      const rev = num(d['revision']);
      const what = str(d['kind']) === 'risk-raised-by-police' ? 'raised the risk' : 'names another victim';
      return line(`${who} dismissed the notice that police revision${rev ? ` ${rev}` : ''} ${what}`, 'read');
    }
    case 'report.duplicate':
      return line(`${who} sent a duplicate of revision ${num(d['revision']) ?? '?'} (ignored)`, 'read');
    case 'case.read':
      return line(`${who} opened the case`, 'read');
    case 'case.history-read':
      return line(`${who} read the history`, 'read');
    case 'case.safe-contact-read':
      return line(`${who} read the safe-contact plan`, 'read');
    case 'case.contact-read':
      return line(`${who} read the contact attempts`, 'read');
    case 'case.callbacks-read':
      return line(`${who} read the call-backs`, 'read');
    case 'case.needs-read':
    case 'case.safety-plan-read':
      return line(`${who} read the ${e.action === 'case.needs-read' ? 'needs assessment' : 'safety plan'}`, 'read');
    case 'case.claimed':
      return line(`${who} claimed the case`);
    case 'case.assigned': {
      const to = d['to'];
      return line(to === null || to === undefined ? `${who} unassigned the case` : `${who} assigned the case to ${nameOf(to)}`);
    }
    case 'case.status-changed': {
      const from = str(d['from']) as CaseStatus | null;
      const to = str(d['to']) as CaseStatus | null;
      return line(
        `${who} changed status ${caseStatusLabel(from) || '?'} → ${caseStatusLabel(to) || '?'}${d['reason'] === true ? ' (with a reason)' : ''}`,
      );
    }
    case 'case.risk-assessed': {
      const score = num(d['score']);
      const grade = str(d['grade']);
      const marac = list(d['marac']);
      const caseGrade = str(d['caseGrade']);
      return line(
        `${who} recorded a DASH RIC assessment: score ${score ?? '?'}, ${riskGradeLabel(grade as never)}${marac.length ? ', MARAC referral required' : ''}${d['judgement'] === true ? ' (professional judgement)' : ''}${d['complete'] === false ? ', checklist incomplete' : ''}${caseGrade && caseGrade !== grade ? `; case grade ${riskGradeLabel(caseGrade as never)}` : ''}`,
      );
    }
    case 'case.risk-agreed-with-police': {
      const from = str(d['from']);
      const to = str(d['to']);
      const reason = str(d['reason']);
      return line(
        `${who} agreed with police: risk ${riskGradeLabel(from as never)} → ${riskGradeLabel(to as never)}${reason ? ` (“${reason}”)` : ''}`,
      );
    }
    case 'case.risk-raised-by-police': {
      const from = str(d['from']);
      const to = str(d['to']);
      return line(
        `A police revision${num(d['revision']) ? ` (${num(d['revision'])})` : ''} raised the risk: ${riskGradeLabel(from as never)} → ${riskGradeLabel(to as never)}`,
        'alert',
      );
    }
    case 'case.marac-referred':
      return line(`${who} recorded a MARAC referral${d['perpetratorKnown'] === false ? ' (perpetrator not identified by police)' : ''}`);
    case 'case.marac-recomputed':
      return line(
        d['because'] === 'report'
          ? 'MARAC criteria recomputed after a police report of another incident of this victim'
          : 'MARAC criteria recomputed after a MARAC referral of another case of this victim',
      );
    case 'case.marac-form':
      return line(`${who} downloaded the MARAC referral form`, 'read');
    case 'case.closing-override': {
      const rules = list(d['rules']).map((r) =>
        r === 'marac-referral-required'
          ? 'no MARAC referral recorded'
          : r === 'contact-attempts-required'
            ? 'too few contact-attempt days'
            : r === 'childrens-services-referral-required'
              ? "no children's services referral (a child victim, or harm to the children)"
              : r === 'childrens-services-decision-required'
                ? "no children's services decision for the children in the household"
                : r,
      );
      return line(
        `${who} (team lead) closed the case past the closing rules${rules.length ? `: ${rules.join('; ')}` : ''}${str(d['reason']) ? `. Reason: ${str(d['reason'])}` : ' (reason recorded)'}`,
        'override',
      );
    }
    case 'case.safe-contact-updated': {
      const channels = list(d['channels']).map((c) => contactChannelLabel(c).toLowerCase());
      return line(
        `${who} updated the safe-contact plan${channels.length ? ` (channels: ${channels.join(', ')})` : ' (no channel allowed)'}`,
      );
    }
    case 'case.safe-times-confirmed': {
      const windows = num(d['windows']) ?? 0;
      const what =
        d['timeRule'] === 'any'
          ? 'any time'
          : d['fromSuggestion'] === true
            ? `the suggested times (${windows === 1 ? '1 window' : `${windows} windows`})`
            : windows === 1
              ? '1 window'
              : `${windows} windows`;
      return line(`${who} confirmed the safe times: ${what}`);
    }
    case 'case.sla-breached':
      return line('The SLA was breached', 'alert');
    case 'contact.attempted': {
      const channel = contactChannelLabel(str(d['channel']));
      const outcome = str(d['outcome']);
      return line(`${who} recorded a contact attempt: ${channel}${outcome ? `, ${contactOutcomeLabel(outcome).toLowerCase()}` : ''}`);
    }
    case 'contact.override': {
      const rules = list(d['rules']).map(unsafeRuleLabel);
      return line(`${who} overrode the safe-contact rules${rules.length ? `: ${rules.join('; ')}` : ''}`, 'override');
    }
    case 'contact.paused':
      return line('Contact paused: someone else answered', 'alert');
    case 'contact.resumed':
      return line(`${who} resumed contact`);
    case 'callback.scheduled': {
      const due = str(d['dueAt']);
      return line(`${who} scheduled a call-back${due ? ` for ${formatLondonDateTime(due)}` : ''}`);
    }
    case 'callback.cancelled': {
      const n = list(d['callbackIds']).length || 1;
      const what = n === 1 ? 'a call-back' : `${n} call-backs`;
      if (str(d['because']) === 'case-closed') return line(`Cancelled ${what}: the case was closed`);
      if (str(d['because']) === 'contact-consent') return line(`Cancelled ${what}: the victim said no to contact`, 'alert');
      if (str(d['because']) === 'victim-changed') return line(`Cancelled ${what}: the police report names another victim`, 'alert');
      return line(`${who} cancelled ${what}`);
    }
    case 'callback.rescheduled': {
      const to = str(d['to']);
      return line(`${who} moved a call-back${to ? ` to ${formatLondonDateTime(to)}` : ''}`);
    }
    case 'case.released':
      return line(`${who} gave the case back to the queue`);
    case 'case.consent-recorded': {
      const question = str(d['question']) === 'sharing' ? 'sharing their details' : 'contact from support services';
      const value = str(d['value']);
      const method = str(d['method']);
      const withdrawn = num(d['sharedDataWithdrawn']);
      // A refusal she told the police on another case of hers, recorded here by intake (no one at the hub recorded it).
      if (method === 'police-report') {
        return line(
          `A police report on another of the victim's cases says they refused ${question}: recorded here too${withdrawn ? `; withdrawn from ${withdrawn} referral${withdrawn === 1 ? '' : 's'}` : ''}`,
          'alert',
        );
      }
      // A "no" said on another case of hers reaches this one (fromCaseId: which case is not named here).
      const elsewhere = d['fromCaseId'] !== undefined ? ', said on another case of the victim' : '';
      return line(
        `${who} recorded consent to ${question}: ${value ? (CONSENT_VALUE_LABELS[value as HubConsentValue]?.toLowerCase() ?? value) : '?'}${method ? ` (${CONSENT_METHOD_SHORT[method as ConsentMethod] ?? method})` : ''}${elsewhere}${withdrawn ? `; withdrawn from ${withdrawn} referral${withdrawn === 1 ? '' : 's'}` : ''}`,
      );
    }
    case 'case.consent-read':
      return line(`${who} read the consent records`, 'read');
    case 'case.safeguarding-basis-recorded':
      return line(`${who} recorded a lawful basis for sharing without consent${str(d['ground']) ? ` (${str(d['ground'])})` : ''}`);
    case 'case.safeguarding-basis-cleared':
      return line(
        `The lawful basis for sharing without consent${str(d['ground']) ? ` (${str(d['ground'])})` : ''} ended: ${str(d['because']) === 'victim-changed' ? 'the police report names another victim' : 'the victim said no to sharing'} (a team lead records one again if sharing is still necessary)`,
        'alert',
      );
    case 'case.childrens-services-decision': {
      const decision = str(d['decision']);
      const reason = str(d['reason']);
      return line(
        `${who} recorded the children's services decision: ${decision ? (CHILDRENS_SERVICES_DECISION_LABELS[decision as ChildrensServicesDecisionCode] ?? decision).toLowerCase() : '?'}${reason ? ` (“${reason}”)` : ''}`,
      );
    }
    case 'case.restricted': {
      const list = Array.isArray(d['accessList']) ? (d['accessList'] as unknown[]) : [];
      const removed = Array.isArray(d['removed']) ? (d['removed'] as unknown[]) : [];
      const people = (ids: unknown[]) => {
        const names = ids.map(nameOf);
        return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
      };
      if (d['source'] === 'police-staff-rule' && e.actor.type === 'system')
        return line('Restricted on arrival: the report names police or hub staff (the team leads only)', 'alert');
      if (d['source'] === 'person-restricted' && e.actor.type === 'system')
        return line('Restricted on arrival: a person in it is on a restricted case', 'alert');
      if (removed.length)
        return line(`${who} took ${people(removed)} off the list (a change to another case of the victim’s or the suspect’s)`);
      if (d['follows']) return line(`${who} restricted the case with another case of the victim’s or the suspect’s (to ${people(list)})`);
      return line(`${who} restricted the case to ${list.length ? people(list) : 'the team leads'}`);
    }
    case 'case.unrestricted':
      return line(`${who} lifted the restriction`);
    case 'case.access-refused':
      // Recorded once per request the page made: a visit to a case one may not see is several lines.
      return line(
        str(d['reason']) === 'not-assignee'
          ? `${who} was refused a change: only the assignee or a team lead can change the case`
          : `${who} was refused sight of the case (not on its access list)`,
        'read',
      );
    case 'socket.refused':
      return line(`${who} was refused the case’s live updates (not on its access list)`, 'read');
    case 'case.break-glass': {
      // Sight of a restricted case by someone not on its list (their reason is the team leads' to read, in the tray).
      const until = str(d['expiresAt']);
      const minutes = num(d['minutes']);
      return line(
        `${who} broke the glass: sight of this restricted case${minutes ? ` for ${minutes} minutes` : ''}${until ? `, until ${formatLondonDateTime(until)}` : ''}`,
        'alert',
      );
    }
    case 'case.needs-saved':
      return line(`${who} saved the needs assessment (version ${num(d['version']) ?? '?'})`);
    case 'case.safety-plan-saved':
      return line(`${who} saved the safety plan (version ${num(d['version']) ?? '?'})`);
    default: {
      const readable = e.action.replace(/[.-]/g, ' ');
      return line(`${who}: ${readable}`, /read$/.test(e.action) ? 'read' : 'change');
    }
  }
}

export interface HistoryDay {
  /** "Monday 23 November 2026" (London). */
  day: string;
  lines: Array<HistoryLine & { time: string }>;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

/** Newest first, grouped by London day; reads only when asked for. */
export function historyByDay(
  entries: readonly CaseHistoryEntry[],
  options: { includeReads: boolean; known?: ReadonlyArray<{ id: string; displayName: string }> },
): HistoryDay[] {
  const names = namesFromHistory(entries, options.known);
  const lines = entries
    .map((e) => describeHistoryEntry(e, names))
    .filter((l) => options.includeReads || l.kind !== 'read')
    .sort((a, b) => b.at.localeCompare(a.at) || Number(b.id) - Number(a.id));
  const days: HistoryDay[] = [];
  for (const l of lines) {
    const at = new Date(l.at);
    // Assembled from parts so the punctuation does not depend on the browser's ICU version.
    const p = Object.fromEntries(dayFormat.formatToParts(at).map((x) => [x.type, x.value]));
    const day = `${p['weekday']} ${p['day']} ${p['month']} ${p['year']}`;
    const time = timeFormat.format(at);
    const last = days[days.length - 1];
    if (last?.day === day) last.lines.push({ ...l, time });
    else days.push({ day, lines: [{ ...l, time }] });
  }
  return days;
}
