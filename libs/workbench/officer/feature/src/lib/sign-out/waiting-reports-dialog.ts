import type { MatDialog } from '@angular/material/dialog';
import { ConfirmDialog, type ConfirmDialogData, type ConfirmDialogResult } from '@lantern/workbench/ui';
import { firstValueFrom } from 'rxjs';

/** What would be lost: the signed-in officer's waiting references, and how many another officer left on the phone. */
export interface WaitingReports {
  mine: readonly string[];
  others: number;
  /** The phone's store could not be read: there may be some (asked all the same, fail safe). */
  unknown?: boolean;
}

/** The question's words (kept apart so the shell can ask the same with the browser's own confirm if need be). */
export function waitingReportsQuestion(w: WaitingReports): ConfirmDialogData {
  const count = w.mine.length + w.others;
  return {
    title: w.unknown
      ? 'Referrals may not have reached the hub'
      : count === 1
        ? 'A referral has not reached the hub'
        : `${count} referrals have not reached the hub`,
    message:
      count === 1 && !w.unknown
        ? 'Signing out deletes it from this phone and the hub will never receive it. Stay signed in: it is sent as soon as there is signal.'
        : 'Signing out deletes them from this phone and the hub will never receive them. Stay signed in: they are sent as soon as there is signal.',
    points: [
      ...w.mine.map((r) => `${r} (yours)`),
      ...(w.others ? [`${w.others} of another officer who used this phone`] : []),
      ...(w.unknown ? ['Lantern could not read what waits on this phone'] : []),
    ],
    warning: 'If you must sign out now, phone the hub first with these references.',
    confirm: 'Sign out and delete them',
    dismiss: 'Stay signed in',
    danger: true,
    safeDefault: true,
  };
}

/**
 * Sign-out wipes the officer app's store from this phone (its key with it), reports still waiting for a signal
 * included: the hub would never receive them, and nobody would phone the victim. Asks first, naming them, with
 * "Stay signed in" the default. True when the officer chose to sign out all the same.
 */
export async function confirmSignOutLosesWaiting(dialog: MatDialog, waiting: WaitingReports): Promise<boolean> {
  const ref = dialog.open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, {
    width: '440px',
    maxWidth: '95vw',
    role: 'alertdialog',
    data: waitingReportsQuestion(waiting),
  });
  return !!(await firstValueFrom(ref.afterClosed(), { defaultValue: undefined }));
}
