import type { CaseSummary } from './case';

/** Socket.io event names (server → client unless noted). */
export const SocketEvents = {
  caseChanged: 'case.changed',
  /** client → server, with ack: catch up on what was missed while disconnected. */
  sync: 'sync',
  /** server → client once the connection is authenticated and joined. */
  ready: 'ready',
} as const;

export type CaseChange = 'created' | 'revised' | 'updated';

/**
 * Sent after every committed case change a user may see. `seq` is global and strictly increasing in commit
 * order; `version` is the case's own version. A client applies an event only if `version` is newer than what it
 * holds, so replays are harmless.
 */
export interface CaseChangedEvent {
  seq: number;
  caseId: string;
  version: number;
  change: CaseChange;
  case: CaseSummary;
}

export interface SyncRequest {
  afterSeq: number;
}

/** Ack of `sync`: either the missed events in order, or `reset` (too many or too old: reload the snapshot). */
export interface SyncResponse {
  events: CaseChangedEvent[];
  reset: boolean;
  lastSeq: number;
}

/** Ack of the connection: the current high-water mark, so a fresh client knows where it starts. */
export interface ReadyEvent {
  lastSeq: number;
}
