import { Pipe, type PipeTransform } from '@angular/core';
import type { CaseSummary } from '@lantern/shared/domain';
import type { FlagItem } from '@lantern/workbench/ui';

/**
 * A queue row's flags, most important first: the row's cell keeps the first ones that fit and folds the rest into
 * "+N". A child (victim, then suspect) and MARAC change who must act; a serial suspect changes the risk; a repeat
 * victim and an overnight arrival are context the case itself shows in full.
 */
export function queueFlags(row: Pick<CaseSummary, 'risk' | 'flags'>): FlagItem[] {
  const { flags } = row;
  const out: FlagItem[] = [];
  if (row.risk.marac.required) out.push({ label: 'MARAC', tone: 'warn', mark: '!', description: 'MARAC referral required' });
  if (flags.victimUnder16) {
    out.push({
      label: 'Under 16',
      tone: 'warn',
      mark: '',
      description: 'Victim under 16: outside the DA Act 2021 definition, child-protection route',
    });
  } else if (flags.victimUnder18) {
    out.push({ label: 'Under 18', tone: 'warn', mark: '', description: "Victim under 18: a child, children's services too" });
  }
  if (flags.suspectUnder18) {
    out.push({ label: 'Suspect under 18', tone: 'warn', mark: '', description: "Suspect under 18: children's services and youth justice" });
  }
  if (flags.serialSuspect) {
    out.push({
      label: 'Serial suspect',
      tone: 'warn',
      mark: '⇄',
      description: "The suspect is named on another victim's case (serial perpetrator, MATAC): the case lists them",
    });
  }
  if (flags.repeatVictim) out.push({ label: 'Repeat', tone: 'info', mark: '↻', description: 'The victim has earlier cases at this hub' });
  if (flags.arrivedOutOfHours) {
    out.push({
      label: 'Arrived overnight',
      tone: 'neutral',
      mark: '☾',
      description: 'Arrived outside staffed hours: its clocks started at the next opening',
    });
  }
  return out;
}

/** queueFlags as a pure pipe: a row's list is built again only when the row itself changes (then measured once). */
@Pipe({ name: 'queueFlags' })
export class QueueFlagsPipe implements PipeTransform {
  transform(row: Pick<CaseSummary, 'risk' | 'flags'>): FlagItem[] {
    return queueFlags(row);
  }
}
