import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  CaseChangedEvent,
  CaseRemovedEvent,
  PresenceChangedEvent,
  PresenceEditingRequest,
  PresenceEvents,
  PresenceOpenRequest,
  ReadyEvent,
  ReferralChangedEvent,
  ReferralEventsNames,
  RiskEventsNames,
  RiskRaisedByPoliceEvent,
  VictimChangedByPoliceEvent,
  VictimEventsNames,
  SafetyNoticeEventsNames,
  type SafetyNoticeDismissedEvent,
  ImportEventsNames,
  ImportSummary,
  SocketEvents,
  StaffChangedEvent,
  StaffEvents,
  SyncRequest,
  SyncResponse,
} from '@lantern/shared/domain';
import { defer, from, map, Observable, throwError } from 'rxjs';
import { io, Socket } from 'socket.io-client';

/** What the live connection reports; the live effect turns these into LiveSocketActions. */
export type LiveSocketEvent =
  | { type: 'connecting' }
  | { type: 'ready'; lastSeq: number }
  | { type: 'disconnected'; reason: string }
  | { type: 'connect-failed'; message: string }
  | { type: 'case-changed'; event: CaseChangedEvent }
  | { type: 'presence-changed'; event: PresenceChangedEvent }
  /** Partner sockets only: one of the agency's referrals changed (read it again; no case data rides along). */
  | { type: 'referral-changed'; event: ReferralChangedEvent }
  /** Hub staff: someone's availability or rota changed (the team lead's board reads the workload again). */
  | { type: 'staff-changed'; event: StaffChangedEvent }
  /** A case this user may no longer see (it was restricted off their list): drop it. */
  | { type: 'case-removed'; event: CaseRemovedEvent }
  /** This user's own sockets: a police revision raised the grade of a case assigned to them. */
  | { type: 'risk-raised-by-police'; event: RiskRaisedByPoliceEvent }
  | { type: 'victim-changed-by-police'; event: VictimChangedByPoliceEvent }
  /** This user's own sockets: a CSV import they started made progress (the GET /imports/:id shape). */
  | { type: 'import-progress'; event: ImportSummary }
  /** This user's own sockets: they dismissed a safety notice (in this tab or another). */
  | { type: 'safety-notice-dismissed'; event: SafetyNoticeDismissedEvent };

interface ServerToClientEvents {
  [SocketEvents.ready]: (event: ReadyEvent) => void;
  [SocketEvents.caseChanged]: (event: CaseChangedEvent) => void;
  [SocketEvents.caseRemoved]: (event: CaseRemovedEvent) => void;
  [PresenceEvents.changed]: (event: PresenceChangedEvent) => void;
  [ReferralEventsNames.changed]: (event: ReferralChangedEvent) => void;
  [StaffEvents.changed]: (event: StaffChangedEvent) => void;
  [RiskEventsNames.raisedByPolice]: (event: RiskRaisedByPoliceEvent) => void;
  [VictimEventsNames.changedByPolice]: (event: VictimChangedByPoliceEvent) => void;
  [ImportEventsNames.progress]: (event: ImportSummary) => void;
  [SafetyNoticeEventsNames.dismissed]: (event: SafetyNoticeDismissedEvent) => void;
}

/** What a presence request is acknowledged with: the case's viewers, or why it was refused. */
type PresenceAck = PresenceChangedEvent | { error: string };

interface ClientToServerEvents {
  [SocketEvents.sync]: (request: SyncRequest, ack: (response: SyncResponse) => void) => void;
  [PresenceEvents.open]: (request: PresenceOpenRequest, ack: (response: PresenceAck) => void) => void;
  [PresenceEvents.leave]: (request: PresenceOpenRequest) => void;
  [PresenceEvents.list]: (ack: (response: PresenceChangedEvent[] | { error: string }) => void) => void;
  [PresenceEvents.editing]: (request: PresenceEditingRequest, ack: (response: PresenceAck) => void) => void;
}

export interface LiveSocketOptions {
  /** Origin of the socket.io server; '' (default) is this page's origin. */
  url: string;
  path: string;
  syncTimeoutMs: number;
  /** Wait before trying again when the server refused the connection (socket.io will not retry by itself). */
  retryAfterRefusalMs: number;
}

export const LIVE_SOCKET_OPTIONS = new InjectionToken<LiveSocketOptions>('LIVE_SOCKET_OPTIONS', {
  providedIn: 'root',
  factory: () => ({
    url: '',
    path: '/socket.io',
    syncTimeoutMs: 10_000,
    retryAfterRefusalMs: 5_000,
  }),
});

type LanternSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The only door to socket.io in the workbench: typed observables in, nothing socket-shaped out. */
@Injectable({ providedIn: 'root' })
export class LiveSocketService {
  private readonly options = inject(LIVE_SOCKET_OPTIONS);
  private socket: LanternSocket | null = null;

  /**
   * Opens the connection on subscribe and closes it on unsubscribe. socket.io reconnects by itself after a
   * dropped connection; after a refusal (auth middleware) or a server-side disconnect it does not, so we retry.
   */
  connect(): Observable<LiveSocketEvent> {
    return new Observable<LiveSocketEvent>((subscriber) => {
      const { url, path, retryAfterRefusalMs } = this.options;
      const socket: LanternSocket = io(url, {
        path,
        withCredentials: true,
        autoConnect: false,
      });
      this.socket = socket;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const retryLater = () => {
        clearTimeout(retry);
        retry = setTimeout(() => {
          if (!socket.connected && !socket.active) socket.connect();
        }, retryAfterRefusalMs);
      };

      socket.on(SocketEvents.ready, (event) => subscriber.next({ type: 'ready', lastSeq: event.lastSeq }));
      socket.on(SocketEvents.caseChanged, (event) => subscriber.next({ type: 'case-changed', event }));
      socket.on(SocketEvents.caseRemoved, (event) => subscriber.next({ type: 'case-removed', event }));
      socket.on(PresenceEvents.changed, (event) => subscriber.next({ type: 'presence-changed', event }));
      socket.on(ReferralEventsNames.changed, (event) => subscriber.next({ type: 'referral-changed', event }));
      socket.on(StaffEvents.changed, (event) => subscriber.next({ type: 'staff-changed', event }));
      socket.on(RiskEventsNames.raisedByPolice, (event) => subscriber.next({ type: 'risk-raised-by-police', event }));
      socket.on(VictimEventsNames.changedByPolice, (event) => subscriber.next({ type: 'victim-changed-by-police', event }));
      socket.on(ImportEventsNames.progress, (event) => subscriber.next({ type: 'import-progress', event }));
      socket.on(SafetyNoticeEventsNames.dismissed, (event) => subscriber.next({ type: 'safety-notice-dismissed', event }));
      socket.on('disconnect', (reason) => {
        subscriber.next({ type: 'disconnected', reason });
        if (reason === 'io server disconnect') retryLater();
      });
      socket.on('connect_error', (err) => {
        subscriber.next({ type: 'connect-failed', message: err.message });
        if (!socket.active) retryLater();
      });

      subscriber.next({ type: 'connecting' });
      socket.connect();

      return () => {
        clearTimeout(retry);
        socket.removeAllListeners();
        socket.disconnect();
        if (this.socket === socket) this.socket = null;
      };
    });
  }

  /** Ask for every event after `afterSeq` (acknowledged by the server), or a `reset` if that is too many. */
  sync(request: SyncRequest): Observable<SyncResponse> {
    return defer(() => {
      const socket = this.socket;
      if (!socket?.connected) return throwError(() => new Error('Not connected'));
      return from(socket.timeout(this.options.syncTimeoutMs).emitWithAck(SocketEvents.sync, request));
    });
  }

  /** "I have this case open" (acknowledged with who else has it open). Send again after every reconnect. */
  presenceOpen(caseId: string): Observable<PresenceChangedEvent> {
    return this.presenceRequest(PresenceEvents.open, { caseId });
  }

  /** "I am editing this section" (or null: no longer editing), acknowledged with the viewers. */
  presenceEditing(caseId: string, section: string | null): Observable<PresenceChangedEvent> {
    return this.presenceRequest(PresenceEvents.editing, { caseId, section });
  }

  /** "I left this case." Fire and forget: the server also forgets a socket that disconnects. */
  presenceLeave(caseId: string): void {
    const socket = this.socket;
    if (socket?.connected) socket.emit(PresenceEvents.leave, { caseId });
  }

  /** Every case someone has open now, across the hub. */
  presenceList(): Observable<PresenceChangedEvent[]> {
    return defer(() => {
      const socket = this.socket;
      if (!socket?.connected) return throwError(() => new Error('Not connected'));
      return from(socket.timeout(this.options.syncTimeoutMs).emitWithAck(PresenceEvents.list)).pipe(
        map((ack) => {
          if (!Array.isArray(ack)) throw new Error(ack.error);
          return ack;
        }),
      );
    });
  }

  private presenceRequest(
    event: typeof PresenceEvents.open | typeof PresenceEvents.editing,
    request: PresenceEditingRequest | PresenceOpenRequest,
  ): Observable<PresenceChangedEvent> {
    return defer(() => {
      const socket = this.socket;
      if (!socket?.connected) return throwError(() => new Error('Not connected'));
      const timed = socket.timeout(this.options.syncTimeoutMs);
      const sent =
        event === PresenceEvents.open
          ? timed.emitWithAck(PresenceEvents.open, request)
          : timed.emitWithAck(PresenceEvents.editing, request as PresenceEditingRequest);
      return from(sent).pipe(
        map((ack) => {
          if ('error' in ack) throw new Error(ack.error);
          return ack;
        }),
      );
    });
  }
}
