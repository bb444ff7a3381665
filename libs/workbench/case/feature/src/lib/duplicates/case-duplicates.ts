import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import type { CaseDuplicateLink } from '@lantern/shared/domain';
import { describeHttpError, problemDetails } from '@lantern/workbench/auth/data-access';
import { caseFeature, CaseNotesApiService, selectMayWorkOnCase } from '@lantern/workbench/case/data-access';
import { LabelPipe } from '@lantern/workbench/ui';
import { Store } from '@ngrx/store';
import { CasePageContext } from '../case-page/case-page-context';
import { LinkDuplicateDialog, type LinkDuplicateDialogData, type LinkDuplicateResult } from './link-duplicate-dialog';

/**
 * Under the case header: "Possible duplicate of HC/…" for each linked case (a link to it; never merged), linking and
 * unlinking (the assignee or a team lead), and the printable case summary. Read again with every new case version,
 * so a link made from the other case shows here too.
 */
@Component({
  selector: 'lantern-case-duplicates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, LabelPipe],
  template: `
    <div class="bar">
      @if (links().length) {
        <ul class="links" aria-label="Possible duplicates">
          @for (l of links(); track l.caseId) {
            <li>
              Possible duplicate of <a [routerLink]="['/cases', l.caseId]">{{ l.reference }}</a>
              <span class="meta">&ngsp;({{ l.status | label: 'status' }}) — {{ l.reason }}</span>
              @if (canWork()) {
                <button mat-button type="button" (click)="unlink(l)" [attr.aria-label]="'Unlink ' + l.reference">Unlink</button>
              }
            </li>
          }
        </ul>
      }
      <span class="spacer"></span>
      <a mat-stroked-button [routerLink]="['/cases', context.caseId(), 'print']">Print summary</a>
      @if (canWork()) {
        <button mat-stroked-button type="button" (click)="link()">Link a duplicate…</button>
      }
    </div>
    @if (message(); as m) {
      <p class="message" role="status">{{ m }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 4px 0 8px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .spacer {
      flex: 1 1 auto;
    }
    .links {
      list-style: none;
      margin: 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .links a {
      color: inherit;
      font-weight: 600;
    }
    .meta {
      overflow-wrap: anywhere;
    }
    .message {
      margin: 4px 0 0;
    }
  `,
})
export class CaseDuplicates {
  private readonly store = inject(Store);
  private readonly api = inject(CaseNotesApiService);
  private readonly dialog = inject(MatDialog);
  protected readonly context = inject(CasePageContext);
  private readonly detail = this.store.selectSignal(caseFeature.selectDetail);
  protected readonly canWork = this.store.selectSignal(selectMayWorkOnCase);
  protected readonly links = signal<CaseDuplicateLink[]>([]);
  protected readonly message = signal<string | null>(null);

  constructor() {
    effect(() => {
      const caseId = this.context.caseId();
      const version = this.detail()?.version;
      if (!caseId || version === undefined) return;
      untracked(() =>
        this.api.duplicates(caseId).subscribe({
          next: (links) => caseId === this.context.caseId() && this.links.set(links),
          error: () => this.links.set([]),
        }),
      );
    });
  }

  protected link(): void {
    const d = this.detail();
    if (!d) return;
    const data: LinkDuplicateDialogData = {
      reference: d.reference,
      candidates: d.linkedCases.filter((c) => !this.links().some((l) => l.caseId === c.id)),
    };
    this.dialog
      .open<LinkDuplicateDialog, LinkDuplicateDialogData, LinkDuplicateResult>(LinkDuplicateDialog, { data, width: 'min(560px, 100vw)' })
      .afterClosed()
      .subscribe((r) => {
        if (!r) return;
        this.api.linkDuplicate(d.id, r.otherCaseId, r.reason).subscribe({
          next: (links) => {
            this.links.set(links);
            const other = links.find((l) => l.caseId === r.otherCaseId);
            this.message.set(`Linked as a possible duplicate of ${other?.reference ?? 'the other case'}.`);
          },
          error: (err: unknown) =>
            this.message.set(
              problemDetails(err)?.code === 'already-linked'
                ? 'These two cases are already linked.'
                : describeHttpError(err, 'The cases were not linked.'),
            ),
        });
      });
  }

  protected unlink(l: CaseDuplicateLink): void {
    this.api.unlinkDuplicate(this.context.caseId(), l.caseId).subscribe({
      next: () => {
        this.links.update((list) => list.filter((x) => x.caseId !== l.caseId));
        this.message.set(`Unlinked ${l.reference}.`);
      },
      error: (err: unknown) => this.message.set(describeHttpError(err, 'The link was not removed.')),
    });
  }
}
