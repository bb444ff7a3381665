import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  CaseChangedEvent,
  ReadyEvent,
  SocketEvents,
  SyncRequest,
  SyncResponse,
} from '@lantern/shared/domain';
import { defer, from, Observable, throwError } from 'rxjs';
import { io, Socket } from 'socket.io-client';

/** What the live connection reports; the effects turn these into QueueSocketActions. */
export type QueueSocketEvent =
  | { type: 'connecting' }
  | { type: 'ready'; lastSeq: number }
  | { type: 'disconnected'; reason: string }
  | { type: 'connect-failed'; message: string }
  | { type: 'case-changed'; event: CaseChangedEvent };

interface ServerToClientEvents {
  [SocketEvents.ready]: (event: ReadyEvent) => void;
  [SocketEvents.caseChanged]: (event: CaseChangedEvent) => void;
}

interface ClientToServerEvents {
  [SocketEvents.sync]: (
    request: SyncRequest,
    ack: (response: SyncResponse) => void,
  ) => void;
}

export interface QueueSocketOptions {
  /** Origin of the socket.io server; '' (default) is this page's origin. */
  url: string;
  path: string;
  syncTimeoutMs: number;
  /** Wait before trying again when the server refused the connection (socket.io will not retry by itself). */
  retryAfterRefusalMs: number;
}

export const QUEUE_SOCKET_OPTIONS = new InjectionToken<QueueSocketOptions>(
  'QUEUE_SOCKET_OPTIONS',
  {
    providedIn: 'root',
    factory: () => ({
      url: '',
      path: '/socket.io',
      syncTimeoutMs: 10_000,
      retryAfterRefusalMs: 5_000,
    }),
  },
);

type LanternSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The only door to socket.io in the workbench: typed observables in, nothing socket-shaped out. */
@Injectable({ providedIn: 'root' })
export class QueueSocketService {
  private readonly options = inject(QUEUE_SOCKET_OPTIONS);
  private socket: LanternSocket | null = null;

  /**
   * Opens the connection on subscribe and closes it on unsubscribe. socket.io reconnects by itself after a
   * dropped connection; after a refusal (auth middleware) or a server-side disconnect it does not, so we retry.
   */
  connect(): Observable<QueueSocketEvent> {
    return new Observable<QueueSocketEvent>((subscriber) => {
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

      socket.on(SocketEvents.ready, (event) =>
        subscriber.next({ type: 'ready', lastSeq: event.lastSeq }),
      );
      socket.on(SocketEvents.caseChanged, (event) =>
        subscriber.next({ type: 'case-changed', event }),
      );
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
      if (!socket?.connected)
        return throwError(() => new Error('Not connected'));
      return from(
        socket
          .timeout(this.options.syncTimeoutMs)
          .emitWithAck(SocketEvents.sync, request),
      );
    });
  }
}
