/**
 * What is being edited and not yet saved, across the whole workbench: every form that could lose work registers an
 * entry (EditSection does it for each case-page section, the `lanternUnsaved` directive for any other form, dialogs
 * included). Leaving — a route change, another case-page tab, sign-out, the N shortcut, a reload — asks first when
 * an entry is dirty (UnsavedChanges). Plain TypeScript, so the rules are unit-tested without a browser.
 */
export interface UnsavedEntry {
  /** The form has changes that are not saved. Read when someone tries to leave, so it may be a signal. */
  isDirty(): boolean;
  /** Called once the user chose to discard (e.g. clears the form's stored draft). */
  discard?(): void | Promise<void>;
}

export class UnsavedRegistry {
  private readonly entries = new Set<UnsavedEntry>();
  /** Entries the user already chose to discard: not asked about again until they are edited again. */
  private readonly released = new WeakSet<UnsavedEntry>();
  private asking: Promise<boolean> | null = null;

  /** Adds a form; answers the function that removes it (call it when the form is destroyed). */
  register(entry: UnsavedEntry): () => void {
    this.entries.add(entry);
    return () => {
      this.entries.delete(entry);
      this.released.delete(entry);
    };
  }

  /** The user edited the form again (or it was saved and is clean): ask about it again next time. */
  rearm(entry: UnsavedEntry): void {
    this.released.delete(entry);
  }

  dirtyEntries(): UnsavedEntry[] {
    return [...this.entries].filter((e) => !this.released.has(e) && e.isDirty());
  }

  hasUnsaved(): boolean {
    return this.dirtyEntries().length > 0;
  }

  /**
   * May the user leave? True at once when nothing is dirty; otherwise `ask` decides (true = discard). After a
   * discard the dirty entries are released (so the route guard that follows an N or a sign-out does not ask
   * twice) and their `discard` hooks run. Asked once at a time: a second request while the question is open shares
   * its answer (N pressed twice opens one dialog).
   */
  confirmLeave(ask: () => Promise<boolean>): Promise<boolean> {
    const dirty = this.dirtyEntries();
    if (!dirty.length) return Promise.resolve(true);
    this.asking ??= (async () => {
      try {
        const discard = await ask();
        if (!discard) return false;
        for (const e of this.dirtyEntries()) {
          this.released.add(e);
          try {
            await e.discard?.();
          } catch {
            /* a draft that cannot be cleared expires on its own */
          }
        }
        return true;
      } finally {
        this.asking = null;
      }
    })();
    return this.asking;
  }
}
