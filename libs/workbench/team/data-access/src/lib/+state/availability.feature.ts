import { createFeature, createReducer, on } from '@ngrx/store';
import type { MyAvailability } from '../team-api.service';
import { AvailabilityApiActions, AvailabilityControlActions } from './team.actions';

export interface AvailabilityState {
  mine: MyAvailability | null;
  saving: boolean;
  error: string | null;
}

export const initialAvailabilityState: AvailabilityState = { mine: null, saving: false, error: null };

export const availabilityFeature = createFeature({
  name: 'availability',
  reducer: createReducer(
    initialAvailabilityState,
    on(
      AvailabilityApiActions.loaded,
      (state, { status }): AvailabilityState => ({
        ...state,
        // A save in flight wins over an older read.
        mine: state.saving && state.mine ? { ...status, availability: state.mine.availability } : status,
        error: null,
      }),
    ),
    on(AvailabilityApiActions.loadFailed, (state, { error }): AvailabilityState => ({ ...state, error })),
    // Shown at once; put back if the API refuses.
    on(
      AvailabilityControlActions.changed,
      (state, { availability }): AvailabilityState => ({
        ...state,
        saving: true,
        error: null,
        mine: state.mine ? { ...state.mine, availability } : { availability, onShift: true, rota: null },
      }),
    ),
    on(
      AvailabilityApiActions.saved,
      (state, { availability }): AvailabilityState => ({
        ...state,
        saving: false,
        mine: state.mine ? { ...state.mine, availability } : state.mine,
      }),
    ),
    on(
      AvailabilityApiActions.saveFailed,
      (state, { previous, error }): AvailabilityState => ({
        ...state,
        saving: false,
        error,
        mine: state.mine ? { ...state.mine, availability: previous } : state.mine,
      }),
    ),
  ),
});
