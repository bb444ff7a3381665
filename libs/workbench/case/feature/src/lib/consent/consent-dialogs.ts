import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { CaseConsent, ConsentMethod } from '@lantern/shared/domain';
import { ConsentDialogActions, type ConsentAskedFrom } from '@lantern/workbench/case/data-access';
import { Store } from '@ngrx/store';
import { ConsentDialog, type ConsentDialogData } from './consent-dialog';

/** Opens "Record consent" from the Summary, Contact or Referrals tab; the dialog records through the store. */
@Injectable({ providedIn: 'root' })
export class ConsentDialogs {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  open(
    from: ConsentAskedFrom,
    c: { caseId: string; victimName: string; consent: CaseConsent | null; version?: number },
    method: ConsentMethod | null = null,
  ): void {
    this.store.dispatch(ConsentDialogActions.opened({ caseId: c.caseId, from }));
    this.dialog.open<ConsentDialog, ConsentDialogData, boolean>(ConsentDialog, {
      width: '760px',
      maxWidth: '95vw',
      data: { ...c, method },
      autoFocus: 'first-tabbable',
    });
  }
}
