import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type {
  CaseChangedEvent,
  ReferralChangedEvent,
  RiskRaisedByPoliceEvent,
  SafetyNoticeDismissedEvent,
  StaffChangedEvent,
  VictimChangedByPoliceEvent,
} from '@lantern/shared/domain';
import type { ImportSummary } from '@lantern/shared/domain';
import { errorForLog } from './log-safe';
import { outsideRequestScope } from './request-scope';

/**
 * The API's domain events, all in one place: what happened, published by the service that did it only after its
 * transaction committed, heard by listeners (the realtime gateway) that never call back into the service.
 * Payloads the workbench also receives are the shared types of @lantern/shared/domain.
 */
export const DomainEvents = {
  /** A committed case change, with its outbox seq (published by CaseChanges after commit). */
  CaseChanged: 'case.changed',
  /** A session signed out: its live connections are closed. */
  SessionEnded: 'session.ended',
  /** One of a partner agency's referrals changed (that agency's sockets are told; no case data rides along). */
  PartnerReferralChanged: 'partner.referral-changed',
  /** A caseworker's availability or rota changed. */
  StaffChanged: 'staff.changed',
  /** A police revision raised a case's grade: its assignee is told on their own sockets. */
  RiskRaisedByPolice: 'risk.raised-by-police',
  /** A police revision named another victim on a case: its assignee is told on their own sockets. */
  VictimChangedByPolice: 'victim.changed-by-police',
  /** A CSV import made progress (or finished): the importing user's sockets are told. */
  ImportProgress: 'import.progress',
  /** A user dismissed a safety notice: their own sockets are told (their other tabs let the bar go). */
  SafetyNoticeDismissed: 'safety-notice.dismissed',
  /**
   * A feed key was revoked: every instance's intake forgets it at once (FeedKeyCache). The realtime gateway carries
   * it to the other instances, where it is published again with `fromOtherInstance`.
   */
  FeedSourceRevoked: 'feed-source.revoked',
} as const;

export type DomainEventName = (typeof DomainEvents)[keyof typeof DomainEvents];

export interface SessionEndedEvent {
  sessionId: string;
}

export interface PartnerReferralChangedEvent extends ReferralChangedEvent {
  partnerId: string;
}

export interface AssigneeRiskRaisedEvent extends RiskRaisedByPoliceEvent {
  assigneeId: string;
}

export interface AssigneeVictimChangedEvent extends VictimChangedByPoliceEvent {
  assigneeId: string;
}

export interface ImportProgressEvent {
  userId: string;
  summary: ImportSummary;
}

export interface UserSafetyNoticeDismissedEvent extends SafetyNoticeDismissedEvent {
  userId: string;
}

export interface FeedSourceRevokedEvent {
  feedSourceId: string;
  /** Set by the gateway when another instance revoked it (so it is not carried on again). */
  fromOtherInstance?: boolean;
}

export interface DomainEventPayloads {
  [DomainEvents.CaseChanged]: CaseChangedEvent;
  [DomainEvents.SessionEnded]: SessionEndedEvent;
  [DomainEvents.PartnerReferralChanged]: PartnerReferralChangedEvent;
  [DomainEvents.StaffChanged]: StaffChangedEvent;
  [DomainEvents.RiskRaisedByPolice]: AssigneeRiskRaisedEvent;
  [DomainEvents.VictimChangedByPolice]: AssigneeVictimChangedEvent;
  [DomainEvents.ImportProgress]: ImportProgressEvent;
  [DomainEvents.SafetyNoticeDismissed]: UserSafetyNoticeDismissedEvent;
  [DomainEvents.FeedSourceRevoked]: FeedSourceRevokedEvent;
}

/** One domain event, named and typed: what a unit of work collects and publishes after commit. */
export type DomainEvent = {
  [K in DomainEventName]: { name: K; payload: DomainEventPayloads[K] };
}[DomainEventName];

/**
 * Publishes domain events in this process (@nestjs/event-emitter). Listeners run synchronously and their errors
 * are logged, never thrown back: a change that committed is not reported to its caller as failed. Reaching every
 * API instance is the listener's business (the gateway emits through the socket.io Redis adapter).
 */
@Injectable()
export class DomainEventBus {
  constructor(private readonly emitter: EventEmitter2) {}

  publish<K extends DomainEventName>(name: K, payload: DomainEventPayloads[K]): void {
    // Handlers run outside the publishing request's scope (request-scope.ts): they are not that user's request.
    outsideRequestScope(() => this.emitter.emit(name, payload));
  }

  publishAll(events: readonly DomainEvent[]): void {
    for (const e of events) this.publish(e.name, e.payload);
  }
}

const domainEventLogger = new Logger('DomainEvents');

/**
 * `@OnEvent` for a domain event, checked at compile time against the event's payload type. A handler's failure is
 * logged as every API error is (errorForLog: no value a driver or library quotes), where the event emitter's own
 * suppressErrors logs the raw message and stack; it never reaches the publisher (a commit is never undone by it).
 */
export function OnDomainEvent<K extends DomainEventName>(name: K) {
  const decorator = OnEvent(name, { suppressErrors: true });
  return <M extends (payload: DomainEventPayloads[K]) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const handler = descriptor.value;
    if (handler) {
      const logged = (e: unknown) => domainEventLogger.error(`${name} handler ${String(key)} failed: ${errorForLog(e)}`);
      const wrapped = function (this: unknown, ...args: unknown[]) {
        try {
          const result = (handler as (...a: unknown[]) => unknown).apply(this, args);
          return result instanceof Promise ? result.catch(logged) : result;
        } catch (e) {
          logged(e);
          return undefined;
        }
      };
      // Metadata other decorators put on the method (a second @OnDomainEvent among them) moves with it.
      for (const k of Reflect.getMetadataKeys(handler)) Reflect.defineMetadata(k, Reflect.getMetadata(k, handler), wrapped);
      descriptor.value = wrapped as unknown as M;
    }
    decorator(target, key, descriptor);
  };
}

/**
 * Makes DomainEventBus injectable everywhere. The emitter itself comes from `EventEmitterModule.forRoot()`,
 * registered once by the app.
 */
@Global()
@Module({ providers: [DomainEventBus], exports: [DomainEventBus] })
export class DomainEventsModule {}
