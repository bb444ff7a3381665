import {
  CASE_TRANSITIONS,
  CLAIM_FIRST_MESSAGE,
  CLOSING_STATUSES,
  isReopen,
  needsReason,
  OPEN_STATUSES,
  type CaseStatus,
  type CaseSummary,
} from '@lantern/shared/domain';
import { caseStatusLabel, riskGradeLabel } from '@lantern/workbench/ui';

export interface StatusOption {
  status: CaseStatus;
  /** What the menu says: "Move to Assessment", "Close: Unable to contact", "Reopen (back to In triage)". */
  label: string;
  kind: 'move' | 'close' | 'reopen';
  /** Closing and reopening need a written reason. */
  needsReason: boolean;
}

/** The moves CASE_TRANSITIONS allows from `from`, moves first, then closures; nothing else is offered. */
export function statusOptions(from: CaseStatus): StatusOption[] {
  const options = (CASE_TRANSITIONS[from] ?? []).map((to): StatusOption => {
    const kind = isReopen(from, to) ? 'reopen' : CLOSING_STATUSES.includes(to) ? 'close' : 'move';
    const label =
      kind === 'reopen'
        ? `Reopen (back to ${caseStatusLabel(to)})`
        : kind === 'close'
          ? to === 'closed'
            ? 'Close the case'
            : `Close: ${caseStatusLabel(to)}`
          : `Move to ${caseStatusLabel(to)}`;
    return { status: to, label, kind, needsReason: needsReason(from, to) };
  });
  const order = { move: 0, reopen: 0, close: 1 } as const;
  return options.sort((a, b) => order[a.kind] - order[b.kind]);
}

/** What the Claim area shows for this user. */
export type ClaimState =
  | { kind: 'claimable' }
  | { kind: 'mine' }
  | { kind: 'claimed'; by: string }
  | { kind: 'closed' }
  | { kind: 'read-only'; by: string | null };

export function claimState(c: Pick<CaseSummary, 'assignee' | 'status'>, userId: string | null, canWork: boolean): ClaimState {
  if (c.assignee && c.assignee.id === userId) return { kind: 'mine' };
  if (c.assignee) return { kind: 'claimed', by: c.assignee.displayName };
  if (!OPEN_STATUSES.includes(c.status)) return { kind: 'closed' };
  return canWork ? { kind: 'claimable' } : { kind: 'read-only', by: null };
}

/**
 * Why someone who works cases may not change this open one, in words that fit what they can do about it: claim it
 * when they may; else who holds it; else who may change it. Before, a caseworker who had handed a case on (or anyone
 * looking at a colleague's case) was told to "Claim this case", with no Claim button to press.
 */
export function whyNotYours(
  c: Pick<CaseSummary, 'assignee'> & { restricted?: boolean | null },
  opts: { mayClaim: boolean; throughBrokenGlass: boolean },
): string {
  const lead = c.restricted ? 'a team lead on its access list' : 'a team lead';
  if (opts.throughBrokenGlass) return `You broke the glass: reading only. Only its assignee or ${lead} can change this restricted case.`;
  // The header already says whom it is assigned to, beside this line: it says who may change it.
  if (c.assignee) return `Only ${c.assignee.displayName} or ${lead} can change this case.`;
  if (opts.mayClaim) return `${CLAIM_FIRST_MESSAGE}: only its assignee or ${lead} can change it.`;
  return `Only ${lead}, or whoever it is assigned to, can change this case.`;
}

/**
 * Whether this user may give the case back to the queue ("Give back", POST /cases/:id/release): an open case that is
 * claimed, by this user, or by anyone when the user may assign cases (a team lead). The API decides the same.
 */
export function canGiveBack(
  c: Pick<CaseSummary, 'assignee' | 'status'>,
  userId: string | null,
  perms: { canWork: boolean; canAssign: boolean },
): boolean {
  if (!perms.canWork || !c.assignee || !OPEN_STATUSES.includes(c.status)) return false;
  return c.assignee.id === userId || perms.canAssign;
}

/**
 * What changed between the case a user acted on and the case now (after a 409 stale-version), in sentences.
 */
export function describeCaseChanges(before: CaseSummary, after: CaseSummary): string[] {
  const out: string[] = [];
  if (before.status !== after.status) {
    out.push(`Status is now ${caseStatusLabel(after.status)} (was ${caseStatusLabel(before.status)}).`);
  }
  if ((before.assignee?.id ?? null) !== (after.assignee?.id ?? null)) {
    out.push(
      after.assignee
        ? `Now assigned to ${after.assignee.displayName}${before.assignee ? ` (was ${before.assignee.displayName})` : ' (was unassigned)'}.`
        : `Now unassigned (was ${before.assignee?.displayName}).`,
    );
  }
  if (before.risk.grade !== after.risk.grade) {
    out.push(`Risk grade is now ${riskGradeLabel(after.risk.grade)} (was ${riskGradeLabel(before.risk.grade)}).`);
  }
  if (!before.risk.marac.required && after.risk.marac.required) {
    out.push('A MARAC referral is now required.');
  }
  if (before.revision !== after.revision) {
    out.push(`A new police report revision arrived (revision ${after.revision}).`);
  }
  if (before.flags.contactPaused !== after.flags.contactPaused) {
    out.push(after.flags.contactPaused ? 'Contact is now paused.' : 'Contact was resumed.');
  }
  if (!out.length && after.version !== before.version) {
    out.push('Someone else changed the case (for example its safe-contact plan or contact attempts).');
  }
  return out;
}

/** "Restricted with it: her other cases HC/1, HC/2 and the suspect’s cases with other victims HC/3, except…". */
export function restrictionReachText(reaches: { victim: readonly string[]; suspect: readonly string[] } | undefined): string {
  if (!reaches) return 'The victim’s and the suspect’s other cases at the hub are restricted with it.';
  const parts = [
    ...(reaches.victim.length ? [`her other case${reaches.victim.length === 1 ? '' : 's'} ${reaches.victim.join(', ')}`] : []),
    ...(reaches.suspect.length
      ? [`the suspect’s case${reaches.suspect.length === 1 ? '' : 's'} with other victims ${reaches.suspect.join(', ')}`]
      : []),
  ];
  return parts.length
    ? `Restricted with it (a restriction protects the people, not one incident): ${parts.join(' and ')}, except any already restricted (each keeps its own list) or lifted by a team lead.`
    : 'No other case of the victim’s or the suspect’s that you can see is reached.';
}
