import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { selectCan } from '@lantern/workbench/auth/data-access';
import { caseFeature, MaracReferralActions, maracFeature, maracReferralFormUrl } from '@lantern/workbench/case/data-access';
import { LondonDateTimePipe, maracReasonLabel } from '@lantern/workbench/ui';
import { maracCriterionMet } from '@lantern/shared/domain';
import { Store } from '@ngrx/store';

/**
 * The MARAC section of the Risk tab: the referrals recorded for the case (newest first, each with its form) and
 * "Record MARAC referral" (which MARAC, and a note). Repeat is counted from these records, and a high-risk or MARAC
 * case cannot close without one.
 */
@Component({
  selector: 'lantern-marac-referrals-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, LondonDateTimePipe],
  template: `
    @if (detail(); as c) {
      <section class="marac" aria-labelledby="marac-heading">
        <h3 id="marac-heading">MARAC referrals</h3>
        @if (referrals().length) {
          <ul class="records">
            @for (r of referrals(); track r.id) {
              <li>
                <strong>{{ r.maracArea }}</strong
                >, referred {{ r.referredAt | londonDateTime }} by {{ r.referredBy.displayName }}
                @if (r.maracReasons.length) {
                  <span class="why">({{ reasons(r.maracReasons) }})</span>
                }
                @if (r.note) {
                  <span class="note">{{ r.note }}</span>
                }
                @if (canRecord()) {
                  <a [href]="formUrl(r.id)" target="_blank" rel="noopener"
                    >Form (PDF)<span class="cdk-visually-hidden">
                      for the referral of {{ r.referredAt | londonDateTime }} (opens in a new tab)</span
                    ></a
                  >
                }
              </li>
            }
          </ul>
        } @else {
          <p class="none">
            No MARAC referral recorded.
            @if (c.flags.victimUnder16) {
              <strong>The victim is under 16: the child-protection route (children's services) comes first.</strong>
            } @else if (c.risk.grade === 'high' || c.risk.marac.required) {
              <strong>This case needs one before it can close.</strong>
            }
          </p>
        }
        @if (canRecord()) {
          <form class="record" (ngSubmit)="submit(c.id)" novalidate aria-labelledby="marac-record-heading">
            <h4 id="marac-record-heading">Record MARAC referral</h4>
            <mat-form-field appearance="outline" class="area-field" hideRequiredMarker>
              <mat-label>MARAC area (required)</mat-label>
              <input
                matInput
                name="maracArea"
                required
                maxlength="120"
                [ngModel]="area()"
                (ngModelChange)="area.set($event); tried.set(false)"
                [disabled]="state().saving"
                [attr.aria-invalid]="tried() && !area().trim()"
                aria-describedby="marac-area-error"
              />
            </mat-form-field>
            <mat-form-field appearance="outline" class="note-field" hideRequiredMarker>
              <mat-label>{{ judgementNeeded() ? 'Why, in your professional judgement (required)' : 'Note (optional)' }}</mat-label>
              <textarea
                matInput
                name="note"
                rows="2"
                maxlength="2000"
                [required]="judgementNeeded()"
                [ngModel]="note()"
                (ngModelChange)="note.set($event); tried.set(false)"
                [disabled]="state().saving"
                [attr.aria-invalid]="tried() && judgementNeeded() && !note().trim()"
                aria-describedby="marac-judgement-hint marac-area-error"
              ></textarea>
            </mat-form-field>
            @if (judgementNeeded()) {
              <p id="marac-judgement-hint" class="hint">
                The case meets no MARAC criterion: this is a referral on professional judgement. Say what makes the risk high.
                @if (c.consent.sharing.value !== 'given') {
                  Without her consent to share, a team lead records a lawful basis first.
                }
              </p>
            }
            <p id="marac-area-error" class="error" role="alert">
              @if (tried() && !area().trim()) {
                Say which MARAC the case goes to.
              } @else if (tried() && judgementNeeded() && !note().trim()) {
                Say why: what in your professional judgement makes the risk high.
              }
            </p>
            <button mat-flat-button type="submit" [disabled]="state().saving">Record MARAC referral</button>
            <p class="status" role="status">
              @if (state().saving) {
                Recording…
              } @else if (state().recordedId) {
                MARAC referral recorded.
              }
            </p>
            @if (state().error; as e) {
              <p class="error" role="alert">{{ e }}</p>
            }
          </form>
        }
      </section>
    }
  `,
  styles: `
    .marac {
      margin: 0 0 16px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    h3 {
      margin: 0 0 8px;
      font-size: 1.05rem;
    }
    h4 {
      margin: 8px 0;
      font-size: 0.95rem;
    }
    .records {
      margin: 0 0 8px;
      padding-left: 20px;
      li {
        margin-bottom: 4px;
      }
      .why,
      .note {
        margin-left: 6px;
      }
      .note {
        display: block;
        color: var(--mat-sys-on-surface-variant);
      }
      a {
        margin-left: 8px;
      }
    }
    .record {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: flex-start;
      h4 {
        flex-basis: 100%;
      }
      .area-field {
        flex: 0 1 280px;
      }
      .note-field {
        flex: 1 1 280px;
      }
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
    .status {
      margin: 8px 0 0;
      flex-basis: 100%;
    }
    .hint {
      flex-basis: 100%;
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MaracReferralsPanel {
  private readonly store = inject(Store);
  protected readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly state = this.store.selectSignal(maracFeature.selectMaracState);
  protected readonly canRecord = this.store.selectSignal(selectCan('marac-referral.record'));
  protected readonly referrals = computed(() => this.detail()?.maracReferrals ?? []);
  protected readonly area = signal('');
  protected readonly note = signal('');
  protected readonly tried = signal(false);
  /**
   * Meeting no MARAC criterion (not graded high, no reason), a referral is professional judgement: the API asks why
   * (400 /note) and, without her consent to share, a lawful basis a team lead recorded (422 consent-or-basis-required).
   */
  protected readonly judgementNeeded = computed(() => {
    const c = this.detail();
    return !!c && !maracCriterionMet({ grade: c.risk.grade, maracRequired: c.risk.marac.required });
  });
  private readonly form = viewChild(NgForm);

  constructor() {
    // Once recorded, the form empties for the next one.
    effect(() => {
      if (this.state().recordedId)
        untracked(() => {
          this.form()?.resetForm();
          this.area.set('');
          this.note.set('');
          this.tried.set(false);
        });
    });
  }

  protected reasons(codes: readonly string[]): string {
    return codes.map((c) => maracReasonLabel(c)).join('; ');
  }

  protected formUrl(referralId: string): string {
    return maracReferralFormUrl(this.detail()?.id ?? '', referralId);
  }

  protected submit(caseId: string): void {
    if (this.state().saving) return;
    this.tried.set(true);
    const maracArea = this.area().trim();
    if (!maracArea) return;
    const note = this.note().trim();
    if (this.judgementNeeded() && !note) return;
    // The version shown: the API refuses the referral if a police revision has named another victim since (victim-changed).
    const version = this.detail()?.version;
    this.store.dispatch(
      MaracReferralActions.submitted({
        caseId,
        request: { maracArea, ...(note ? { note } : {}), ...(version !== undefined ? { version } : {}) },
      }),
    );
  }
}
