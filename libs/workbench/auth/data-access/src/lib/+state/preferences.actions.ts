import type { Preferences } from '@lantern/shared/domain';
import { createActionGroup, props } from '@ngrx/store';

/** The user changed a preference (queue columns or density, arrival alerts): the whole document, applied at once. */
export const PreferencesActions = createActionGroup({
  source: 'Preferences',
  events: {
    Changed: props<{ preferences: Preferences }>(),
  },
});

export const PreferencesApiActions = createActionGroup({
  source: 'Preferences Api',
  events: {
    Loaded: props<{ preferences: Preferences }>(),
    'Load Failed': props<{ error: string }>(),
    Saved: props<{ preferences: Preferences }>(),
    'Save Failed': props<{ error: string }>(),
  },
});
