import { createFeature, createReducer, on } from '@ngrx/store';
import { LiveSocketActions } from './live.actions';

export type ConnectionState = 'offline' | 'connecting' | 'live' | 'reconnecting';

/** The socket's connection as every page's indicator shows it (app-wide, provided at the root). */
export interface LiveState {
  connection: ConnectionState;
}

export const initialLiveState: LiveState = { connection: 'offline' };

export const liveFeature = createFeature({
  name: 'live',
  reducer: createReducer(
    initialLiveState,
    on(LiveSocketActions.connecting, (state): LiveState => ({ ...state, connection: 'connecting' })),
    on(LiveSocketActions.ready, (state): LiveState => ({ ...state, connection: 'live' })),
    on(LiveSocketActions.disconnected, LiveSocketActions.connectFailed, (state): LiveState => ({ ...state, connection: 'reconnecting' })),
  ),
});

export const selectLiveConnection = liveFeature.selectConnection;
