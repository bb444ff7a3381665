import type { CaseRestrictionResponse } from '@lantern/shared/domain';

/**
 * What the lead is told when someone they took off the list stays on another restricted case of the victim's or the
 * suspect's because they hold it (POST …/restriction's `keptForAssignee`); null when nobody does. `removed`: the names
 * of those the lead took off (who, when known). A case the lead is not on is counted, not named, and only a team lead
 * on it can reassign it.
 */
export function keptForAssigneeText(kept: CaseRestrictionResponse['keptForAssignee'], removed: readonly string[] = []): string | null {
  const named = kept?.cases ?? [];
  const unnamed = kept?.unnamed ?? 0;
  if (!named.length && !unnamed) return null;
  const n = named.length + unnamed;
  // The answer does not say which of several people removed holds which case: a name only when one was removed.
  const who = removed.length === 1 ? `${removed[0]}, whom you removed,` : 'Someone you removed';
  const what = [
    ...(named.length
      ? [`the victim’s or the suspect’s other restricted case${named.length === 1 ? '' : 's'} ${named.map((c) => c.reference).join(', ')}`]
      : []),
    ...(unnamed
      ? [unnamed === 1 ? 'a restricted case of theirs you are not on' : `${unnamed} restricted cases of theirs you are not on`]
      : []),
  ].join(' and ');
  const stays = `they stay on ${n === 1 ? 'it' : 'each'} while they are ${n === 1 ? 'its' : 'the'} assignee.`;
  const yours = named.length ? ` Reassign ${named.length === 1 ? 'it' : 'them'} to take them off.` : '';
  const theirs = unnamed
    ? unnamed === 1
      ? ' A team lead on the case you are not on must reassign it.'
      : ' A team lead on the cases you are not on must reassign them.'
    : '';
  return `${who} still holds ${what}: ${stays}${yours}${theirs}`;
}
