import { IntakeService, IntakeStream, type IntakeBatchOutcome } from '@lantern/api/intake';
import { ProblemException } from '@lantern/api/core';
import type { PoliceReport } from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

/**
 * A batch (receiveMany, what a CSV import uses) must decide exactly as the same reports sent one by one: the same
 * answers, and cases with the same grade, MARAC reasons, repeat and serial-suspect flags, restriction and versions.
 * The two runs use different references and person ids (prefix A / B) on one database.
 */
function scenario(p: 'A' | 'B' | 'C' | 'D' | 'E' | 'F', base: number): unknown[] {
  const ref = (n: number) => `HC/BATCH/${p}${n}`;
  const person = (n: number) => `P0BT${p}${n}`;
  const suspect = (n: number) => `S0BT${p}${n}`;
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T21:00:00Z`;
  const report = (i: number, o: Partial<PoliceReport> & Record<string, unknown>): PoliceReport => createReport(o as never, base + i);
  const r1 = report(1, {
    reference: ref(1),
    victim: { personId: person(1) },
    suspect: { personId: suspect(1) },
    incident: { occurredAt: at(20), reportedAt: at(20), previousIncidents12Months: 0 },
    officerRiskAssessment: { tool: 'judgement', riskLevel: 'medium', dash: undefined },
  } as never);
  const r3 = report(3, {
    reference: ref(3),
    victim: { personId: person(2) },
    suspect: { personId: suspect(1) },
  } as never);
  const r12 = report(12, { reference: ref(12), victim: { personId: person(12) }, suspect: { personId: suspect(12) } } as never);
  return [
    r1,
    // The same victim, an older incident reported late: a repeat victim; r1's history now has an earlier incident.
    report(2, {
      reference: ref(2),
      victim: { personId: person(1) },
      suspect: { personId: suspect(1) },
      incident: { occurredAt: at(10), reportedAt: at(10), previousIncidents12Months: 1 },
    } as never),
    // Another victim of the same suspect: both victims' cases become serial-suspect cases.
    r3,
    // r1's revision in the same batch: the police grade rises to high.
    { ...r1, revision: 2, officerRiskAssessment: { tool: 'judgement', riskLevel: 'high' } },
    // An exact duplicate, and the same revision with another body (409).
    structuredClone(r3),
    { ...r3, incident: { ...r3.incident, summary: 'A different account of the same incident.' } },
    // Police staff: restricted on arrival.
    report(7, {
      reference: ref(7),
      victim: { personId: person(7), email: `v${p}@herts.pnn.police.uk` },
      suspect: { personId: suspect(7) },
    } as never),
    // Not a report (400), then independent ones, one with two earlier incidents (potential escalation).
    { reference: ref(8) },
    report(9, { reference: ref(9), victim: { personId: person(9) }, suspect: { personId: suspect(9) } } as never),
    report(10, {
      reference: ref(10),
      victim: { personId: person(10) },
      suspect: { personId: suspect(10) },
      incident: { previousIncidents12Months: 2 },
    } as never),
    report(11, { reference: ref(11), victim: { personId: undefined }, suspect: { personId: undefined } } as never),
    // A revision that moves its case to another victim, then a first report of the case's former victim: one by one
    // the former victim has no other case by then (not a repeat); the batch must hold the new report back too.
    r12,
    { ...r12, revision: 2, victim: { ...r12.victim, personId: person(13) } },
    report(14, { reference: ref(14), victim: { personId: person(12) }, suspect: { personId: suspect(14) } } as never),
  ];
}

function answer(o: IntakeBatchOutcome): string {
  if (o instanceof ProblemException) return `${o.status} ${o.problemType}`;
  if (o instanceof Error) return `error ${o.constructor.name}`;
  return `${o.httpStatus} ${o.result.status}`;
}

describe.each(testDatabases())('intake batch on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function casesOf(prefix: string) {
    return t.db.query<{
      reference: string;
      risk_grade: string;
      marac_reasons: string[];
      repeat_victim: boolean;
      serial_suspect: boolean;
      restricted: boolean;
      version: number;
      current_revision: number;
    }>(
      `SELECT reference, risk_grade, marac_reasons, repeat_victim, serial_suspect, restricted, version, current_revision
         FROM cases WHERE reference LIKE $1 ORDER BY reference`,
      [`HC/BATCH/${prefix}%`],
    );
  }

  async function auditOf(prefix: string): Promise<string[]> {
    const rows = await t.db.query<{ action: string; reference: string }>(
      `SELECT a.action, c.reference FROM audit_entries a JOIN cases c ON a.entity_type = 'case' AND a.entity_id = c.id::text
        WHERE c.reference LIKE $1 ORDER BY c.reference, a.action`,
      [`HC/BATCH/${prefix}%`],
    );
    return rows.map((r) => `${r.reference.replace(`/BATCH/${prefix}`, '/BATCH/')} ${r.action}`);
  }

  /** The scenario posted one report at a time, as a feed does: the answers. */
  async function oneByOne(prefix: 'A' | 'C' | 'E'): Promise<string[]> {
    const one: string[] = [];
    for (const body of scenario(prefix, 9100)) {
      const res = await t.postReport(body);
      const json = (await res.json()) as { status?: string; type?: string };
      one.push(res.status < 300 ? `${res.status} ${json.status}` : `${res.status} ${String(json.type).split('/').pop()}`);
    }
    return one;
  }

  /** The same cases and audit trail under two prefixes. */
  async function expectSameCases(a: string, b: string) {
    const strip = (prefix: string) => (c: { reference: string }) => ({
      ...c,
      reference: c.reference.replace(`/BATCH/${prefix}`, '/BATCH/'),
    });
    expect((await casesOf(b)).map(strip(b))).toEqual((await casesOf(a)).map(strip(a)));
    expect(await auditOf(b)).toEqual(await auditOf(a));
  }

  it('decides every report as it would have been decided alone', async () => {
    const intake = t.app.get(IntakeService);
    const [feed] = await t.db.query<{ id: string; force: string }>('SELECT id, force FROM feed_sources ORDER BY created_at LIMIT 1');

    const one = await oneByOne('A');
    const batch = (await intake.receiveMany({ channel: 'feed', feedSourceId: feed.id, force: feed.force }, scenario('B', 9100))).map(
      answer,
    );
    expect(one).toEqual([
      '201 created',
      '201 created',
      '201 created',
      '200 revised',
      '200 duplicate',
      '409 revision-conflict',
      '201 created',
      '400 validation',
      '201 created',
      '201 created',
      '201 created',
      '201 created',
      '200 revised',
      '201 created',
    ]);
    expect(batch).toEqual(one);

    const a = await casesOf('A');
    const b = await casesOf('B');
    expect(a.length).toBe(9);
    expect(b.map((c) => ({ ...c, reference: c.reference.replace('/BATCH/B', '/BATCH/') }))).toEqual(
      a.map((c) => ({ ...c, reference: c.reference.replace('/BATCH/A', '/BATCH/') })),
    );
    // The rules did run: a repeat victim, serial-suspect cases, a police-staff restriction, a raised grade, escalation.
    const byRef = new Map(b.map((c) => [c.reference, c]));
    expect(byRef.get('HC/BATCH/B2')?.repeat_victim).toBe(true);
    expect(byRef.get('HC/BATCH/B1')?.serial_suspect).toBe(true);
    expect(byRef.get('HC/BATCH/B3')?.serial_suspect).toBe(true);
    expect(byRef.get('HC/BATCH/B7')?.restricted).toBe(true);
    expect(byRef.get('HC/BATCH/B1')?.risk_grade).toBe('high');
    expect(byRef.get('HC/BATCH/B10')?.marac_reasons).toContain('potential-escalation');
    expect(byRef.get('HC/BATCH/B14')?.repeat_victim).toBe(false);
    expect(await auditOf('B')).toEqual(await auditOf('A'));
  });

  it('decides a feed’s reports sent together as alone: those that wait for one in flight are committed as a group', async () => {
    const intake = t.app.get(IntakeService);
    const [feed] = await t.db.query<{ id: string; force: string }>('SELECT id, force FROM feed_sources ORDER BY created_at LIMIT 1');
    const one = await oneByOne('E');
    // Received in this order while the first is being stored (as from a feed's several connections at once).
    const settled = await Promise.allSettled(
      scenario('F', 9100).map((body) => intake.receive({ channel: 'feed', feedSourceId: feed.id, force: feed.force }, body)),
    );
    expect(settled.map((o) => answer(o.status === 'fulfilled' ? o.value : (o.reason as Error)))).toEqual(one);
    await expectSameCases('E', 'F');
    // Grouped: fewer transactions last wrote the cases than when the same reports came one by one.
    const transactions = async (prefix: string) =>
      (
        await t.db.query<{ n: number }>(`SELECT count(DISTINCT xmin::text)::int AS n FROM cases WHERE reference LIKE $1`, [
          `HC/BATCH/${prefix}%`,
        ])
      )[0].n;
    expect(await transactions('F')).toBeLessThan(await transactions('E'));
  });

  it('decides every report as alone when they stream through small batches, two in the database at once (an import)', async () => {
    const intake = t.app.get(IntakeService);
    const [feed] = await t.db.query<{ id: string; force: string }>('SELECT id, force FROM feed_sources ORDER BY created_at LIMIT 1');
    const one = await oneByOne('C');
    const bodies = scenario('D', 9100);
    const streamed: string[] = new Array(bodies.length).fill('unsettled');
    const stream = new IntakeStream<number>(intake, { channel: 'feed', feedSourceId: feed.id, force: feed.force }, (i, o) => {
      streamed[i] = answer(o);
    });
    // Small batches, so most reports share a victim, suspect or reference with one in the batch before, still in
    // flight when they are added (they are carried into a later batch): r1's revision follows r1's batch; r12 and
    // its revision (written one by one after its batch's transaction) are followed by r14 for r12's former victim.
    const cuts = [0, 2, 4, 6, 8, 11, 13, bodies.length];
    for (const [n, from] of cuts.slice(0, -1).entries()) {
      await stream.add(bodies.slice(from, cuts[n + 1]).map((body, k) => ({ tag: from + k, body })));
    }
    await stream.finish();
    expect(streamed).toEqual(one);
    await expectSameCases('C', 'D');
    const byRef = new Map((await casesOf('D')).map((c) => [c.reference, c]));
    expect(byRef.get('HC/BATCH/D2')?.repeat_victim).toBe(true);
    expect(byRef.get('HC/BATCH/D3')?.serial_suspect).toBe(true);
    expect(byRef.get('HC/BATCH/D1')?.risk_grade).toBe('high');
  });

  it('answers a refused report with the problem its own POST would have had, and stores nothing for it', async () => {
    const intake = t.app.get(IntakeService);
    const [feed] = await t.db.query<{ id: string; force: string }>('SELECT id, force FROM feed_sources ORDER BY created_at LIMIT 1');
    const before = await t.count('reports');
    const [bad, otherForce] = await intake.receiveMany({ channel: 'feed', feedSourceId: feed.id, force: feed.force }, [
      { reference: 'HC/BATCH/C1' },
      createReport({ reference: 'HC/BATCH/C2', source: { force: 'Another Constabulary' } } as never, 9300),
    ]);
    expect(bad).toBeInstanceOf(ProblemException);
    expect((bad as ProblemException).status).toBe(400);
    expect((bad as ProblemException).errors?.length).toBeGreaterThan(0);
    expect((otherForce as ProblemException).status).toBe(403);
    expect(await t.count('reports')).toBe(before);
  });
});
