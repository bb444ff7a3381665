import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatRadioModule } from '@angular/material/radio';
import { type FieldError, type Rota, type Weekday, WEEKDAYS } from '@lantern/shared/domain';
import { describeHttpError, problemDetails } from '@lantern/workbench/auth/data-access';
import { TeamApiService } from '@lantern/workbench/team/data-access';

export interface RotaDialogData {
  userId: string;
  displayName: string;
  rota: Rota | null;
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

interface DayRow {
  day: Weekday;
  name: string;
  works: boolean;
  open: string;
  close: string;
}

/** A team lead edits a caseworker's weekly rota; the API checks it against the hub's staffed hours. */
@Component({
  selector: 'lantern-rota-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatCheckboxModule, MatRadioModule, FormsModule],
  templateUrl: './rota-dialog.html',
  styles: `
    .mode {
      display: flex;
      flex-direction: column;
      margin-bottom: 8px;
    }
    .days {
      border-collapse: collapse;
      th,
      td {
        padding: 4px 8px;
        text-align: left;
      }
    }
    input[type='time'] {
      font: inherit;
      padding: 4px;
    }
    input[aria-invalid='true'] {
      border: 2px solid var(--mat-sys-error);
    }
    .field-error td,
    .error {
      color: var(--mat-sys-error);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font-size: 0.875rem;
    }
  `,
})
export class RotaDialog {
  protected readonly data = inject<RotaDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<RotaDialog, boolean>);
  private readonly api = inject(TeamApiService);
  protected mode: 'hub' | 'weekly' = this.data.rota ? 'weekly' : 'hub';
  protected readonly days: DayRow[] = WEEKDAYS.map((day) => {
    const h = this.data.rota?.[day] ?? null;
    return {
      day,
      name: DAY_NAMES[day],
      works: this.data.rota ? !!h : true,
      open: h?.open ?? '08:00',
      close: h?.close === '24:00' ? '00:00' : (h?.close ?? '20:00'),
    };
  });
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  private readonly errors = signal<FieldError[]>([]);

  protected fieldError(day: Weekday): string | null {
    const e = this.errors().filter((x) => x.path === `/rota/${day}` || x.path.startsWith(`/rota/${day}/`));
    return e.length ? e.map((x) => x.message).join('; ') : null;
  }

  protected save(): void {
    const rota: Rota | null =
      this.mode === 'hub'
        ? null
        : (Object.fromEntries(
            this.days.map((d) => [d.day, d.works ? { open: d.open, close: d.close === '00:00' ? '24:00' : d.close } : null]),
          ) as Rota);
    this.saving.set(true);
    this.formError.set(null);
    this.errors.set([]);
    this.api.setRota(this.data.userId, rota).subscribe({
      next: () => this.ref.close(true),
      error: (err: unknown) => {
        this.saving.set(false);
        const fields = problemDetails(err)?.errors ?? [];
        this.errors.set(fields);
        const unplaced = fields.filter((f) => !WEEKDAYS.some((d) => f.path.startsWith(`/rota/${d}`)));
        this.formError.set(
          fields.length
            ? unplaced.length
              ? unplaced.map((f) => `${f.path}: ${f.message}`).join('; ')
              : 'Some days are not right: see below.'
            : describeHttpError(err, 'The rota could not be saved.'),
        );
      },
    });
  }
}
