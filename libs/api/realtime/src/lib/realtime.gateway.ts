import { Inject, Logger, UseFilters, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { AuditService, type AuditRecord } from '@lantern/api/audit';
import { isSameOrigin, SessionsService, type AuthUser } from '@lantern/api/auth';
import {
  CASE_CHANGED_TOPIC,
  CaseReadAudit,
  CaseVisibility,
  lastSeq,
  loadCaseAccessFacts,
  loadCaseAccessFactsOf,
  loadSummaries,
  outboxAfter,
} from '@lantern/api/cases';
import {
  APP_CONFIG,
  DomainEventBus,
  DomainEvents,
  errorForLog,
  OnDomainEvent,
  repeatEvery,
  sqlStateOf,
  UUID,
  type AppConfig,
  type AssigneeRiskRaisedEvent,
  type AssigneeVictimChangedEvent,
  type FeedSourceRevokedEvent,
  type ImportProgressEvent,
  type PartnerReferralChangedEvent,
  type SessionEndedEvent,
  type UserSafetyNoticeDismissedEvent,
} from '@lantern/api/core';
import { Database } from '@lantern/api/data-access';
import {
  auditorOnly,
  can,
  maySeeCase,
  PresenceEvents,
  ReferralEventsNames,
  RiskEventsNames,
  VictimEventsNames,
  SocketEvents,
  StaffEvents,
  ImportEventsNames,
  SafetyNoticeEventsNames,
  type ReferralChangedEvent,
  type SafetyNoticeDismissedEvent,
  type PresenceChangedEvent,
  type StaffChangedEvent,
  type PresenceViewer,
  type CaseChangedEvent,
  type CaseRemovedEvent,
  type CaseSummary,
  type ReadyEvent,
  type SyncResponse,
  type Action,
  type RiskGrade,
  type RiskRaisedByPoliceEvent,
  type VictimChangedByPoliceEvent,
} from '@lantern/shared/domain';
import { LogSafeWsExceptionFilter } from './log-safe-ws-filter';
import type { Server, Socket } from 'socket.io';
import type { EntityManager } from 'typeorm';

/** Sockets of users who may read cases. */
export const CASES_ROOM = 'cases';
/**
 * What a socket may receive and send is read from the permission table, as the HTTP guard does: the cases room
 * (case.changed, staff.changed, presence) and `sync` need `case.read`; an agency's room needs `partner-portal.use`.
 */
const CASES_ROOM_ACTION = 'case.read' satisfies Action;
const PARTNER_ROOM_ACTION = 'partner-portal.use' satisfies Action;
export const SYNC_MAX_EVENTS = 500;

/**
 * Server-to-server messages between API instances (socket.io serverSideEmit: through Redis when REDIS_URL is set).
 * They carry ids and versions only, never case data: each instance loads what changed itself and emits to its own
 * sockets only what each socket's user may see (case-access.ts).
 */
export const InstanceEvents = {
  caseChanged: 'lantern:case-changed',
  presence: 'lantern:presence',
  /** A feed key was revoked: every instance's intake forgets it (FeedKeyCache). */
  feedSourceRevoked: 'lantern:feed-source-revoked',
  /** A police revision to tell a case's assignee about (AssigneeNotice): each instance reads the rest itself. */
  assigneeNotice: 'lantern:assignee-notice',
} as const;
/** Which notice, whose, about which case and police revision: the reference and grades are read by each instance. */
interface AssigneeNotice {
  kind: 'risk-raised' | 'victim-changed';
  assigneeId: string;
  caseId: string;
  revision: number;
}
export interface InstanceCaseChanged {
  seq: number;
  caseId: string;
  version: number;
  change: CaseChangedEvent['change'];
  /** Whose action it was (CaseChangedEvent.by), when a member of staff's. */
  by?: string;
}

/** How often sockets' sessions are re-checked (expiry, deactivated users). */
const SESSION_SWEEP_MS = 30_000;
/** Case changes delivered to sockets together (one access read, one audit statement). */
const DELIVERY_BATCH = 500;
/** Push audit entries kept for another try while the audit write fails (a minute of a busy hub's pushes). */
const MAX_UNRECORDED_PUSHES = 20_000;

interface LanternSocketData {
  user?: AuthUser;
  /** Cases this socket has open, and the section it is editing in each (plain data: it crosses instances). */
  viewing?: string[];
  editing?: Record<string, string>;
}

const SECTION = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The case id of a socket message, lower-cased: case ids are stored and compared lower-case (CaseVisibility, the
 * `viewing:` rooms), so an upper-case spelling of a restricted case's id must not slip past the rule.
 */
function caseIdOf(body: unknown): unknown {
  const caseId = (body as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' ? caseId.toLowerCase() : caseId;
}

/** One restriction change of a case, as its audit entry records it (case-restriction.ts writes them). */
interface RestrictionChange {
  restricted: boolean;
  accessList: string[];
}

/**
 * The restriction changes of a case, oldest first; with `asOfSeq`, only those made by the time that outbox row was
 * (both are stamped with their transaction's time, so the comparison is in the database, to the microsecond).
 */
async function restrictionHistory(m: Pick<EntityManager, 'query'>, caseId: string, asOfSeq?: number): Promise<RestrictionChange[]> {
  const rows = (await m.query(
    `SELECT action, details FROM audit_entries
      WHERE entity_type = 'case' AND entity_id = $1 AND action IN ('case.restricted', 'case.unrestricted')
        AND ($2::bigint IS NULL OR at <= (SELECT created_at FROM outbox WHERE seq = $2::bigint))
      ORDER BY id`,
    [caseId, asOfSeq ?? null],
  )) as Array<{ action: string; details: { accessList?: unknown } | null }>;
  return rows.map((r) => ({
    restricted: r.action === 'case.restricted',
    accessList: Array.isArray(r.details?.accessList) ? (r.details.accessList as string[]) : [],
  }));
}

/** Could the user see the case while it stood as `before` (no restriction change yet: unrestricted)? */
function sawUnder(user: AuthUser, before: RestrictionChange | undefined): boolean {
  return !before || !before.restricted || before.accessList.includes(user.id);
}
export const MAX_OPEN_CASES_PER_SOCKET = 20;

/**
 * socket.io on the API's own origin. A connection must present the session cookie on the handshake and come from
 * the workbench's origin (same check as unsafe HTTP requests); otherwise it is refused before it can join any room. case.changed goes only to the cases
 * room, only after commit (CaseChanges publishes the CaseChanged domain event after the transaction).
 *
 * The gateway depends on domain events, not on the services that raise them. An event is raised on the instance
 * that committed the change; emitting to a room goes through the socket.io adapter (Redis when several instances
 * serve one hub), so it reaches the sockets of every instance.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: false })
@UseFilters(LogSafeWsExceptionFilter)
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private stopRelay: (() => void) | null = null;
  private stopSweep: (() => void) | null = null;
  private readonly emittedSeqs: number[] = [];
  /** Set when the app shuts down: sockets then disconnect by the hundred, and nobody needs to hear about it. */
  private closing = false;

  @WebSocketServer() server!: Server;

  constructor(
    private readonly sessions: SessionsService,
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly reads: CaseReadAudit,
    private readonly bus: DomainEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    // Other instances' case changes and presence changes: ids only (see InstanceEvents).
    server.on(InstanceEvents.caseChanged, (msg: InstanceCaseChanged) => {
      if (!this.closing) this.enqueueDelivery(msg);
    });
    server.on(InstanceEvents.feedSourceRevoked, (msg: { feedSourceId?: unknown }) => {
      if (typeof msg?.feedSourceId === 'string') {
        this.bus.publish(DomainEvents.FeedSourceRevoked, { feedSourceId: msg.feedSourceId, fromOtherInstance: true });
      }
    });
    server.on(InstanceEvents.presence, (msg: { caseId: string }) => {
      if (!this.closing) void this.announceLocal(msg.caseId).catch(() => undefined);
    });
    server.on(InstanceEvents.assigneeNotice, (msg: AssigneeNotice) => {
      if (this.closing) return;
      void this.noticeFromOtherInstance(msg).catch((e: unknown) => this.logger.warn(`assignee notice failed: ${errorForLog(e)}`));
    });
    server.use((socket, next) => {
      // Cross-site WebSocket hijacking: a page elsewhere could open a socket with the user's cookie and read the
      // stream, so a browser's handshake must come from the workbench's origin.
      if (!isSameOrigin(socket.handshake.headers, this.config.publicOrigins)) return next(new Error('cross-origin'));
      // A handshake (often a reconnect nobody asked for) is not use: it does not hold off the idle timeout.
      this.sessions.resolve(this.sessions.tokenFrom(socket.handshake.headers.cookie), { background: true }).then(
        (user) => {
          if (!user) return next(new Error('unauthenticated'));
          (socket.data as LanternSocketData).user = user;
          next();
        },
        () => next(new Error('unavailable')),
      );
    });
    this.stopRelay = repeatEvery(1000, 'outbox relay', this.logger, () => this.relay());
    this.stopSweep = repeatEvery(SESSION_SWEEP_MS, 'session sweep', this.logger, () => this.sweepSessions());
  }

  // Once the app is shutting down nothing more is emitted (the adapter's connections are closing); a case change
  // committed meanwhile stays unpublished in the outbox and is relayed by an instance still running.
  @OnDomainEvent(DomainEvents.CaseChanged)
  onCaseChanged(event: CaseChangedEvent): void {
    if (!this.closing)
      this.publish(
        { seq: event.seq, caseId: event.caseId, version: event.version, change: event.change, ...(event.by ? { by: event.by } : {}) },
        event.case,
      );
  }

  /** A feed key revoked here is forgotten by the other instances' intake too (the id only crosses). */
  @OnDomainEvent(DomainEvents.FeedSourceRevoked)
  onFeedSourceRevoked({ feedSourceId, fromOtherInstance }: FeedSourceRevokedEvent): void {
    if (!fromOtherInstance && !this.closing) this.toOtherInstances(InstanceEvents.feedSourceRevoked, { feedSourceId });
  }

  /** Sign-out closes that session's sockets, on whichever instance they are connected. */
  @OnDomainEvent(DomainEvents.SessionEnded)
  onSessionEnded({ sessionId }: SessionEndedEvent): void {
    if (this.closing) return;
    this.server.in(`session:${sessionId}`).disconnectSockets(true);
  }

  /** The agency's sockets are told which referral changed; they fetch it again (no case data rides along). */
  @OnDomainEvent(DomainEvents.PartnerReferralChanged)
  onPartnerReferralChanged({ partnerId, referralId, status }: PartnerReferralChangedEvent): void {
    if (this.closing) return;
    const event: ReferralChangedEvent = { referralId, status };
    this.server.to(`partner:${partnerId}`).emit(ReferralEventsNames.changed, event);
  }

  /**
   * The assignee's own sockets hear that a police revision raised their case's grade (the case row follows), each
   * only while its user may see the case: as every case event, never for a case restricted away from them.
   */
  @OnDomainEvent(DomainEvents.RiskRaisedByPolice)
  onRiskRaisedByPolice({ assigneeId, ...event }: AssigneeRiskRaisedEvent): void {
    if (this.closing) return;
    this.toOtherInstances(InstanceEvents.assigneeNotice, {
      kind: 'risk-raised',
      assigneeId,
      caseId: event.caseId,
      revision: event.revision,
    } satisfies AssigneeNotice);
    void this.tellAssignee(assigneeId, RiskEventsNames.raisedByPolice, event).catch((e: unknown) =>
      this.logger.warn(`risk-raised push failed: ${errorForLog(e)}`),
    );
  }

  /** And that a police revision named another victim on their case (what the hub recorded for the earlier one ended). */
  @OnDomainEvent(DomainEvents.VictimChangedByPolice)
  onVictimChangedByPolice({ assigneeId, ...event }: AssigneeVictimChangedEvent): void {
    if (this.closing) return;
    this.toOtherInstances(InstanceEvents.assigneeNotice, {
      kind: 'victim-changed',
      assigneeId,
      caseId: event.caseId,
      revision: event.revision,
    } satisfies AssigneeNotice);
    void this.tellAssignee(assigneeId, VictimEventsNames.changedByPolice, event).catch((e: unknown) =>
      this.logger.warn(`victim-changed push failed: ${errorForLog(e)}`),
    );
  }

  /**
   * Another instance's notice (ids only): the case's reference, and for a raised grade the grades its trail entry
   * recorded for that revision, read here, then told to this instance's sockets of the assignee.
   */
  private async noticeFromOtherInstance(msg: AssigneeNotice): Promise<void> {
    if (typeof msg?.caseId !== 'string' || !UUID.test(msg.caseId) || typeof msg.assigneeId !== 'string' || !Number.isInteger(msg.revision))
      return;
    if (!(await this.server.local.in(`user:${msg.assigneeId}`).fetchSockets()).length) return;
    const [row] = (await this.db.manager.query(
      `SELECT c.reference, e.details->>'from' AS "from", e.details->>'to' AS "to"
         FROM cases c
         LEFT JOIN LATERAL (SELECT details FROM audit_entries
                             WHERE entity_type = 'case' AND entity_id = c.id::text AND action = 'case.risk-raised-by-police'
                               AND details->>'revision' = $2
                             ORDER BY id DESC LIMIT 1) e ON $3
        WHERE c.id = $1`,
      [msg.caseId, String(msg.revision), msg.kind === 'risk-raised'],
    )) as Array<{ reference: string; from: RiskGrade | null; to: RiskGrade | null }>;
    if (!row) return;
    if (msg.kind === 'victim-changed') {
      await this.tellAssignee(msg.assigneeId, VictimEventsNames.changedByPolice, {
        caseId: msg.caseId,
        reference: row.reference,
        revision: msg.revision,
      } satisfies VictimChangedByPoliceEvent);
    } else if (row.to) {
      await this.tellAssignee(msg.assigneeId, RiskEventsNames.raisedByPolice, {
        caseId: msg.caseId,
        reference: row.reference,
        from: row.from,
        to: row.to,
        revision: msg.revision,
      } satisfies RiskRaisedByPoliceEvent);
    }
  }

  /**
   * Tells the assignee's sockets on this instance (other instances are told by id, InstanceEvents.assigneeNotice, and
   * read the rest themselves: no reference or grade crosses Redis), each only while its user may see the case.
   */
  private async tellAssignee(
    assigneeId: string,
    name: (typeof RiskEventsNames)['raisedByPolice'] | (typeof VictimEventsNames)['changedByPolice'],
    event: RiskRaisedByPoliceEvent | VictimChangedByPoliceEvent,
  ): Promise<void> {
    const facts = await loadCaseAccessFacts(this.db.manager, event.caseId);
    if (!facts || (await this.auditBacklogFull())) return;
    const now = new Date();
    let told = false;
    for (const s of await this.server.local.in(`user:${assigneeId}`).fetchSockets()) {
      const user = (s.data as LanternSocketData).user;
      if (user && maySeeCase(user, facts, now)) {
        s.emit(name, event);
        told = true;
      }
    }
    // It names the case and its reference: recorded like every push (an auditor's seenBy finds it).
    if (told)
      await this.recordPushes([
        {
          actor: { type: 'system' },
          action: 'case.pushed',
          entityType: 'case',
          entityId: event.caseId,
          details: { event: name, recipients: [assigneeId], removedFrom: [] },
        },
      ]);
  }

  /** A safety notice the user dismissed, to their own sockets (a bar in another tab goes too); nothing of the case but its id. */
  @OnDomainEvent(DomainEvents.SafetyNoticeDismissed)
  onSafetyNoticeDismissed({ userId, ...event }: UserSafetyNoticeDismissedEvent): void {
    if (this.closing) return;
    this.server.to(`user:${userId}`).emit(SafetyNoticeEventsNames.dismissed, event satisfies SafetyNoticeDismissedEvent);
  }

  /** A CSV import's progress, to the importing user's own sockets (the GET /imports/:id shape). */
  @OnDomainEvent(DomainEvents.ImportProgress)
  onImportProgress({ userId, summary }: ImportProgressEvent): void {
    if (this.closing) return;
    this.server.to(`user:${userId}`).emit(ImportEventsNames.progress, summary);
  }

  @OnDomainEvent(DomainEvents.StaffChanged)
  onStaffChanged(event: StaffChangedEvent): void {
    if (this.closing) return;
    this.server.to(CASES_ROOM).emit(StaffEvents.changed, event);
  }

  /**
   * A socket is authenticated once, at connection; its session can later expire, go idle (socket traffic does
   * not count as use: only HTTP requests do) or its user be deactivated.
   * Every SESSION_SWEEP_MS this instance checks the sessions of its own sockets and disconnects those no longer
   * valid (sign-out disconnects at once through the SessionEnded event). Returns how many sockets it closed.
   */
  async sweepSessions(): Promise<number> {
    const sockets = await this.server.local.fetchSockets();
    const ids = [...new Set(sockets.map((s) => (s.data as LanternSocketData).user?.sessionId).filter((id): id is string => !!id))];
    const live = await this.sessions.live(ids);
    let closed = 0;
    for (const s of sockets) {
      const sessionId = (s.data as LanternSocketData).user?.sessionId;
      if (!sessionId || !live.has(sessionId)) {
        s.disconnect(true);
        closed++;
      }
    }
    return closed;
  }

  async handleConnection(socket: Socket): Promise<void> {
    const user = (socket.data as LanternSocketData).user;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    // Nest does not catch what this returns: a database that fails here (a failover while sockets reconnect) would
    // be an unhandled rejection, which ends the process. The socket is closed instead; the client reconnects.
    try {
      await socket.join(`session:${user.sessionId}`);
      await socket.join(`user:${user.id}`);
      if (can(user.roles, CASES_ROOM_ACTION)) await socket.join(CASES_ROOM);
      if (can(user.roles, PARTNER_ROOM_ACTION) && user.partnerId) await socket.join(`partner:${user.partnerId}`);
      const ready: ReadyEvent = { lastSeq: await lastSeq(this.db.manager) };
      socket.emit(SocketEvents.ready, ready);
    } catch (e) {
      this.logger.warn(`socket not made ready (${(e as Error).constructor.name}${sqlStateOf(e) ? ` ${sqlStateOf(e)}` : ''}): closed`);
      socket.disconnect(true);
    }
  }

  /**
   * Presence. Viewers are read from the sockets in the case's room, across every instance (the Redis adapter
   * answers fetchSockets for the whole cluster), so no instance keeps its own copy that could go stale.
   */
  private async viewers(caseId: string): Promise<PresenceViewer[]> {
    const sockets = await this.server.in(`viewing:${caseId}`).fetchSockets();
    const byUser = new Map<string, PresenceViewer>();
    for (const s of sockets) {
      const data = s.data as LanternSocketData;
      // An auditor's looking is not shown to the staff on the case (auditorOnly: an investigation must not show).
      if (!data.user || auditorOnly(data.user.roles)) continue;
      const prev = byUser.get(data.user.id);
      const editing = data.editing?.[caseId] ?? null;
      byUser.set(data.user.id, { userId: data.user.id, displayName: data.user.displayName, editing: prev?.editing ?? editing });
    }
    return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /**
   * Tells every instance that a case's viewers changed (the case id only crosses instances); each instance sends
   * presence.changed to those of its own sockets whose user may see the case.
   */
  private async announce(caseId: string): Promise<PresenceViewer[]> {
    this.toOtherInstances(InstanceEvents.presence, { caseId });
    return this.announceLocal(caseId);
  }

  /** Only the Redis adapter has other instances to tell (the in-memory adapter refuses serverSideEmit). */
  private toOtherInstances(event: string, msg: object): void {
    if (this.config.redisUrl) this.server.serverSideEmit(event, msg);
  }

  private async announceLocal(caseId: string): Promise<PresenceViewer[]> {
    const viewers = await this.viewers(caseId);
    const facts = await loadCaseAccessFacts(this.db.manager, caseId);
    const event: PresenceChangedEvent = { caseId, viewers };
    const sockets = await this.server.local.in(CASES_ROOM).fetchSockets();
    const now = new Date();
    for (const s of sockets) {
      const user = (s.data as LanternSocketData).user;
      if (user && facts && maySeeCase(user, facts, now)) s.emit(PresenceEvents.changed, event);
    }
    return viewers;
  }

  /** A refused socket event is part of the trail (who tried what), ids and codes only. */
  private async refused(user: AuthUser | undefined, event: string, reason: string, caseId?: string): Promise<void> {
    await this.db
      .transaction((m) =>
        this.audit.record(m, {
          actor: user ? { type: 'user', id: user.id } : { type: 'system' },
          action: 'socket.refused',
          entityType: caseId ? 'case' : undefined,
          entityId: caseId,
          details: { event, reason },
        }),
      )
      .catch((e: unknown) => this.logger.warn(`could not audit a refused socket event: ${errorForLog(e)}`));
  }

  @SubscribeMessage(PresenceEvents.open)
  async presenceOpen(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<PresenceChangedEvent | { error: string }> {
    const data = socket.data as LanternSocketData;
    const caseId = caseIdOf(body);
    if (!data.user || !can(data.user.roles, CASES_ROOM_ACTION)) {
      await this.refused(data.user, PresenceEvents.open, 'forbidden');
      return { error: 'forbidden' };
    }
    if (typeof caseId !== 'string' || !UUID.test(caseId)) return { error: 'invalid' };
    // A case one may not see does not exist, here as over HTTP.
    const facts = await loadCaseAccessFacts(this.db.manager, caseId);
    if (!facts || !maySeeCase(data.user, facts, new Date())) {
      if (facts) await this.refused(data.user, PresenceEvents.open, 'restricted', caseId);
      return { error: 'not-found' };
    }
    data.viewing = [...new Set([...(data.viewing ?? []), caseId])].slice(-MAX_OPEN_CASES_PER_SOCKET);
    await socket.join(`viewing:${caseId}`);
    return { caseId, viewers: await this.announceUnlessAuditor(data.user, caseId) };
  }

  /**
   * announce, except for an auditor's own comings and goings: they are not among the viewers (auditorOnly), and a
   * presence.changed at the moment an auditor opens the case would tell its staff when it was looked at.
   */
  private async announceUnlessAuditor(user: AuthUser | undefined, caseId: string): Promise<PresenceViewer[]> {
    return user && auditorOnly(user.roles) ? this.viewers(caseId) : this.announce(caseId);
  }

  @SubscribeMessage(PresenceEvents.list)
  async presenceList(@ConnectedSocket() socket: Socket): Promise<PresenceChangedEvent[] | { error: string }> {
    const data = socket.data as LanternSocketData;
    if (!data.user || !can(data.user.roles, CASES_ROOM_ACTION)) {
      await this.refused(data.user, PresenceEvents.list, 'forbidden');
      return { error: 'forbidden' };
    }
    const user = data.user;
    const sockets = await this.server.in(CASES_ROOM).fetchSockets();
    const viewed = [...new Set(sockets.flatMap((s) => (s.data as LanternSocketData).viewing ?? []).map((id) => id.toLowerCase()))];
    const visibility = await CaseVisibility.forCases(this.db.manager, viewed);
    const caseIds = viewed.filter((id) => visibility.maySee(user, id));
    // A case only an auditor has open has no viewers to show: left out, as a case nobody has open is.
    const all = await Promise.all(caseIds.map(async (caseId) => ({ caseId, viewers: await this.viewers(caseId) })));
    return all.filter((e) => e.viewers.length);
  }

  @SubscribeMessage(PresenceEvents.leave)
  async presenceLeave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<void> {
    const data = socket.data as LanternSocketData;
    const caseId = caseIdOf(body);
    if (typeof caseId !== 'string' || !data.viewing?.includes(caseId)) return;
    data.viewing = data.viewing.filter((id) => id !== caseId);
    if (data.editing) delete data.editing[caseId];
    await socket.leave(`viewing:${caseId}`);
    await this.announceUnlessAuditor(data.user, caseId);
  }

  @SubscribeMessage(PresenceEvents.editing)
  async presenceEditing(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<PresenceChangedEvent | { error: string }> {
    const data = socket.data as LanternSocketData;
    const caseId = caseIdOf(body);
    const { section } = (body ?? {}) as { section?: unknown };
    if (typeof caseId !== 'string' || !data.viewing?.includes(caseId)) return { error: 'open the case first' };
    if (section !== null && (typeof section !== 'string' || !SECTION.test(section))) return { error: 'invalid' };
    // Seen when opened is not seen now: restricted since, or a break-the-glass grant ran out. The case is gone for
    // this socket (as over HTTP): it leaves the case's viewers and learns nothing of them.
    const facts = await loadCaseAccessFacts(this.db.manager, caseId);
    if (!data.user || !facts || !maySeeCase(data.user, facts, new Date())) {
      data.viewing = data.viewing.filter((id) => id !== caseId);
      if (data.editing) delete data.editing[caseId];
      await socket.leave(`viewing:${caseId}`);
      await this.announce(caseId);
      if (facts) await this.refused(data.user, PresenceEvents.editing, 'restricted', caseId);
      return { error: 'not-found' };
    }
    data.editing = { ...(data.editing ?? {}) };
    if (section) data.editing[caseId] = section;
    else delete data.editing[caseId];
    return { caseId, viewers: await this.announceUnlessAuditor(data.user, caseId) };
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    if (this.closing) return;
    const data = socket.data as LanternSocketData;
    for (const caseId of data.viewing ?? []) await this.announceUnlessAuditor(data.user, caseId).catch(() => undefined);
  }

  /** Catch-up after a reconnect: the events after `afterSeq` (current state of each case), or reset. */
  @SubscribeMessage(SocketEvents.sync)
  async sync(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SyncResponse> {
    const user = (socket.data as LanternSocketData).user;
    const afterSeq = Number((body as { afterSeq?: unknown } | null)?.afterSeq);
    const head = await lastSeq(this.db.manager);
    if (!user || !can(user.roles, CASES_ROOM_ACTION)) {
      await this.refused(user, SocketEvents.sync, 'forbidden');
      return { events: [], reset: false, lastSeq: head };
    }
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0 || afterSeq > head) return { events: [], reset: true, lastSeq: head };
    const rows = await outboxAfter(this.db.manager, afterSeq, SYNC_MAX_EVENTS + 1);
    if (rows.length > SYNC_MAX_EVENTS) return { events: [], reset: true, lastSeq: head };
    const latestSeq = new Map<string, number>();
    for (const r of rows) latestSeq.set(r.caseId, r.seq);
    // Catch-up follows the same rule as live events: only cases this user may see now.
    const visibility = await CaseVisibility.forCases(this.db.manager, latestSeq.keys());
    // A case hidden from the user since `afterSeq` that they held then must leave their client: reset (the client
    // reloads its snapshot, which no longer has it). Reset names no case, and is answered only for a case the user
    // could see at `afterSeq`, so a restricted case they never saw still leaves no trace.
    if (await this.lostSight(user, afterSeq, rows, visibility)) return { events: [], reset: true, lastSeq: head };
    const summaries = visibility.filter(user, await loadSummaries(this.db.manager, [...latestSeq.keys()], this.config.triage), (c) => c.id);
    const events: CaseChangedEvent[] = summaries
      .map((c) => ({ seq: latestSeq.get(c.id) as number, caseId: c.id, version: c.version, change: 'updated' as const, case: c }))
      .sort((a, b) => a.seq - b.seq);
    if (events.length) {
      await this.db.transaction((m) =>
        this.reads.recordList(
          m,
          user.id,
          'case.sync',
          events.map((e) => e.caseId),
          { afterSeq },
        ),
      );
    }
    return { events, reset: false, lastSeq: Math.max(head, ...events.map((e) => e.seq)) };
  }

  /**
   * Did the user lose sight, after `afterSeq`, of a case they could see then? Only cases of the range hidden from
   * them now count; one created in the range they never held. Whether they could see it at `afterSeq` is read from
   * the restriction changes before that row's time (or a break-glass grant they held on it).
   */
  private async lostSight(
    user: AuthUser,
    afterSeq: number,
    rows: ReadonlyArray<{ seq: number; caseId: string; change: string }>,
    visibility: CaseVisibility,
  ): Promise<boolean> {
    const created = new Set(rows.filter((r) => r.change === 'created').map((r) => r.caseId));
    const hidden = [...new Set(rows.map((r) => r.caseId))].filter((id) => !created.has(id) && !visibility.maySee(user, id));
    if (!hidden.length) return false;
    const [from] = (await this.db.query('SELECT 1 FROM outbox WHERE seq = $1 AND topic = $2', [afterSeq, CASE_CHANGED_TOPIC])) as unknown[];
    if (!from) return false; // nothing held before the first row
    for (const caseId of hidden) {
      const before = (await restrictionHistory(this.db.manager, caseId, afterSeq)).at(-1);
      if (sawUnder(user, before)) return true;
      // A break-glass grant still running at `afterSeq`: the user held the case then.
      const grants = await this.db.query(
        'SELECT 1 FROM break_glass_grants WHERE case_id = $1 AND user_id = $2 AND expires_at > (SELECT created_at FROM outbox WHERE seq = $3) LIMIT 1',
        [caseId, user.id, afterSeq],
      );
      if (grants.length) return true;
    }
    return false;
  }

  /**
   * A committed case change: the other instances hear its ids (through Redis when several serve one hub), and this
   * instance delivers it to its own sockets. `summary` is the committing instance's copy (it never leaves it).
   */
  private publish(msg: InstanceCaseChanged, summary?: CaseSummary): void {
    this.toOtherInstances(InstanceEvents.caseChanged, msg);
    this.emittedSeqs.push(msg.seq);
    this.enqueueDelivery(msg, summary);
  }

  /**
   * Cases whose SLA came near breach as time passed (SlaClock): `case.changed` with change 'clock' to
   * every instance's sockets that may see them, so a browser holding only the first pages of the queue hears of a
   * case that has risen into them. Delivered like a change (access checked per socket, audited as pushed); nothing in
   * the outbox.
   */
  publishClock(cases: ReadonlyArray<{ caseId: string; version: number }>): void {
    for (const c of cases) {
      const msg: InstanceCaseChanged = { seq: 0, caseId: c.caseId, version: c.version, change: 'clock' };
      this.toOtherInstances(InstanceEvents.caseChanged, msg);
      this.enqueueDelivery(msg);
    }
  }

  /** Case changes waiting for this instance's sockets, in the order they were committed (seq order per source). */
  private readonly toDeliver: Array<{ msg: InstanceCaseChanged; summary?: CaseSummary }> = [];
  private delivering = false;

  /**
   * Queues a change for this instance's sockets. Changes that arrive together (a CSV import commits hundreds in one
   * transaction) go out together: one read of their access facts, one read of the sockets, one audit statement,
   * instead of a query and a transaction each. Delivery stays in arrival order.
   */
  private enqueueDelivery(msg: InstanceCaseChanged, summary?: CaseSummary): void {
    this.toDeliver.push({ msg, summary });
    this.startDelivering();
  }

  private startDelivering(): void {
    if (this.closing) this.toDeliver.length = 0;
    if (this.delivering || !this.toDeliver.length) return;
    this.delivering = true;
    // After the current turn, so the changes one commit announces together are delivered together.
    setImmediate(() => {
      void this.drainDeliveries().finally(() => {
        this.delivering = false;
        this.startDelivering();
      });
    });
  }

  private async drainDeliveries(): Promise<void> {
    while (this.toDeliver.length && !this.closing) {
      const batch = this.toDeliver.splice(0, DELIVERY_BATCH);
      await this.deliver(batch).catch((e: unknown) => this.logger.warn(`case push failed: ${errorForLog(e)}`));
    }
  }

  /**
   * Sends case.changed to this instance's sockets whose user may see the case (case-access.ts), and case.removed to
   * the others when the case has just become restricted (so it leaves their queue). One `case.pushed` audit entry
   * per change and instance names the recipients (recordPushes).
   */
  async deliver(changes: ReadonlyArray<{ msg: InstanceCaseChanged; summary?: CaseSummary }>): Promise<void> {
    if (!changes.length) return;
    // Nobody connected here (the hub is staffed 8am–8pm; reports arrive all night): nothing to read or send.
    const sockets = await this.server.local.in(CASES_ROOM).fetchSockets();
    if (!sockets.length) return;
    // Fails closed: with a full backlog of pushes not yet recorded (the audit write has been failing), no case data
    // goes to screens until they are written. No push entry is ever dropped (an audit review, session 41: the oldest
    // used to go, logged); the screens catch up on the next page load or reconnect, both audited reads. A case.removed
    // still goes (it carries the id of a case the user knew, and takes it off a screen that may no longer show it).
    const holdBack = await this.auditBacklogFull();
    const now = new Date();
    const ids = [...new Set(changes.map((c) => c.msg.caseId))];
    const missing = [...new Set(changes.filter((c) => !c.summary).map((c) => c.msg.caseId))];
    const [factsOf, loaded] = await Promise.all([
      loadCaseAccessFactsOf(this.db.manager, ids, now),
      missing.length ? loadSummaries(this.db.manager, missing, this.config.triage, now) : Promise.resolve([]),
    ]);
    const summaryOf = new Map(loaded.map((c) => [c.id, c]));
    const audits: AuditRecord[] = [];
    for (const { msg, summary } of changes) {
      const facts = factsOf.get(msg.caseId);
      const c = summary ?? summaryOf.get(msg.caseId);
      if (!facts || !c) continue;
      const event: CaseChangedEvent = { ...msg, case: c };
      const removed: CaseRemovedEvent = { caseId: msg.caseId };
      // Only the change that restricted the case (or changed its list) tells those off the list that it went, so
      // later changes of a restricted case reveal nothing to them; and only those who could see it just before that
      // change (everyone if it was unrestricted, else those on the previous list): restricted on arrival, nobody off
      // the list ever saw it, and a list edit removes it only from those dropped from the list.
      let couldSeeBefore: ((user: AuthUser) => boolean) | null = null;
      if (msg.change !== 'clock' && facts.restricted && msg.version === facts.restrictedVersion && !facts.restrictedOnArrival) {
        const history = await restrictionHistory(this.db.manager, msg.caseId);
        const before = history.at(-2);
        couldSeeBefore = (user) => sawUnder(user, before);
      }
      const recipients = new Set<string>();
      const removedFrom = new Set<string>();
      for (const s of sockets) {
        const user = (s.data as LanternSocketData).user;
        if (!user) continue;
        if (maySeeCase(user, facts, now)) {
          if (holdBack) continue;
          s.emit(SocketEvents.caseChanged, event);
          recipients.add(user.id);
        } else if (couldSeeBefore?.(user)) {
          s.emit(SocketEvents.caseRemoved, removed);
          removedFrom.add(user.id);
        }
      }
      if (recipients.size || removedFrom.size) {
        audits.push({
          actor: { type: 'system' },
          action: 'case.pushed',
          entityType: 'case',
          entityId: msg.caseId,
          details: { seq: msg.seq, version: msg.version, recipients: [...recipients], removedFrom: [...removedFrom] },
        });
      }
    }
    await this.recordPushes(audits);
  }

  /** Push entries not written yet (a failed write): written with the next ones, by the next delivery or relay tick. */
  private readonly pushesToRecord: AuditRecord[] = [];
  /** Entries taken out of the backlog by a write still running (a failing one puts them back): counted in the cap. */
  private pushesBeingRecorded = 0;

  /**
   * Whether live case data must wait (deliver, tellAssignee): the backlog, with the entries a write is taking, is at
   * `maxUnrecordedPushes` and writing it now fails too. Logged when it holds a push back.
   */
  private async auditBacklogFull(): Promise<boolean> {
    if (this.pushesToRecord.length + this.pushesBeingRecorded < this.maxUnrecordedPushes) return false;
    try {
      await this.recordPushes([]);
      return this.pushesToRecord.length + this.pushesBeingRecorded >= this.maxUnrecordedPushes;
    } catch {
      this.logger.error(`live pushes held back: ${this.pushesToRecord.length} push entries not recorded (audit write failing)`);
      return true;
    }
  }
  /** How many unrecorded push entries stop live delivery (deliver); a field so a test can make it small. */
  maxUnrecordedPushes = MAX_UNRECORDED_PUSHES;

  /**
   * Writes the `case.pushed` entries of what was just sent, with any a failed write left behind. Written after the
   * emit, not before: committing first put a transaction (~1 ms at p50, more at p99: `npm run bench`, session 37) on
   * every live event's path, and issue 16 holds 201 → case.changed to its figures. A write that fails keeps all its
   * entries for the next try (the outbox relay's one-second tick tries too; shutdown tries once more), and once
   * `maxUnrecordedPushes` wait, delivery stops until they are written (deliver): a passing database failure loses no
   * entry and a lasting one shows no more on screens unrecorded; only a crash in between can lose the last few.
   */
  private async recordPushes(audits: readonly AuditRecord[]): Promise<void> {
    this.pushesToRecord.push(...audits);
    if (!this.pushesToRecord.length) return;
    const batch = this.pushesToRecord.splice(0, this.pushesToRecord.length);
    this.pushesBeingRecorded += batch.length;
    try {
      await this.db.transaction((m) => this.audit.record(m, ...batch));
    } catch (err) {
      this.pushesToRecord.unshift(...batch);
      throw err;
    } finally {
      this.pushesBeingRecorded -= batch.length;
    }
  }

  /**
   * Marks what was emitted as published, and publishes rows a crashed or failed emitter left behind.
   * Clients apply an event only when its version is newer, so a rare second delivery is harmless. A failure is
   * logged by its timer (repeatEvery: "outbox relay failed: …"), and the next second tries again.
   */
  private async relay(): Promise<void> {
    if (this.pushesToRecord.length) await this.recordPushes([]);
    const done = this.emittedSeqs.splice(0, this.emittedSeqs.length);
    if (done.length) {
      await this.db.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [done]);
    }
    const stale = await this.db.query<{ seq: string; aggregate_id: string }>(
      `SELECT seq, aggregate_id FROM outbox WHERE topic = $2 AND published_at IS NULL
          AND created_at < now() - ($1::int * interval '1 millisecond') ORDER BY seq LIMIT 200`,
      [this.config.outboxRelayAfterMs, CASE_CHANGED_TOPIC],
    );
    if (!stale.length) return;
    const summaries = new Map(
      (
        await loadSummaries(
          this.db.manager,
          stale.map((s) => s.aggregate_id),
          this.config.triage,
        )
      ).map((c) => [c.id, c]),
    );
    for (const row of stale) {
      const c = summaries.get(row.aggregate_id);
      if (c) this.publish({ seq: Number(row.seq), caseId: c.id, version: c.version, change: 'updated' }, c);
      else this.emittedSeqs.push(Number(row.seq));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    this.stopRelay?.();
    this.stopSweep?.();
    // What was shown but not yet recorded, written before the database closes (Database closes at application
    // shutdown, after every module's destroy hook).
    if (this.pushesToRecord.length)
      await this.recordPushes([]).catch((e: unknown) =>
        this.logger.error(`${this.pushesToRecord.length} push entries not recorded at shutdown: ${errorForLog(e)}`),
      );
  }
}
