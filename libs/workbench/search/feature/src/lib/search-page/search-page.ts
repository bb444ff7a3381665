import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, linkedSignal, viewChildren } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import { SearchApiService } from '@lantern/workbench/search/data-access';
import { caseStatusLabel, LondonDateTimePipe, RiskGradeChip } from '@lantern/workbench/ui';
import { searchQueryErrors, type SearchMatch } from '@lantern/shared/domain';
import { of } from 'rxjs';

const MATCH_LABELS: Record<SearchMatch, string> = { reference: 'reference', phone: 'phone number', name: 'name' };

/**
 * Search results (/search?q=): every case the user may see whose victim or suspect name, police reference or phone
 * number matches, any status, best match first. Each result links to its case; ↑ and ↓ move between results and
 * Enter opens one. The query lives in the URL, so Back returns to the results.
 */
@Component({
  selector: 'lantern-search-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    RiskGradeChip,
    LondonDateTimePipe,
  ],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
})
export class SearchPage {
  private readonly api = inject(SearchApiService);
  private readonly router = inject(Router);

  /** `?q=`: what was searched for. */
  readonly q = input<string | undefined>(undefined);
  protected readonly query = computed(() => (this.q() ?? '').trim());
  protected readonly draft = linkedSignal(() => this.query());
  protected readonly draftError = linkedSignal<string, string | null>({ source: () => this.query(), computation: () => null });
  /** The query as the API would judge it: nothing is asked for a query it would refuse. */
  protected readonly queryError = computed(() => {
    const q = this.query();
    return q ? (searchQueryErrors(q)[0]?.message ?? null) : null;
  });

  protected readonly search = rxResource({
    params: () => (this.query() && !this.queryError() ? this.query() : null),
    stream: ({ params }) => (params ? this.api.search(params, 50) : of(null)),
  });
  protected readonly response = computed(() => (this.search.hasValue() ? this.search.value() : null));
  protected readonly results = computed(() => this.response()?.results ?? []);
  protected readonly loadError = computed(() => {
    const err = this.search.error();
    if (!err) return null;
    return describeHttpError((err as { cause?: unknown }).cause ?? err, 'The search could not be run. Try again.');
  });
  /** One sentence for the live region: how many cases were found. */
  protected readonly summary = computed(() => {
    if (!this.query() || this.queryError() || this.search.isLoading() || this.loadError()) return '';
    const n = this.results().length;
    const more = this.response()?.more ? ' (the first 50: add to the search to narrow it)' : '';
    return n === 0 ? 'No case matches.' : `${n} ${n === 1 ? 'case' : 'cases'} found${more}.`;
  });

  private readonly links = viewChildren<ElementRef<HTMLAnchorElement>>('resultLink');

  protected statusLabel = caseStatusLabel;

  protected matchedText(matched: SearchMatch[]): string {
    return `Matched by ${matched.map((m) => MATCH_LABELS[m]).join(' and ')}`;
  }

  protected submit(): void {
    const q = this.draft().trim();
    const error = searchQueryErrors(q)[0]?.message ?? null;
    if (error) {
      this.draftError.set(`The search ${error}.`);
      return;
    }
    void this.router.navigate(['/search'], { queryParams: { q } });
  }

  /** ↑ and ↓ move between results (from the search box, ↓ goes to the first); Enter follows the link. */
  protected move(event: KeyboardEvent, index: number): void {
    const links = this.links();
    if (!links.length) return;
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' && index >= 0 ? index - 1 : null;
    if (next === null) return;
    event.preventDefault();
    if (next < 0 || next >= links.length) return;
    links[next].nativeElement.focus();
  }
}
