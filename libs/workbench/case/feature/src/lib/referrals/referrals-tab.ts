import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import {
  describeHours,
  isServiceOpen,
  REFERRAL_ACTIONS,
  type ConsentValue,
  type CreateReferralRequest,
  type PartnerServiceRecord,
  type SafeguardingBasis,
} from '@lantern/shared/domain';
import { LondonDateTimePipe, ReasonDialog, ReasonDialogData } from '@lantern/workbench/ui';
import { ReferralDialog, ReferralDialogData, ReferralDialogResult } from './referral-dialog';
import { basisView, consentSentence, groundLabel } from './safeguarding';
import { SafeguardingDialog, SafeguardingDialogData, SafeguardingDialogResult } from './safeguarding-dialog';
import { LoadStatus } from '@lantern/workbench/auth/data-access';
import {
  optionKey,
  Referral,
  ReferralOption,
  ReferralSaveState,
  ackOverdue,
  outcomeLabel,
  referralStatus,
} from '@lantern/workbench/referrals/data-access';

const OPEN: string[] = ['draft', 'sent', 'acknowledged', 'accepted'];

/** The Referrals tab: services suggested for the case (and why), the ones not suitable, and referrals made. */
@Component({
  selector: 'lantern-referrals-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatExpansionModule, LondonDateTimePipe, NgTemplateOutlet],
  template: `
    @if (maracUrl(); as url) {
      <div class="marac" [class.required]="maracRequired()">
        @if (maracRequired()) {
          <p><strong>Meets MARAC criteria.</strong> Refer the case to MARAC with the hub's form, pre-filled from the case.</p>
          <a mat-flat-button [href]="url" target="_blank" rel="noopener"
            >MARAC referral form (PDF)<span class="cdk-visually-hidden"> (opens in a new tab)</span></a
          >
        } @else {
          <p class="aside">Does not meet MARAC criteria. The form is here if professional judgement says otherwise.</p>
          <a mat-stroked-button [href]="url" target="_blank" rel="noopener"
            >MARAC referral form (PDF)<span class="cdk-visually-hidden"> (opens in a new tab)</span></a
          >
        }
      </div>
    }

    @let bv = basis();
    @if (bv.kind !== 'none') {
      <section class="basis" [class.recorded]="bv.kind === 'recorded'" aria-labelledby="basis-heading">
        <h2 id="basis-heading">Sharing without consent</h2>
        @if (bv.kind === 'recorded') {
          <p class="basis-ground">
            <span aria-hidden="true">✓ </span>Safeguarding basis recorded: <strong>{{ ground(bv.basis.ground) }}</strong>
          </p>
          <dl class="facts">
            <div>
              <dt>Reason</dt>
              <dd>{{ bv.basis.reason }}</dd>
            </div>
            <div>
              <dt>Recorded by</dt>
              <dd>{{ bv.basis.by }}, {{ bv.basis.at | londonDateTime }}</dd>
            </div>
          </dl>
        } @else {
          <p>
            {{ consent(bv.consent) }} Services that need consent cannot take this case until consent is recorded or a team lead records a
            safeguarding basis for sharing without it.
          </p>
          @if (bv.kind === 'can-record') {
            <button mat-stroked-button type="button" [disabled]="basisSave().pending" (click)="openBasis(bv.consent)">
              {{ basisSave().pending ? 'Recording…' : 'Record safeguarding basis…' }}
            </button>
          } @else {
            <p class="aside">Ask a team lead to record a safeguarding basis, or record the victim's consent.</p>
          }
        }
        @if (basisSave().error && !basisSave().pending) {
          <p class="problem" role="alert">{{ basisSave().error }}</p>
        }
      </section>
    }

    <div class="columns">
      <section class="suggested" aria-labelledby="suggested-heading">
        <h2 id="suggested-heading">Suggested referrals</h2>
        @if (optionsStatus() === 'loading' && !eligible().length && !ineligible().length) {
          <p class="aside">Loading…</p>
        } @else if (optionsStatus() === 'error') {
          <p class="problem" role="alert">{{ optionsError() }}</p>
        } @else {
          @if (!eligible().length) {
            <p class="aside">No partner service fits this case yet.</p>
          } @else {
            <ol class="options" aria-labelledby="suggested-heading">
              @for (o of eligible(); track key(o)) {
                <li class="option eligible" [attr.aria-label]="o.serviceName + ', ' + o.partnerName">
                  <div class="option-head">
                    <div>
                      <h3 class="service">{{ o.serviceName }}</h3>
                      <p class="partner">{{ o.partnerName }}</p>
                    </div>
                    @if (canRefer()) {
                      <button
                        mat-flat-button
                        type="button"
                        [disabled]="save().pending"
                        [attr.aria-label]="'Refer to ' + o.partnerName + ': ' + o.serviceName"
                        (click)="openRefer(o)"
                      >
                        {{ save().pending && save().optionKey === key(o) ? 'Sending…' : 'Refer…' }}
                      </button>
                    }
                  </div>
                  <ng-container *ngTemplateOutlet="hoursLine; context: { $implicit: o }" />
                  @if (openByOption()[key(o)]; as open) {
                    <p class="already">Already referred: {{ status(open).label }}</p>
                  }
                  @if (o.reasons.length) {
                    <ul class="reasons" [attr.aria-label]="'Why ' + o.serviceName + ' fits'">
                      @for (r of o.reasons; track r) {
                        <li>{{ r }}</li>
                      }
                    </ul>
                  }
                  @if (save().optionKey === key(o) && !save().pending) {
                    @if (save().error) {
                      <div class="problem" role="alert">
                        <strong>{{ save().error }}</strong>
                        @if (save().reasons.length) {
                          <ul>
                            @for (r of save().reasons; track r) {
                              <li>{{ r }}</li>
                            }
                          </ul>
                        }
                      </div>
                    } @else if (save().sentId) {
                      <p class="sent" role="status">Referral sent to {{ o.partnerName }}.</p>
                    }
                  }
                </li>
              }
            </ol>
          }
          @if (ineligible().length) {
            <mat-expansion-panel class="not-suitable">
              <mat-expansion-panel-header>
                <mat-panel-title>Not suitable ({{ ineligible().length }})</mat-panel-title>
              </mat-expansion-panel-header>
              <ul class="options" aria-label="Not suitable">
                @for (o of ineligible(); track key(o)) {
                  <li class="option ineligible">
                    <h3 class="service">{{ o.serviceName }}</h3>
                    <p class="partner">{{ o.partnerName }}</p>
                    <ng-container *ngTemplateOutlet="hoursLine; context: { $implicit: o }" />
                    @if (o.reasons[0]; as first) {
                      <p class="why">
                        <strong>{{ first }}</strong>
                      </p>
                    }
                    @if (o.reasons.length > 1) {
                      <ul class="reasons">
                        @for (r of o.reasons.slice(1); track r) {
                          <li>{{ r }}</li>
                        }
                      </ul>
                    }
                  </li>
                }
              </ul>
            </mat-expansion-panel>
          }
        }
      </section>

      <section class="made" aria-labelledby="made-heading">
        <h2 id="made-heading">Referrals made</h2>
        @if (referralsStatus() === 'loading' && !referrals().length) {
          <p class="aside">Loading…</p>
        } @else if (referralsStatus() === 'error') {
          <p class="aside" [attr.role]="referralsUnavailable() ? null : 'alert'">{{ referralsError() }}</p>
        } @else if (!referrals().length) {
          <p class="aside">No referrals made yet.</p>
        } @else {
          <ul class="referrals" aria-labelledby="made-heading">
            @for (r of referrals(); track r.id) {
              @let s = status(r);
              <li class="referral">
                <div class="referral-head">
                  <div>
                    <h3 class="service">{{ r.serviceName }}</h3>
                    <p class="partner">{{ r.partnerName }}</p>
                  </div>
                  <span [class]="'status-chip tone-' + s.tone"><span class="cdk-visually-hidden">Status: </span>{{ s.label }}</span>
                </div>
                @if (overdue(r)) {
                  <p class="overdue"><span aria-hidden="true">! </span>Acknowledgement overdue</p>
                }
                <dl class="facts">
                  @if (r.sentAt) {
                    <div>
                      <dt>Sent</dt>
                      <dd>{{ r.sentAt | londonDateTime }}</dd>
                    </div>
                  }
                  @if (r.ackDueAt && (r.status === 'sent' || overdue(r))) {
                    <div>
                      <dt>Acknowledge by</dt>
                      <dd>{{ r.ackDueAt | londonDateTime }}</dd>
                    </div>
                  }
                  @if (r.declineReason) {
                    <div>
                      <dt>Declined because</dt>
                      <dd>{{ r.declineReason }}</dd>
                    </div>
                  }
                  @if (r.outcome) {
                    <div>
                      <dt>Outcome</dt>
                      <dd>
                        {{ outcome(r.outcome) }}
                        @if (r.outcomeNote) {
                          ({{ r.outcomeNote }})
                        }
                      </dd>
                    </div>
                  }
                </dl>
                @if (canClose(r) || canRevoke(r)) {
                  <div class="lifecycle" role="group" [attr.aria-label]="'Hub steps for ' + r.serviceName">
                    @if (canClose(r)) {
                      <button
                        mat-stroked-button
                        type="button"
                        [disabled]="lifecycle().pending"
                        [attr.aria-label]="'Close referral to ' + r.partnerName"
                        (click)="close(r)"
                      >
                        Close referral
                      </button>
                    }
                    @if (canRevoke(r)) {
                      <button
                        mat-stroked-button
                        type="button"
                        class="revoke"
                        [disabled]="lifecycle().pending"
                        [attr.aria-label]="'Revoke referral to ' + r.partnerName"
                        (click)="revoke(r)"
                      >
                        Revoke…
                      </button>
                    }
                  </div>
                }
                @if (lifecycle().referralId === r.id && lifecycle().error) {
                  <p class="problem" role="alert">{{ lifecycle().error }}</p>
                }
              </li>
            }
          </ul>
        }
      </section>
    </div>

    <ng-template #hoursLine let-o>
      @if (serviceFor(o); as svc) {
        <p class="hours">
          <span class="cdk-visually-hidden">Hours: </span>{{ hours(svc) }}
          @if (!openNow(svc)) {
            <span class="closed-now">Closed now</span>
          }
        </p>
      }
    </ng-template>
  `,
  styles: `
    .marac,
    .basis {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      padding: 12px 16px;
      margin: 0 0 16px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .marac {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
    }
    .marac p {
      margin: 0;
    }
    .marac.required {
      border: 2px solid var(--mat-sys-error);
      background: color-mix(in srgb, var(--mat-sys-error-container) 30%, var(--mat-sys-surface-container-lowest));
    }
    .basis {
      border-left: 6px solid var(--mat-sys-tertiary);
      background: color-mix(in srgb, var(--mat-sys-tertiary-container) 30%, var(--mat-sys-surface-container-lowest));
    }
    .basis.recorded {
      border-left-color: var(--lantern-success);
      background: color-mix(in srgb, var(--lantern-success-container) 30%, var(--mat-sys-surface-container-lowest));
    }
    .basis p {
      margin: 0 0 8px;
    }
    .basis-ground {
      color: var(--lantern-success);
    }
    .hours {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.9rem;
    }
    .closed-now {
      display: inline-block;
      margin-left: 6px;
      padding: 0 8px;
      border-radius: 6px;
      border: 1px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font-weight: 600;
      font-size: 0.8rem;
    }
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 24px;
      align-items: start;
    }
    @media (max-width: 960px) {
      .columns {
        grid-template-columns: 1fr;
      }
    }
    h2 {
      margin: 0 0 12px;
      font-size: 1.15rem;
    }
    .options,
    .referrals {
      list-style: none;
      margin: 0 0 16px;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    .option,
    .referral {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      padding: 12px 16px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .option.eligible {
      border-left: 6px solid var(--lantern-success);
    }
    .option.ineligible {
      background: var(--mat-sys-surface-container-low);
    }
    .option-head,
    .referral-head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: 12px;
    }
    .service {
      margin: 0;
      font-size: 1rem;
    }
    .partner {
      margin: 2px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .reasons {
      margin: 8px 0 0;
      padding-left: 20px;
    }
    .already {
      margin: 6px 0 0;
      color: var(--mat-sys-primary);
      font-weight: 600;
    }
    .why {
      margin: 6px 0 0;
      color: var(--mat-sys-tertiary);
    }
    .aside {
      color: var(--mat-sys-on-surface-variant);
    }
    .problem {
      margin-top: 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border: 1px solid var(--mat-sys-error);
    }
    .problem ul {
      margin: 4px 0 0;
      padding-left: 20px;
    }
    .sent {
      margin: 8px 0 0;
      color: var(--lantern-success);
      font-weight: 600;
    }
    .status-chip {
      display: inline-block;
      padding: 1px 10px;
      border-radius: 6px;
      border: 1px solid currentColor;
      font-size: 0.8rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .tone-progress {
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    .tone-good {
      color: var(--lantern-on-success-container);
      background: var(--lantern-success-container);
    }
    .tone-bad {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .tone-done,
    .tone-draft {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .overdue {
      display: inline-block;
      margin: 8px 0 0;
      padding: 2px 8px;
      border-radius: 6px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border: 1px solid var(--mat-sys-tertiary);
      font-weight: 600;
    }
    .facts {
      margin: 8px 0 0;
      display: grid;
      gap: 2px;
    }
    .facts div {
      display: flex;
      gap: 8px;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
      min-width: 9em;
    }
    .facts dd {
      margin: 0;
    }
    .lifecycle {
      display: flex;
      gap: 8px;
      margin-top: 10px;
    }
    .revoke {
      color: var(--mat-sys-error);
    }
  `,
})
export class ReferralsTab {
  private readonly dialog = inject(MatDialog);

  readonly eligible = input<ReferralOption[]>([]);
  readonly ineligible = input<ReferralOption[]>([]);
  readonly optionsStatus = input<LoadStatus>('idle');
  readonly optionsError = input<string | null>(null);
  readonly referrals = input<Referral[]>([]);
  readonly referralsStatus = input<LoadStatus>('idle');
  readonly referralsError = input<string | null>(null);
  readonly referralsUnavailable = input(false);
  readonly save = input.required<ReferralSaveState>();
  readonly canRefer = input(false);
  /** Team lead: may revoke a referral. */
  /** Record the legal basis for sharing without consent (the permission table: safeguarding-basis.record). */
  readonly canRecordBasis = input(false);
  /** Revoke a referral (REFERRAL_ACTIONS: a team lead's step). */
  readonly mayRevoke = input(false);
  readonly lifecycle = input<{ referralId: string | null; pending: boolean; error: string | null }>({
    referralId: null,
    pending: false,
    error: null,
  });
  /** Close (caseworker / team lead) or revoke (team lead, with a reason). */
  readonly lifecycleStep = output<{ referralId: string; action: 'close' | 'revoke'; reason?: string }>();
  readonly now = input(Date.now());
  /** The directory's entries by `partnerId/service` (for each option's hours). */
  readonly services = input<Record<string, PartnerServiceRecord>>({});
  /** The case's recorded safeguarding basis, if any. */
  readonly safeguardingBasis = input<SafeguardingBasis | null>(null);
  /** The latest report's consent to share the victim's details. */
  readonly informationSharing = input<ConsentValue | null>(null);
  readonly basisSave = input<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  readonly victimName = input('the victim');
  /** Hub staff: where the MARAC referral form (PDF) is; null hides it. */
  readonly maracUrl = input<string | null>(null);
  readonly maracRequired = input(false);
  /** A team lead recorded a safeguarding basis in the dialog. */
  readonly recordBasis = output<SafeguardingDialogResult>();

  /** The user confirmed a referral in the dialog. */
  readonly refer = output<CreateReferralRequest>();
  /** The dialog opened (earlier refusals are cleared). */
  readonly referOpened = output<void>();

  /** Referrals still open, by the option they were for (to say "Already referred"). */
  protected readonly openByOption = computed(() => {
    const out: Record<string, Referral> = {};
    for (const r of this.referrals())
      if (r.partnerId && r.service && OPEN.includes(r.status)) out[optionKey({ partnerId: r.partnerId, service: r.service })] ??= r;
    return out;
  });

  protected readonly basis = computed(() => basisView(this.safeguardingBasis(), this.informationSharing(), this.canRecordBasis()));
  protected ground = groundLabel;
  protected consent = consentSentence;

  protected serviceFor(o: ReferralOption): PartnerServiceRecord | null {
    return this.services()[optionKey(o)] ?? null;
  }
  protected hours(s: PartnerServiceRecord): string {
    return describeHours(s.hours);
  }
  protected openNow(s: PartnerServiceRecord): boolean {
    return isServiceOpen(s.hours, new Date(this.now()));
  }

  protected openBasis(consent: ConsentValue | null): void {
    this.dialog
      .open<SafeguardingDialog, SafeguardingDialogData, SafeguardingDialogResult>(SafeguardingDialog, {
        width: '620px',
        data: { victimName: this.victimName(), consentSentence: consentSentence(consent) },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.recordBasis.emit(result);
      });
  }

  protected key = optionKey;
  protected outcome = outcomeLabel;
  protected status = (r: Referral) => referralStatus(r.status);
  protected overdue(r: Referral): boolean {
    return ackOverdue(r, this.now());
  }

  protected canClose(r: Referral): boolean {
    return this.canRefer() && REFERRAL_ACTIONS.close.from.includes(r.status);
  }

  protected canRevoke(r: Referral): boolean {
    return this.mayRevoke() && REFERRAL_ACTIONS.revoke.from.includes(r.status);
  }

  protected close(r: Referral): void {
    this.lifecycleStep.emit({ referralId: r.id, action: 'close' });
  }

  protected revoke(r: Referral): void {
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, {
        width: '520px',
        data: {
          title: 'Revoke referral',
          message: `Withdraw the referral to ${r.partnerName} (${r.serviceName}). The partner is told it is no longer needed.`,
          label: 'Reason for revoking (required)',
          confirm: 'Revoke referral',
          danger: true,
        },
      })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.lifecycleStep.emit({ referralId: r.id, action: 'revoke', reason });
      });
  }

  protected openRefer(o: ReferralOption): void {
    this.referOpened.emit();
    this.dialog
      .open<ReferralDialog, ReferralDialogData, ReferralDialogResult>(ReferralDialog, {
        data: {
          partnerName: o.partnerName,
          serviceName: o.serviceName,
          reasons: o.reasons,
        },
        width: '560px',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        this.refer.emit({
          partnerId: o.partnerId,
          service: o.service,
          ...(result.notes ? { notes: result.notes } : {}),
        });
      });
  }
}
