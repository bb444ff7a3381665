/**
 * The look the confirm and reason dialogs share (reason field, points to read, highlighted warning, danger button),
 * in one place so the two cannot drift apart.
 */
export const DIALOG_STYLES = `
  .reason {
    width: 100%;
    margin-top: 8px;
  }
  .points {
    margin: 0 0 12px;
    padding-left: 20px;
  }
  .warning {
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--mat-sys-tertiary-container);
    color: var(--mat-sys-on-tertiary-container);
    border: 1px solid var(--mat-sys-tertiary);
    font-weight: 600;
  }
  .danger {
    --mat-button-filled-container-color: var(--mat-sys-error);
    --mat-button-filled-label-text-color: var(--mat-sys-on-error);
  }
`;
