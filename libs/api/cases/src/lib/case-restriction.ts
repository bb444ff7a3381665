import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Injectable, Post, SetMetadata } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditService } from '@lantern/api/audit';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { APP_CONFIG, IdParam, Problems, UUID, ValidBody, type AppConfig } from '@lantern/api/core';
import { BreakGlassGrantEntity, CaseEntity, Database } from '@lantern/api/data-access';
import { lockCase } from './case-lock';
import {
  BREAK_GLASS_REQUEST,
  CASE_RESTRICTION_REQUEST,
  can,
  maySeeCase,
  onAccessList,
  type BreakGlassRequest,
  type BreakGlassResponse,
  type CaseRestrictionRequest,
  type CaseRestrictionResponse,
  type CaseSummary,
  type Role,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';
import { CaseAccess, loadCaseAccessFacts, noSuchCase, notOnAccessList } from './case-access';
import { CaseChanges, type CaseUnitOfWork } from './case-changes';

/**
 * A case route that deliberately has no @CaseAccess, with the reason (break the glass is for a case one may NOT see).
 * The access matrix reads it: every `cases/:id` route has either @CaseAccess or this.
 */
export const CASE_ACCESS_EXEMPT = 'lantern:case-access-exempt';
export const CaseAccessExempt = (reason: string) => SetMetadata(CASE_ACCESS_EXEMPT, reason);

/** The active users who may be on an access list: hub users, i.e. whose roles grant case.read. */
async function activeHubUsers(m: Pick<EntityManager, 'query'>, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (await m.query('SELECT id, roles FROM users WHERE id = ANY($1::uuid[]) AND active', [[...ids]])) as Array<{
    id: string;
    roles: string[];
  }>;
  return new Set(rows.filter((r) => can(r.roles as Role[], 'case.read')).map((r) => r.id));
}

/** The active team leads (the access list of a case restricted on arrival). */
export async function activeTeamLeads(m: Pick<EntityManager, 'query'>): Promise<string[]> {
  const rows = (await m.query(`SELECT id, roles FROM users WHERE active ORDER BY id`)) as Array<{ id: string; roles: string[] }>;
  return rows.filter((r) => can(r.roles as Role[], 'case.restrict')).map((r) => r.id);
}

/**
 * A restriction protects the people in a case, not one incident: a case whose victim or suspect (the same person row)
 * is on another restricted case is restricted too (source `person-restricted`). Its list is who every one of those
 * cases trusts (their intersection: a user one of them left out, perhaps because they know the suspect, is left out
 * here too), less anyone no longer an active hub user; the active team leads when nobody is left (so the case is still
 * triaged); plus its assignee when it has one (a restricted case never has an assignee who cannot see it). A case a
 * team lead has lifted a restriction from is not restricted again by this rule (the lead's decision stands). Before
 * (an access review, session 40), her next incident under a new reference reached every caseworker. For the given
 * cases not restricted: the list of each that must be, and the restricted cases it follows (ids, for the audit trail).
 */
export async function restrictionFromPeople(
  m: Pick<EntityManager, 'query'>,
  caseIds: readonly string[],
): Promise<Map<string, { accessList: string[]; from: string[] }>> {
  const out = new Map<string, { accessList: string[]; from: string[] }>();
  if (!caseIds.length) return out;
  const rows = (await m.query(
    `SELECT c.id, c.assignee_id, o.id AS from_id, o.access_list
       FROM cases c
       JOIN cases o ON o.restricted AND o.id <> c.id AND (o.victim_id = c.victim_id OR o.suspect_id = c.suspect_id)
      WHERE c.id = ANY($1::uuid[]) AND NOT c.restricted
        AND NOT EXISTS (SELECT 1 FROM audit_entries e
                         WHERE e.entity_type = 'case' AND e.entity_id = c.id::text AND e.action = 'case.unrestricted')`,
    [[...caseIds]],
  )) as Array<{ id: string; assignee_id: string | null; from_id: string; access_list: string[] | null }>;
  if (!rows.length) return out;
  const byCase = new Map<string, { assignee: string | null; from: string[]; lists: string[][] }>();
  for (const r of rows) {
    const e = byCase.get(r.id) ?? { assignee: r.assignee_id, from: [], lists: [] };
    e.from.push(r.from_id);
    e.lists.push(r.access_list ?? []);
    byCase.set(r.id, e);
  }
  const active = await activeHubUsers(m, [...new Set(rows.flatMap((r) => r.access_list ?? []))]);
  let leads: string[] | null = null;
  for (const [id, e] of byCase) {
    const shared = e.lists.reduce((acc, list) => acc.filter((u) => list.includes(u))).filter((u) => active.has(u));
    const list = new Set(shared.length ? shared : (leads ??= await activeTeamLeads(m)));
    if (e.assignee) list.add(e.assignee);
    out.set(id, { accessList: [...list].sort(), from: [...new Set(e.from)].sort() });
  }
  return out;
}

/** The other cases of a case's victim or suspect (the same person rows), open or closed, restricted or not. */
async function casesOfPeople(
  m: Pick<EntityManager, 'query'>,
  caseId: string,
): Promise<
  Array<{
    id: string;
    reference: string;
    restricted: boolean;
    accessList: string[];
    assigneeId: string | null;
    reason: string | null;
    source: RestrictionSource | null;
  }>
> {
  if (!UUID.test(caseId)) return [];
  const rows = (await m.query(
    `SELECT o.id, o.reference, o.restricted, o.access_list, o.assignee_id, o.restriction_reason, o.restriction_source FROM cases c
       JOIN cases o ON o.id <> c.id AND (o.victim_id = c.victim_id OR o.suspect_id = c.suspect_id)
      WHERE c.id = $1 ORDER BY o.id`,
    [caseId],
  )) as Array<{
    id: string;
    reference: string;
    restricted: boolean;
    access_list: string[] | null;
    assignee_id: string | null;
    restriction_reason: string | null;
    restriction_source: RestrictionSource | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    restricted: r.restricted,
    accessList: r.access_list ?? [],
    assigneeId: r.assignee_id,
    reason: r.restriction_reason,
    source: r.restriction_source,
  }));
}

type RestrictionSource = 'team-lead' | 'police-staff-rule' | 'person-restricted';

/**
 * The other cases of a case's victim or suspect, locked in id order (as linking two cases locks them) and read again
 * under the locks, for a restriction to reach them (restrictCasesOfPeople). The caller holds the people's rows, so two
 * restrictions of the same people wait for each other there; a revision of one of those cases locks its case row
 * before the person rows, and may deadlock with this (one transaction is then retried: Database.transaction).
 */
export async function lockCasesOfPeople(
  m: Pick<EntityManager, 'query'>,
  caseId: string,
  opts: { withTheCase?: boolean } = {},
): Promise<Awaited<ReturnType<typeof casesOfPeople>>> {
  const people = await casesOfPeople(m, caseId);
  if (!people.length) return [];
  // `withTheCase`: the case itself in the same id order, when the caller does not hold it yet (a team lead's restriction).
  const ids = [...(opts.withTheCase ? [caseId] : []), ...people.map((o) => o.id)];
  await m.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  return casesOfPeople(m, caseId);
}

/**
 * A restriction protects the people, so it reaches their other cases (`others`, from lockCasesOfPeople, after `caseId`'s
 * restriction is written): each one not restricted is restricted to who this and any other restricted case of theirs
 * trust (restrictionFromPeople: the lists' common part, plus the case's own assignee), with this restriction's reason and
 * source, its audit entry naming the case it follows. A case a team lead lifted a restriction from is left as it is
 * (that lead's decision). Returns the cases restricted, in id order.
 */
export async function restrictCasesOfPeople(
  tx: CaseUnitOfWork,
  caseId: string,
  others: ReadonlyArray<{ id: string; restricted: boolean }>,
  restriction: { reason: string | null; source: RestrictionSource },
  actor: { type: 'user'; id: string } | { type: 'system' },
  details: Record<string, unknown> = {},
): Promise<Array<{ id: string; reference: string }>> {
  const follow = await restrictionFromPeople(
    tx.manager,
    others.filter((o) => !o.restricted).map((o) => o.id),
  );
  // Restricted after it arrived, whatever the clock says: a CSV import or a feed's batch gives every report one
  // received time, so a case of hers committed earlier in the same batch would have restricted_at = received_at and read
  // as restricted on arrival (case-access.ts), and the caseworkers it was pushed to would not be told it went.
  const arrived = new Map(
    (
      (await tx.manager.query('SELECT id, received_at FROM cases WHERE id = ANY($1::uuid[])', [[...follow.keys()]])) as Array<{
        id: string;
        received_at: Date;
      }>
    ).map((r) => [r.id, new Date(r.received_at).getTime()]),
  );
  const restricted: Array<{ id: string; reference: string }> = [];
  for (const [id, f] of [...follow].sort(([a], [b]) => a.localeCompare(b))) {
    const receivedAt = arrived.get(id) ?? 0;
    const c = await writeRestriction(
      tx,
      id,
      {
        restricted: true,
        accessList: f.accessList,
        reason: restriction.reason,
        source: restriction.source,
        ...(receivedAt >= tx.now.getTime() ? { restrictedAt: new Date(receivedAt + 1) } : {}),
      },
      actor,
      { ...details, follows: caseId },
    );
    restricted.push({ id, reference: c.reference });
  }
  return restricted;
}

/**
 * Restricts a case inside the caller's unit of work (the police-staff rule at intake uses it too): writes the
 * columns, bumps the version and records the change (audit + outbox + case.changed, which the gateway turns into
 * case.removed for everyone off the list).
 */
export async function writeRestriction(
  tx: CaseUnitOfWork,
  caseId: string,
  restriction: {
    restricted: boolean;
    accessList: string[];
    reason: string | null;
    source: RestrictionSource;
    /** When it was restricted (the unit of work's time unless given: restrictCasesOfPeople). */
    restrictedAt?: Date;
  },
  actor: { type: 'user'; id: string } | { type: 'system' },
  details: Record<string, unknown> = {},
): Promise<CaseSummary> {
  const m = tx.manager;
  const [row] = (await m.query('SELECT version FROM cases WHERE id = $1 FOR UPDATE', [caseId])) as Array<{ version: number }>;
  const version = Number(row.version) + 1;
  await m.update(
    CaseEntity,
    { id: caseId },
    restriction.restricted
      ? {
          restricted: true,
          accessList: restriction.accessList,
          restrictionReason: restriction.reason,
          restrictionSource: restriction.source,
          restrictedAt: restriction.restrictedAt ?? tx.now,
          restrictedVersion: version,
          version,
        }
      : {
          restricted: false,
          accessList: [],
          restrictionReason: restriction.reason,
          restrictionSource: null,
          restrictedAt: null,
          restrictedVersion: null,
          version,
        },
  );
  const event = await tx.caseChanged(caseId, version, {
    actor,
    action: restriction.restricted ? 'case.restricted' : 'case.unrestricted',
    entityType: 'case',
    entityId: caseId,
    details: { ...details, source: restriction.source, accessList: restriction.restricted ? restriction.accessList : [] },
  });
  return event.case;
}

@Injectable()
export class CaseRestrictionService {
  constructor(
    private readonly db: Database,
    private readonly changes: CaseChanges,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A team lead who can see the case restricts it to the listed active hub users, or lifts the restriction (a case
   * already restricted: only a team lead on its access list, not one holding a break-glass grant). The
   * restricting team lead is always added to the list (so nobody restricts a case out of their own sight by
   * mistake); the assignee must be listed (reassign first), so a restricted case never has an assignee who cannot
   * see it.
   */
  async restrict(lead: AuthUser, caseId: string, body: CaseRestrictionRequest, now = new Date()): Promise<CaseRestrictionResponse> {
    return this.changes.run(now, async (tx, m) => {
      // Her and the suspect's person rows first, as intake takes them before it writes a case: a report of theirs
      // arriving meanwhile either committed before (its case stands as it came: restrict it too if need be) or waits
      // here and then finds this case restricted (restrictionFromPeople), never a case created unrestricted after.
      if (UUID.test(caseId))
        await m.query(
          `SELECT p.id FROM persons p JOIN cases c ON p.id IN (c.victim_id, c.suspect_id) WHERE c.id = $1 ORDER BY p.id FOR UPDATE OF p`,
          [caseId],
        );
      // Her (and the suspect's) other cases: a restriction protects the people, so it reaches them too (below). Locked
      // with this case in id order, as linking two cases locks them (no deadlock between the two), then read again
      // under the locks (a change committed between the first read and the lock is seen).
      const others = body.restricted ? await lockCasesOfPeople(m, caseId, { withTheCase: true }) : [];
      // Then the case, then its facts: an assign or claim committed meanwhile is seen here, and none can slip in before
      // the restriction is written (they lock the same row), so the assignee check below holds.
      await lockCase(m, caseId);
      const facts = await loadCaseAccessFacts(m, caseId, now);
      if (!facts || !maySeeCase(lead, facts, now)) throw noSuchCase();
      // A team lead who sees a restricted case only through break the glass may not lift or rewrite its restriction.
      if (!onAccessList(lead, facts)) throw notOnAccessList('lift or change its restriction');
      if (!body.restricted) {
        if (!facts.restricted) throw Problems.conflict('not-restricted', 'The case is not restricted.');
        const lifted = await writeRestriction(
          tx,
          caseId,
          { restricted: false, accessList: [], reason: body.reason, source: 'team-lead' },
          { type: 'user', id: lead.id },
        );
        return { ...lifted, alsoRestricted: [] };
      }
      const requested = [...new Set(body.accessList ?? [])];
      const hub = await activeHubUsers(m, requested);
      const errors = requested
        .map((id, i) =>
          hub.has(id) ? null : { path: `/accessList/${i}`, message: 'must be an active hub user (caseworker, team lead or auditor)' },
        )
        .filter((e): e is { path: string; message: string } => e !== null);
      const accessList = [...new Set([lead.id, ...requested])];
      if (facts.assigneeId && !accessList.includes(facts.assigneeId)) {
        errors.push({ path: '/accessList', message: 'must include the case’s assignee (reassign the case first)' });
      }
      if (errors.length) throw Problems.validation(errors);
      const restricted = await writeRestriction(
        tx,
        caseId,
        { restricted: true, accessList, reason: body.reason, source: 'team-lead' },
        { type: 'user', id: lead.id },
      );
      // Her other cases (and the suspect's), open or closed, to who this and any other restricted case of theirs trust
      // (restrictionFromPeople: this list, narrowed by the others', plus each case's own assignee), by this lead and
      // for this reason. Before, her earlier cases stayed open to every caseworker: the restriction hid one incident
      // and left the rest of her history, her address and safe-contact plan in them, in plain sight (session 41).
      // A case a team lead lifted a restriction from is left as it is (that lead's decision; restrict it there).
      const alsoRestricted: CaseRestrictionResponse['alsoRestricted'] = await restrictCasesOfPeople(
        tx,
        caseId,
        others,
        { reason: body.reason, source: 'team-lead' },
        { type: 'user', id: lead.id },
      );
      // Someone taken off this case's list is taken off her other restricted cases too (but where they are the
      // assignee): a lead who learns a caseworker knows the suspect removes them once, and the cases that followed this
      // one (or any other of hers) no longer show her address to them. It only ever narrows: nobody is added to another
      // case's list, and a case whose list would be left empty is left as it is (counted in `notNarrowed`, unnamed: a
      // lead on its list narrows it; emptied, nobody could lift or triage it). Each keeps its own reason and source;
      // the audit entry names the case it follows and who was removed. Before (a review of session 41's change), her
      // other cases kept them.
      const removed = facts.restricted ? facts.accessList.filter((u) => !accessList.includes(u)) : [];
      let notNarrowed = 0;
      // Where a removed person stays because they hold the case: the lead is told which (named where they are on its
      // list), so that they reassign it and take them off; before, that person kept it without anyone saying so.
      const keptForAssignee: NonNullable<CaseRestrictionResponse['keptForAssignee']> = { cases: [], unnamed: 0 };
      if (removed.length) {
        for (const o of others.filter((x) => x.restricted)) {
          const kept = o.accessList.filter((u) => !removed.includes(u) || u === o.assigneeId);
          if (o.assigneeId && removed.includes(o.assigneeId) && o.accessList.includes(o.assigneeId)) {
            if (kept.includes(lead.id)) keptForAssignee.cases.push({ id: o.id, reference: o.reference });
            else keptForAssignee.unnamed++;
          }
          if (kept.length === o.accessList.length) continue;
          if (!kept.length) {
            notNarrowed++;
            continue;
          }
          const c = await writeRestriction(
            tx,
            o.id,
            { restricted: true, accessList: kept, reason: o.reason, source: o.source ?? 'team-lead' },
            { type: 'user', id: lead.id },
            // Who this case's list lost (not the whole list edit: someone never on it, or kept as its assignee, was not).
            { follows: caseId, removed: o.accessList.filter((u) => !kept.includes(u)) },
          );
          // Named in the answer only where the lead is on its list (a case restricted from them stays unnamed).
          if (kept.includes(lead.id)) alsoRestricted.push({ id: o.id, reference: c.reference });
        }
      }
      return {
        ...restricted,
        alsoRestricted,
        ...(notNarrowed ? { notNarrowed } : {}),
        ...(keptForAssignee.cases.length || keptForAssignee.unnamed ? { keptForAssignee } : {}),
      };
    });
  }

  /**
   * Break the glass: a user with case.break-glass gets time-limited sight of a restricted case they are not listed
   * on. 404 for a case that does not exist (as for any case one may not see); 409 `not-needed` when the user can
   * already see it (which tells them nothing they could not read). Audited and shown on the team leads' alert tray.
   */
  async breakGlass(user: AuthUser, caseId: string, body: BreakGlassRequest, now = new Date()): Promise<BreakGlassResponse> {
    return this.db.transaction(async (m) => {
      const facts = await loadCaseAccessFacts(m, caseId, now);
      if (!facts) throw noSuchCase();
      if (maySeeCase(user, facts, now)) throw Problems.conflict('not-needed', 'You can already see this case.');
      const expiresAt = new Date(now.getTime() + this.config.caseAccess.breakGlassMinutes * 60_000);
      const id = randomUUID();
      await m.insert(BreakGlassGrantEntity, { id, caseId, userId: user.id, reason: body.reason, grantedAt: now, expiresAt });
      await this.audit.record(m, {
        actor: { type: 'user', id: user.id },
        action: 'case.break-glass',
        entityType: 'case',
        entityId: caseId,
        details: { grantId: id, expiresAt: expiresAt.toISOString(), minutes: this.config.caseAccess.breakGlassMinutes },
      });
      return { caseId, expiresAt: expiresAt.toISOString() };
    });
  }
}

@ApiTags('cases')
@Controller('v1/cases')
export class CaseRestrictionController {
  constructor(private readonly restrictions: CaseRestrictionService) {}

  /**
   * {restricted, accessList: [userId], reason} (team leads who can see the case; for a restricted case, team leads on
   * its access list: 403 not-on-access-list with only a break-glass grant): restrict the case to the listed
   * active hub users (the caller is added; the assignee must be listed), or lift it. Everyone else then gets 404 for
   * it, and it leaves their queue, counts, workload board, alerts and live events. 400 names every bad list entry.
   * A restriction reaches the victim's and the suspect's other cases at the hub, open or closed, that are not restricted
   * (those a team lead lifted a restriction from excepted): each is restricted to this list narrowed by any other
   * restricted case of theirs, plus its own assignee, by the same lead for the same reason (audit details `follows`).
   * Someone taken off the list of an already restricted case is taken off her other restricted cases too (but where
   * they are the assignee; audit details `removed`). The answer is the case with `alsoRestricted: [{id, reference}]`,
   * the cases reached that the lead may see (empty on a lift: a lift reaches no other case); `notNarrowed`, how many
   * of her restricted cases would have been left with nobody on the list (left as they are); and `keptForAssignee:
   * {cases: [{id, reference}], unnamed}`, her restricted cases where someone taken off stays because they hold the
   * case (reassign it to take them off; named where the lead is on its list).
   */
  @Post(':id/restriction')
  @HttpCode(200)
  @Allow('case.restrict')
  @CaseAccess('read')
  restrict(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CASE_RESTRICTION_REQUEST) body: CaseRestrictionRequest,
  ): Promise<CaseRestrictionResponse> {
    return this.restrictions.restrict(user, id, body);
  }

  /**
   * {reason} → 201 {caseId, expiresAt}: time-limited access (LANTERN_BREAK_GLASS_MINUTES, default 60) to a restricted
   * case one is not listed on; audited and shown to the team leads as a safety alert. 404 as for any unknown case;
   * 409 not-needed when the caller can already see it.
   */
  @Post(':id/break-glass')
  @Allow('case.break-glass')
  @CaseAccessExempt('break the glass is asked for a case the caller may not see; the service applies the rule')
  breakGlass(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(BREAK_GLASS_REQUEST) body: BreakGlassRequest,
  ): Promise<BreakGlassResponse> {
    return this.restrictions.breakGlass(user, id, body);
  }
}
