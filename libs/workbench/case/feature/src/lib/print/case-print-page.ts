import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { formatWindows, isWithdrawnNumber } from '@lantern/shared/domain';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import { CaseNotesApiService, type CasePrintBundle } from '@lantern/workbench/case/data-access';
import { referralStatus } from '@lantern/workbench/referrals/data-access';
import {
  caseStatusLabel,
  contactChannelLabel,
  contactOutcomeLabel,
  formatCalendarDate,
  formatLondonDateTime,
  maracReasonLabel,
  numberOwnerLabel,
  riskGradeLabel,
} from '@lantern/workbench/ui';

/**
 * The printable case summary (/cases/:id/print): summary, risk, the safe-contact plan (marked sensitive), contact
 * attempts, referrals and notes, in plain English with UK dates. Opening it is a case read audited with purpose
 * "print" (GET /cases/:id?purpose=print). On paper the app's header and the buttons are left out.
 */
@Component({
  selector: 'lantern-case-print-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule],
  templateUrl: './case-print-page.html',
  styleUrl: './case-print-page.scss',
})
export class CasePrintPage {
  private readonly api = inject(CaseNotesApiService);
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly bundle = signal<CasePrintBundle | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly printedAt = formatLondonDateTime(new Date().toISOString());

  protected readonly when = formatLondonDateTime;
  protected readonly day = formatCalendarDate;
  protected readonly status = caseStatusLabel;
  protected readonly grade = riskGradeLabel;
  protected readonly channel = contactChannelLabel;
  protected readonly outcome = contactOutcomeLabel;
  protected readonly owner = numberOwnerLabel;
  protected readonly marac = maracReasonLabel;
  protected readonly windows = formatWindows;
  /** A number a police revision withdrew (printed as such, never as safe, until the plan is reviewed). */
  protected readonly withdrawn = isWithdrawnNumber;
  protected readonly referralStatus = (s: string) => referralStatus(s).label;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.bundle.set(null);
        this.error.set(null);
        this.api.printBundle(id).subscribe({
          next: (b) => {
            this.bundle.set(b);
            this.title.setTitle(`${b.detail.reference} · case summary · Lantern`);
          },
          error: (err: unknown) =>
            this.error.set(
              (err as { status?: number }).status === 404
                ? 'Case not found.'
                : describeHttpError(err, 'The case summary could not be loaded.'),
            ),
        });
      });
    });
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
