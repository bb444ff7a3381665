import { DEFAULT_PREFERENCES, type Preferences } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { AuthApiActions } from './auth.actions';
import { PreferencesActions, PreferencesApiActions } from './preferences.actions';
import { initialPreferencesState, preferencesFeature } from './preferences.feature';

const reduce = preferencesFeature.reducer;
const compact: Preferences = { queue: { columns: ['grade', 'victim', 'reference'], density: 'compact' }, arrivals: { alerts: true } };

describe('preferences', () => {
  it('applies the defaults until the server answers, then the user’s own', () => {
    expect(initialPreferencesState.preferences).toEqual(DEFAULT_PREFERENCES);
    const s = reduce(initialPreferencesState, PreferencesApiActions.loaded({ preferences: compact }));
    expect(s).toEqual({ preferences: compact, loaded: true, error: null });
  });

  it('applies a change at once; a failed save keeps it for this page and says so', () => {
    let s = reduce(initialPreferencesState, PreferencesActions.changed({ preferences: compact }));
    expect(s.preferences).toEqual(compact);
    s = reduce(s, PreferencesApiActions.saveFailed({ error: 'Your preferences could not be saved.' }));
    expect(s.preferences).toEqual(compact);
    expect(s.error).toBe('Your preferences could not be saved.');
    s = reduce(s, PreferencesActions.changed({ preferences: DEFAULT_PREFERENCES }));
    expect(s.error).toBeNull();
  });

  it('forgets them at sign-out and session expiry (the next user at this screen starts from the defaults)', () => {
    const s = reduce(initialPreferencesState, PreferencesApiActions.loaded({ preferences: compact }));
    expect(reduce(s, AuthApiActions.signedOut())).toEqual(initialPreferencesState);
    expect(reduce(s, AuthApiActions.sessionExpired())).toEqual(initialPreferencesState);
  });
});
