import { Injectable } from '@nestjs/common';
import { AuditService } from '@lantern/api/audit';
import type { AuthUser } from '@lantern/api/auth';
import { Problems } from '@lantern/api/core';
import { Database, PartnerServiceEntity } from '@lantern/api/data-access';
import {
  WEEKDAYS,
  type CreatePartnerServiceRequest,
  type FieldError,
  type UpdatePartnerServiceRequest,
  type PartnerService,
  type PartnerServiceRecord,
  type ServiceRule,
} from '@lantern/shared/domain';
import type { EntityManager } from 'typeorm';

type Body = CreatePartnerServiceRequest | UpdatePartnerServiceRequest;

/** Rules JSON Schema cannot say: ranges that make sense, opening before closing. */
function semanticErrors(b: Body): FieldError[] {
  const errors: FieldError[] = [];
  if (b.rule.minAge !== null && b.rule.maxAge !== null && b.rule.minAge > b.rule.maxAge)
    errors.push({ path: '/rule/maxAge', message: 'must not be below minAge' });
  if (b.hours) {
    for (const d of WEEKDAYS) {
      const h = b.hours[d];
      if (h && h[0] >= h[1]) errors.push({ path: `/hours/${d}/1`, message: 'closing time must be after opening time' });
    }
  }
  if (b.rule.statutory && b.kind !== 'childrens-services')
    errors.push({ path: '/rule/statutory', message: "only children's services referrals are statutory (shared without consent)" });
  return errors;
}

export function toRecord(e: PartnerServiceEntity): PartnerServiceRecord {
  return {
    partnerId: e.partnerId,
    partnerName: e.partnerName,
    service: e.service,
    serviceName: e.serviceName,
    kind: e.kind as PartnerService['kind'],
    rule: e.rule as ServiceRule,
    acknowledgeWithinHours: e.acknowledgeWithinHours,
    notifyEmail: e.notifyEmail,
    hours: e.hours as PartnerService['hours'],
    channel: e.channel as PartnerService['channel'],
    active: e.active,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * The partner directory: admin-managed rows, read by eligibility, referrals and delivery. Services are never
 * deleted (referrals keep naming them); an admin deactivates one and it is no longer offered.
 */
@Injectable()
export class PartnerDirectoryService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Inside a caller's transaction: the directory, active services only unless asked. */
  async load(m: EntityManager, opts: { includeInactive?: boolean } = {}): Promise<PartnerServiceRecord[]> {
    const rows = await m.find(PartnerServiceEntity, {
      where: opts.includeInactive ? {} : { active: true },
      order: { partnerName: 'ASC', serviceName: 'ASC' },
    });
    return rows.map(toRecord);
  }

  list(opts: { includeInactive?: boolean } = {}): Promise<PartnerServiceRecord[]> {
    return this.db.transaction((m) => this.load(m, opts));
  }

  /** The rules beyond the contract's schema (ranges, opening before closing), as one 400. */
  private check<B extends Body>(body: B): B {
    const semantic = semanticErrors(body);
    if (semantic.length) throw Problems.validation(semantic);
    return body;
  }

  private columns(b: Body, now: Date) {
    return {
      partnerId: b.partnerId,
      partnerName: b.partnerName.trim(),
      serviceName: b.serviceName.trim(),
      kind: b.kind,
      rule: { ...b.rule, areas: b.rule.areas.map((a) => a.trim()) },
      hours: b.hours,
      channel: b.channel,
      acknowledgeWithinHours: b.acknowledgeWithinHours,
      notifyEmail: b.notifyEmail,
      active: b.active ?? true,
      updatedAt: now,
    };
  }

  async create(admin: AuthUser, body: CreatePartnerServiceRequest, now = new Date()): Promise<PartnerServiceRecord> {
    const b = this.check(body);
    const service = b.service;
    return this.db.transaction(async (m) => {
      // Serialises two admins adding the same key: the second waits, then sees the row.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`partner-service:${service}`]);
      if (await m.findOne(PartnerServiceEntity, { where: { service } }))
        throw Problems.conflict('duplicate-service', `A service with key "${service}" already exists.`);
      await m.insert(PartnerServiceEntity, { service, version: 1, ...this.columns(b, now) });
      await this.audit.record(m, {
        actor: { type: 'user', id: admin.id },
        action: 'partner-service.created',
        entityType: 'partner-service',
        details: { service, partnerId: b.partnerId },
      });
      return toRecord(await m.findOneOrFail(PartnerServiceEntity, { where: { service } }));
    });
  }

  async update(admin: AuthUser, service: string, body: UpdatePartnerServiceRequest, now = new Date()): Promise<PartnerServiceRecord> {
    const b = this.check(body);
    const errors: FieldError[] = [];
    if (b.service !== undefined && b.service !== service) errors.push({ path: '/service', message: 'the key of a service cannot change' });
    if (errors.length) throw Problems.validation(errors);
    return this.db.transaction(async (m) => {
      const row = await m.findOne(PartnerServiceEntity, { where: { service }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw Problems.notFound('No such partner service.');
      if (row.partnerId !== b.partnerId)
        throw Problems.validation([
          {
            path: '/partnerId',
            message: 'a service cannot move to another partner (its referrals belong to that agency): add a new service instead',
          },
        ]);
      if (b.version !== row.version)
        throw Problems.conflict('stale-version', `The service changed (now version ${row.version}): reload it.`);
      await m.update(PartnerServiceEntity, { service }, { ...this.columns(b, now), version: row.version + 1 });
      await this.audit.record(m, {
        actor: { type: 'user', id: admin.id },
        action: 'partner-service.updated',
        entityType: 'partner-service',
        details: { service, partnerId: b.partnerId, active: b.active ?? true, version: row.version + 1 },
      });
      return toRecord(await m.findOneOrFail(PartnerServiceEntity, { where: { service } }));
    });
  }
}
