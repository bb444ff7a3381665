/** Every keyboard shortcut the workbench has, for the handlers and the "?" help. */
export type Shortcut =
  | 'next-case'
  | 'claim'
  | 'go-queue'
  | 'help'
  | 'tab-1'
  | 'tab-2'
  | 'tab-3'
  | 'tab-4'
  | 'tab-5'
  | 'tab-6'
  | 'tab-7'
  | 'tab-8'
  | 'tab-9'
  | 'search';

export interface ShortcutHelp {
  keys: string[];
  /** How the keys are pressed: together (one key) or one after the other. */
  sequence?: boolean;
  description: string;
  where: string;
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: ['N'], description: 'Next case: claim the highest-priority unassigned case and open it', where: 'Anywhere' },
  { keys: ['G', 'Q'], sequence: true, description: 'Go to the triage queue', where: 'Anywhere' },
  { keys: ['?'], description: 'Show these shortcuts', where: 'Anywhere' },
  { keys: ['C'], description: 'Claim the open case', where: 'Case page' },
  { keys: ['1'], description: 'Summary tab', where: 'Case page' },
  { keys: ['2'], description: 'Risk tab (DASH RIC)', where: 'Case page' },
  { keys: ['3'], description: 'Contact tab', where: 'Case page' },
  { keys: ['4'], description: 'Safe contact tab', where: 'Case page' },
  { keys: ['5'], description: 'Report tab', where: 'Case page' },
  { keys: ['6'], description: 'History tab', where: 'Case page' },
  { keys: ['7'], description: 'Needs and safety plan tab', where: 'Case page' },
  { keys: ['8'], description: 'Referrals tab', where: 'Case page' },
  { keys: ['9'], description: 'Notes tab', where: 'Case page' },
  { keys: ['R'], description: 'Re-sort the queue while its order is held', where: 'Triage queue' },
  { keys: ['↑', '↓'], description: 'Move between cases; Enter opens one', where: 'Triage queue' },
  { keys: ['/'], description: 'Search cases by name, reference or phone number', where: 'Anywhere' },
];

/** How long after G the Q may come. */
export const SEQUENCE_TIMEOUT_MS = 1_500;

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
  /** Set by the browser while an input method is composing text. */
  isComposing?: boolean;
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

const TYPING_SELECTOR =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), mat-select, [role="combobox"], [role="textbox"], [role="listbox"], [role="menu"], [role="slider"]';

/** Is the key going into something the user types or chooses in? Shortcuts must then stay quiet. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as ElementLike | null | undefined;
  if (!el || typeof el !== 'object') return false;
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  return typeof el.closest === 'function' && !!el.closest(TYPING_SELECTOR);
}

/**
 * Reads shortcuts from key presses: single keys, and G then Q within SEQUENCE_TIMEOUT_MS. Never while typing,
 * never with Ctrl, Cmd or Alt (those belong to the browser and assistive technology).
 */
export class ShortcutReader {
  private pendingG: number | null = null;

  read(event: KeyLike, now: number): Shortcut | null {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
      this.pendingG = null;
      return null;
    }
    if (isTypingTarget(event.target)) {
      this.pendingG = null;
      return null;
    }
    const key = event.key;
    if (this.pendingG !== null) {
      const fresh = now - this.pendingG <= SEQUENCE_TIMEOUT_MS;
      this.pendingG = null;
      if (fresh && (key === 'q' || key === 'Q')) return 'go-queue';
    }
    switch (key) {
      case 'g':
      case 'G':
        this.pendingG = now;
        return null;
      case 'n':
      case 'N':
        return 'next-case';
      case 'c':
      case 'C':
        return 'claim';
      case '?':
        return 'help';
      case '/':
        return 'search';
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return `tab-${key}` as Shortcut;
      default:
        return null;
    }
  }
}
