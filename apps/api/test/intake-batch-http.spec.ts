import {
  INTAKE_BATCH_MAX_REPORTS,
  SocketEvents,
  type CaseChangedEvent,
  type IntakeBatchResponse,
  type PoliceReport,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FEED_KEY, startTestApp, testDatabases, waitFor, type TestApp } from './harness';

/**
 * POST /api/v1/intake/reports/batch: several reports in one request, each answered as its own POST would be (the
 * batch writer, receiveMany, is held to the one-by-one answers by intake-batch.spec.ts), the envelope all or nothing.
 */
for (const database of testDatabases()) {
  describe(`intake of a batch over HTTP on ${database.name}`, () => {
    let t: TestApp;
    const BURST = 20;
    const RATE = 5;
    const post = (body: unknown, init: { key?: string | null; contentType?: string; raw?: string } = {}) =>
      fetch(`${t.url}/api/v1/intake/reports/batch`, {
        method: 'POST',
        headers: {
          'content-type': init.contentType ?? 'application/json',
          ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? FEED_KEY}` }),
        },
        body: init.raw ?? JSON.stringify(body),
      });
    const stored = async (reference: string) =>
      Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM reports WHERE reference = $1', [reference]))[0].n);

    beforeAll(async () => {
      // A small bucket, refilled slowly, so the rate limit can be reached by a test (each report is one token).
      t = await startTestApp(database, { LANTERN_INTAKE_BURST: String(BURST), LANTERN_INTAKE_RATE: String(RATE) });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('answers each report as its own POST would, in order, stores the accepted ones and pushes them live', async () => {
      const socket = t.socket((await t.login('caseworker')).token);
      const events: CaseChangedEvent[] = [];
      socket.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => events.push(e));
      await new Promise((r) => socket.once(SocketEvents.ready, r));
      try {
        const first = createReport({ reference: 'HC/HTTPB/1' } as never, 501);
        const other = createReport({ reference: 'HC/HTTPB/2' } as never, 502);
        const reports: unknown[] = [
          first,
          { ...first, revision: 2, officerRiskAssessment: { tool: 'judgement', riskLevel: 'high' } } satisfies PoliceReport,
          structuredClone(first),
          { reference: 'HC/HTTPB/3', victim: {} },
          { ...createReport({ reference: 'HC/HTTPB/4' } as never, 504), source: { ...first.source, force: 'Another Constabulary' } },
          other,
          { ...other, incident: { ...other.incident, summary: 'Another account of the same incident.' } },
        ];
        const res = await post({ reports });
        expect(res.status).toBe(200);
        const { results } = (await res.json()) as IntakeBatchResponse;
        expect(results.map((r) => [r.index, r.status])).toEqual([
          [0, 201],
          [1, 200],
          [2, 200],
          [3, 400],
          [4, 403],
          [5, 201],
          [6, 409],
        ]);
        expect(results[0].result?.status).toBe('created');
        expect(results[1].result).toMatchObject({ status: 'revised', caseId: results[0].result?.caseId });
        expect(results[2].result?.status).toBe('duplicate');
        // The refusal names paths inside that report, as its own POST's would.
        expect(results[3].problem).toMatchObject({ status: 400, code: 'validation' });
        expect(results[3].problem?.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/victim/firstName', '/incident']));
        expect(results[4].problem?.code).toBe('forbidden');
        expect(results[6].problem?.status).toBe(409);
        expect(await stored('HC/HTTPB/1')).toBe(2);
        expect(await stored('HC/HTTPB/2')).toBe(1);
        expect(await stored('HC/HTTPB/3')).toBe(0);
        expect(await stored('HC/HTTPB/4')).toBe(0);
        const created = [results[0].result?.caseId, results[5].result?.caseId];
        await waitFor(() => created.every((id) => events.some((e) => e.caseId === id)) || undefined);
        // Its own POST of the same body: the same answer (a duplicate now).
        const again = await t.postReport(other);
        expect(again.status).toBe(200);
        expect(((await again.json()) as { status: string }).status).toBe('duplicate');
      } finally {
        socket.close();
      }
    });

    it("takes a batch past a single report's size, and answers a report past it alone with 413", async () => {
      // Waits for the bucket (the tests share one feed): 3 reports.
      await new Promise((r) => setTimeout(r, 1_000));
      const pad = (ref: string, bytes: number) =>
        createReport({ reference: ref, incident: { summary: 'x'.repeat(bytes) } } as never, 520 + ref.length);
      const ok = [pad('HC/HTTPB/S1', 120 * 1024), pad('HC/HTTPB/S22', 120 * 1024)];
      const res = await post({ reports: [...ok, pad('HC/HTTPB/S333', 300 * 1024)] });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as IntakeBatchResponse;
      // The summary's own limit refuses the first two (400 naming it), not the size of the batch (over 256 KiB in all).
      expect(results.map((r) => r.status)).toEqual([400, 400, 413]);
      expect(results[0].problem?.errors?.map((e) => e.path)).toEqual(['/incident/summary']);
      expect(results[2].problem?.code).toBe('too-large');
      expect(await stored('HC/HTTPB/S333')).toBe(0);
    });

    it('refuses an envelope that is not { reports: [1…100 reports] } with 400 naming it, and stores nothing', async () => {
      const one = createReport({ reference: 'HC/HTTPB/E1' } as never, 511);
      const cases: Array<[unknown, string[]]> = [
        [[one], ['/']],
        [{}, ['/reports']],
        [{ reports: [] }, ['/reports']],
        [{ reports: one }, ['/reports']],
        [{ reports: Array.from({ length: INTAKE_BATCH_MAX_REPORTS + 1 }, () => one) }, ['/reports']],
        [{ reports: [one], note: 'x' }, ['/note']],
      ];
      for (const [body, paths] of cases) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        const problem = (await res.json()) as { errors: Array<{ path: string }> };
        expect(problem.errors.map((e) => e.path)).toEqual(paths);
      }
      expect((await post(null, { raw: '{"reports": [' })).status).toBe(400);
      expect((await post({ reports: [one] }, { contentType: 'text/plain' })).status).toBe(415);
      expect((await post({ reports: [one] }, { key: null })).status).toBe(401);
      expect((await post({ reports: [one] }, { key: 'not-a-feed-key' })).status).toBe(401);
      const big = await post(null, { raw: JSON.stringify({ reports: [{ ...one, pad: 'x'.repeat(5 * 1024 * 1024) }] }) });
      expect(big.status).toBe(413);
      expect(await stored('HC/HTTPB/E1')).toBe(0);
    });

    it("counts each report against the feed's rate limit: a batch past it is refused whole (429), one past the burst with 400", async () => {
      const batch = (from: number, n: number) => ({
        reports: Array.from({ length: n }, (_, i) => createReport({ reference: `HC/HTTPB/R${from + i}` } as never, 600 + from + i)),
      });
      const tooBig = await post(batch(100, BURST + 1));
      expect(tooBig.status).toBe(400);
      expect(((await tooBig.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe('/reports');
      // The bucket holds BURST tokens, refilled at RATE a second: full again after the tests before, 15 now, then 15
      // more at once is too many.
      await new Promise((r) => setTimeout(r, (BURST / RATE) * 1000 + 200));
      const a = await post(batch(200, 15));
      expect(a.status).toBe(200);
      const b = await post(batch(300, 15));
      expect(b.status).toBe(429);
      expect(Number(b.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await stored('HC/HTTPB/R200')).toBe(1);
      expect(await stored('HC/HTTPB/R300')).toBe(0);
      expect(await stored('HC/HTTPB/R314')).toBe(0);
      // The wait it names is the wait it needs: the refused batch spent none of the bucket.
      await new Promise((r) => setTimeout(r, Number(b.headers.get('retry-after')) * 1000 + 100));
      const retried = await post(batch(300, 15));
      expect(retried.status).toBe(200);
      expect(await stored('HC/HTTPB/R314')).toBe(1);
    });
  });

  describe(`a refused batch spends none of the feed's rate limit, on ${database.name}`, () => {
    let t: TestApp;

    beforeAll(async () => {
      // Three tokens (the clock is held still in the test, so none come back by time).
      t = await startTestApp(database, { LANTERN_INTAKE_BURST: '3', LANTERN_INTAKE_RATE: '1' });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives back the token its key check took when the batch is refused for its size (400) or its count (429)', async () => {
      const post = (from: number, n: number) =>
        fetch(`${t.url}/api/v1/intake/reports/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${FEED_KEY}` },
          body: JSON.stringify({
            reports: Array.from({ length: n }, (_, i) => createReport({ reference: `HC/HTTPB/T${from + i}` } as never, 700 + from + i)),
          }),
        });
      // The bucket refills by the clock (Date.now): held still, nothing comes back but what is given back.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      try {
        expect((await post(0, 2)).status).toBe(200); // one token left
        expect((await post(10, 4)).status).toBe(400); // more than the bucket holds: the key check's token given back
        expect((await post(20, 3)).status).toBe(429); // more than is left: the same
        // Had either refused batch kept its token, none would be left for this one.
        expect((await post(30, 1)).status).toBe(200);
        expect((await post(40, 1)).status).toBe(429);
      } finally {
        vi.useRealTimers();
      }
    });
  });
}
