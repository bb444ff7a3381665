/**
 * What the application shell (header, routes, app config) takes from the UI library, and nothing more.
 *
 * The shell is in the first download every user waits for. Importing it from the full barrel (index.ts) made every
 * component that lazy pages share (date pickers, dialogs, DASH tables) part of that download — 1.21 MB against a
 * 1.2 MB budget — because a module the entry point reaches is placed with the entry point. Pages import from
 * `@lantern/workbench/ui`; the shell imports from `@lantern/workbench/ui/shell`.
 */
export * from './lib/search-field/search-field';
export * from './lib/shortcuts/shortcut.service';
export * from './lib/shortcuts/shortcut-help-dialog';
export * from './lib/unsaved/unsaved-changes.service';
export * from './lib/unsaved/unsaved.guard';
export * from './lib/dates/iso-date-adapter';
export * from './lib/focus/focus-if-lost';
