import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { reportFieldPaths, type ImportPreview, type ImportQuery } from '@lantern/shared/domain';
import { describeHttpError } from '@lantern/workbench/auth/data-access';
import { ImportProgressStore, ImportsApiService } from '@lantern/workbench/imports/data-access';

/** `attachment; filename="x.csv"` → x.csv. */
function fileNameFrom(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m ? m[1] : fallback;
}

/**
 * Import police reports from a CSV extract (/team/imports; team leads and admins): choose a file, see how its
 * header maps and what validation says of the first rows, map unknown headers once (saved as a named mapping),
 * import with a live progress bar, then the result with its errors and the bad rows as CSV. docs/imports.md.
 */
@Component({
  selector: 'lantern-imports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule],
  providers: [ImportProgressStore],
  templateUrl: './imports-page.html',
  styleUrl: './imports-page.scss',
})
export class ImportsPage {
  private readonly api = inject(ImportsApiService);
  private readonly document = inject(DOCUMENT);
  protected readonly progress = inject(ImportProgressStore);

  protected readonly paths = reportFieldPaths(3);
  protected readonly file = signal<File | null>(null);
  protected readonly force = signal('');
  protected readonly mappingId = signal('');
  protected readonly preview = signal<ImportPreview | null>(null);
  protected readonly previewing = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly starting = signal(false);
  /** Unknown header → the path chosen for it ('' = not chosen yet, '-' = ignore). */
  protected readonly chosen = signal<Record<string, string>>({});
  protected readonly mappingName = signal('');
  protected readonly savingMapping = signal(false);
  protected readonly downloadDone = signal('');

  protected readonly mappings = rxResource({ stream: () => this.api.mappings() });
  protected readonly recent = rxResource({ params: () => this.progress.finished(), stream: () => this.api.list() });

  protected readonly unmapped = computed(() => {
    const p = this.preview();
    if (!p) return [];
    const chosen = this.chosen();
    return p.unknownHeaders.filter((h) => !chosen[h]);
  });
  protected readonly rowsWithErrors = computed(() => this.preview()?.rows.filter((r) => r.errors.length).length ?? 0);
  protected readonly canImport = computed(
    () => !!this.file() && !!this.preview() && !this.preview()?.unknownHeaders.length && !this.starting(),
  );

  private query(): ImportQuery {
    const force = this.force().trim();
    return {
      ...(force ? { force } : {}),
      ...(this.mappingId() ? { mapping: this.mappingId() } : {}),
      ...(this.file() ? { fileName: this.file()?.name.slice(0, 200) } : {}),
    };
  }

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.progress.clear();
    this.runPreview();
  }

  protected runPreview(): void {
    const file = this.file();
    this.preview.set(null);
    this.error.set(null);
    this.chosen.set({});
    if (!file) return;
    this.previewing.set(true);
    this.api.preview(file, this.query()).subscribe({
      next: (p) => {
        this.preview.set(p);
        this.previewing.set(false);
      },
      error: (err: unknown) => {
        this.error.set(describeHttpError(err, 'The file could not be read.'));
        this.previewing.set(false);
      },
    });
  }

  protected choose(header: string, path: string): void {
    this.chosen.update((c) => ({ ...c, [header]: path }));
  }

  protected chooseMapping(id: string): void {
    this.mappingId.set(id);
    this.runPreview();
  }

  /** Saves the mapping: the chosen paths for unknown headers, plus the current saved mapping's own columns. */
  protected saveMapping(event: Event): void {
    event.preventDefault();
    const name = this.mappingName().trim();
    if (!name || this.unmapped().length) return;
    const base = this.mappings.value()?.find((m) => m.id === this.mappingId())?.columns ?? {};
    const columns: Record<string, string | null> = { ...base };
    for (const [header, path] of Object.entries(this.chosen())) columns[header] = path === '-' ? null : path;
    this.savingMapping.set(true);
    this.api.saveMapping({ name, columns }).subscribe({
      next: (m) => {
        this.savingMapping.set(false);
        this.mappings.reload();
        this.mappingId.set(m.id);
        this.runPreview();
      },
      error: (err: unknown) => {
        this.savingMapping.set(false);
        this.error.set(describeHttpError(err, 'The mapping could not be saved.'));
      },
    });
  }

  protected startImport(): void {
    const file = this.file();
    if (!file || !this.canImport()) return;
    this.starting.set(true);
    this.error.set(null);
    this.api.start(file, this.query()).subscribe({
      next: (summary) => {
        this.starting.set(false);
        this.progress.watch(summary);
        // Take the reader (and a screen reader's focus) to the progress that just appeared.
        setTimeout(() => this.document.getElementById('progress-heading')?.focus());
      },
      error: (err: unknown) => {
        this.starting.set(false);
        this.error.set(describeHttpError(err, 'The import could not start.'));
      },
    });
  }

  protected downloadBadRows(id: string): void {
    this.downloadDone.set('');
    this.api.errorsCsv(id).subscribe({
      next: (res) => {
        const name = fileNameFrom(res.headers.get('Content-Disposition'), 'bad-rows.csv');
        const url = URL.createObjectURL(res.body ?? new Blob([], { type: 'text/csv' }));
        const a = this.document.createElement('a');
        a.href = url;
        a.download = name;
        a.rel = 'noopener';
        a.style.display = 'none';
        this.document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.downloadDone.set(`Downloaded ${name}.`);
      },
      error: (err: unknown) => this.error.set(describeHttpError(err, 'The bad rows could not be downloaded.')),
    });
  }

  protected reportRef(report: Record<string, unknown>): string {
    return typeof report['reference'] === 'string' ? report['reference'] : '—';
  }
}
