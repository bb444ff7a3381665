import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { CaseSummary } from '@lantern/shared/domain';
import { CloseCaseDialogActions } from '@lantern/workbench/case/data-access';
import { CasePageActions } from '@lantern/workbench/data-access-hub';
import { ReasonDialog, ReasonDialogData } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CloseCaseDialog, CloseCaseDialogData } from '../closure/close-case-dialog';
import { isClosingStatus } from '../closure/closure-rules';
import type { StatusOption } from './casework-rules';

/**
 * The dialogs a status change may need (a reason, the close-and-survey dialog, resuming contact). The header and
 * the Contact tab ("close as unable to contact") both open them; what happens next goes through the store.
 */
@Injectable({ providedIn: 'root' })
export class CaseStatusDialogs {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  choose(option: StatusOption, c: Pick<CaseSummary, 'id' | 'version'>): void {
    const version = c.version;
    const send = (reason: string | null) =>
      this.store.dispatch(CasePageActions.statusChangeConfirmed({ caseId: c.id, status: option.status, reason, version }));
    if (!option.needsReason) {
      send(null);
      return;
    }
    // Closing: a closure reason, the written reason, and (if it is safe to ask) the victim's survey.
    if (option.kind === 'close' && isClosingStatus(option.status)) {
      this.openCloseDialog({ caseId: c.id, mode: 'close', status: option.status, title: option.label, version });
      return;
    }
    const data: ReasonDialogData = {
      title: option.kind === 'reopen' ? 'Reopen the case' : option.label,
      message:
        option.kind === 'reopen'
          ? `The case goes back to triage. Say why it is reopened.`
          : `The case leaves the queue. Say why it is closed.`,
      label: 'Reason (required)',
      confirm: option.kind === 'reopen' ? 'Reopen' : 'Close the case',
    };
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '520px' })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) send(reason);
      });
  }

  /** A closed case without its satisfaction survey: the survey alone. */
  recordSurvey(c: Pick<CaseSummary, 'id' | 'version' | 'status'>): void {
    if (!isClosingStatus(c.status)) return;
    this.openCloseDialog({ caseId: c.id, mode: 'survey', status: c.status, title: 'Record satisfaction survey', version: c.version });
  }

  resumeContact(caseId: string): void {
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        data: {
          title: 'Resume contact',
          message: 'Contact was paused because someone else answered. Resume it only when it is safe to try again.',
          warning: 'Your reason is recorded in the case history.',
          label: 'Why it is safe to resume (required)',
          confirm: 'Resume contact',
        },
        width: '520px',
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.store.dispatch(CasePageActions.contactResumeConfirmed({ caseId, reason }));
      });
  }

  private openCloseDialog(data: CloseCaseDialogData): void {
    this.store.dispatch(CloseCaseDialogActions.opened({ caseId: data.caseId, mode: data.mode }));
    this.dialog.open<CloseCaseDialog, CloseCaseDialogData>(CloseCaseDialog, { data, width: '640px' });
  }
}
