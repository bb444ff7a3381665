import { describe, expect, it } from 'vitest';
import { LiveSocketActions } from './live.actions';
import { initialLiveState, liveFeature } from './live.feature';

describe('liveFeature (connection state)', () => {
  const reduce = liveFeature.reducer;

  it('is offline until a page asks for the socket, then connecting, then live when the server says ready', () => {
    expect(initialLiveState.connection).toBe('offline');
    const connecting = reduce(initialLiveState, LiveSocketActions.connecting());
    expect(connecting.connection).toBe('connecting');
    expect(reduce(connecting, LiveSocketActions.ready({ lastSeq: 3 })).connection).toBe('live');
  });

  it('shows reconnecting after a dropped or refused connection, and live again after the next ready', () => {
    const live = reduce(initialLiveState, LiveSocketActions.ready({ lastSeq: 10 }));
    const dropped = reduce(live, LiveSocketActions.disconnected({ reason: 'transport close' }));
    expect(dropped.connection).toBe('reconnecting');
    expect(reduce(live, LiveSocketActions.connectFailed({ message: 'unauthorised' })).connection).toBe('reconnecting');
    expect(reduce(dropped, LiveSocketActions.ready({ lastSeq: 20 })).connection).toBe('live');
  });
});
