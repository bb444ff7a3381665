import { DEFAULT_PREFERENCES, type Preferences } from '@lantern/shared/domain';
import { createFeature, createReducer, on } from '@ngrx/store';
import { AuthApiActions } from './auth.actions';
import { PreferencesActions, PreferencesApiActions } from './preferences.actions';

export interface PreferencesState {
  /** What the workbench applies: the defaults until the server's copy arrives, then the user's own. */
  preferences: Preferences;
  loaded: boolean;
  /** The last save failed: the change holds for this page only. */
  error: string | null;
}

export const initialPreferencesState: PreferencesState = { preferences: DEFAULT_PREFERENCES, loaded: false, error: null };

export const preferencesFeature = createFeature({
  name: 'preferences',
  reducer: createReducer(
    initialPreferencesState,
    on(PreferencesApiActions.loaded, (state, { preferences }): PreferencesState => ({ ...state, preferences, loaded: true, error: null })),
    // A change applies at once; the server's answer (the same document, resolved) follows.
    on(PreferencesActions.changed, (state, { preferences }): PreferencesState => ({ ...state, preferences, error: null })),
    on(PreferencesApiActions.saved, (state, { preferences }): PreferencesState => ({ ...state, preferences, error: null })),
    on(PreferencesApiActions.saveFailed, (state, { error }): PreferencesState => ({ ...state, error })),
    on(AuthApiActions.signedOut, AuthApiActions.sessionExpired, (): PreferencesState => initialPreferencesState),
  ),
});
