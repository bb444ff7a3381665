import { randomUUID } from 'node:crypto';
import {
  SocketEvents,
  type AlertAcknowledgement,
  type CaseChangedEvent,
  type CaseDuplicateLink,
  type CaseNote,
  type ProblemDetails,
  type TeamLeadAlerts,
} from '@lantern/shared/domain';
import { createReport } from '@lantern/shared/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, waitFor, type TestApp } from './harness';

type Problem = ProblemDetails & { errors?: Array<{ path: string; message: string }> };

/**
 * Issue 15, items 7 and 8 (docs/casework.md "Case notes", "Possible duplicates", "Printing a case";
 * docs/workload.md "Acknowledging alerts", "Undo"): notes, duplicate links, the print read, alert
 * acknowledgements and the reverse of a deactivation, over HTTP against the real app.
 */
for (const database of testDatabases()) {
  describe(`case notes, duplicates, print, alert acknowledgements on ${database.name}`, () => {
    let t: TestApp;
    const cookie: Record<string, string> = {};
    const id: Record<string, string> = {};
    let n = 0;
    const post = async () => {
      const res = await t.postReport(createReport({ victim: { personId: `PNOTE${n}` } }, 6100 + n++));
      expect(res.status).toBe(201);
      return ((await res.json()) as { caseId: string }).caseId;
    };
    const call = (who: string, method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/api/v1${path}`, {
        method,
        headers: { cookie: cookie[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const problem = async (res: Response, status: number): Promise<Problem> => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      return (await res.json()) as Problem;
    };
    /** The failing paths a problem names, each once, sorted. */
    const paths = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.path))].sort();
    const audits = (action: string, entityId: string) =>
      t.db.query<{ actor_id: string; details: Record<string, unknown> }>(
        'SELECT actor_id, details FROM audit_entries WHERE action = $1 AND entity_id = $2 ORDER BY id',
        [action, entityId],
      );
    const login = async (who: string) => {
      cookie[who] = (await t.login(who)).cookie;
      id[who] = ((await (await call(who, 'GET', '/auth/me')).json()) as { id: string }).id;
    };

    beforeAll(async () => {
      t = await startTestApp(database);
      for (const who of ['caseworker', 'caseworker2', 'team-lead', 'auditor', 'admin', 'partner-idva']) await login(who);
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('case notes', () => {
      let caseId: string;
      beforeAll(async () => {
        caseId = await post();
        expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
      });

      it('adds a note with the server’s author and time, lists newest first, and tells other open pages (case.changed)', async () => {
        const socket: Socket = t.socket(null, { cookie: cookie['caseworker2'] });
        await new Promise((resolve) => socket.once(SocketEvents.ready, resolve));
        const seen: CaseChangedEvent[] = [];
        socket.on(SocketEvents.caseChanged, (e: CaseChangedEvent) => seen.push(e));
        const before = Date.now();
        const res = await call('caseworker', 'POST', `/cases/${caseId}/notes`, { text: '  Victim called back; safe to talk after 6pm.  ' });
        expect(res.status).toBe(201);
        const note = (await res.json()) as CaseNote;
        expect(note).toMatchObject({
          caseId,
          text: 'Victim called back; safe to talk after 6pm.',
          author: { id: id['caseworker'], displayName: 'Sam Carter' },
        });
        expect(Date.parse(note.createdAt)).toBeGreaterThanOrEqual(before - 1000);
        const event = await waitFor(() => seen.find((e) => e.caseId === caseId));
        expect(event.case.id).toBe(caseId);
        socket.disconnect();

        expect((await call('team-lead', 'POST', `/cases/${caseId}/notes`, { text: 'Correction: after 7pm.' })).status).toBe(201);
        const list = (await (await call('auditor', 'GET', `/cases/${caseId}/notes`)).json()) as CaseNote[];
        expect(list.map((x) => x.text)).toEqual(['Correction: after 7pm.', 'Victim called back; safe to talk after 6pm.']);
        expect(list[0].author.displayName).toBe('Jordan Ellis');
      });

      it('refuses invalid notes with problem+json naming every failing path', async () => {
        expect(paths(await problem(await call('caseworker', 'POST', `/cases/${caseId}/notes`, {}), 400))).toContain('/text');
        for (const text of ['', '   ', 'x'.repeat(5001)]) {
          const p = await problem(await call('caseworker', 'POST', `/cases/${caseId}/notes`, { text }), 400);
          expect(paths(p)).toEqual(['/text']);
        }
        // The author and time are the server's: a client cannot set them.
        const p = await problem(
          await call('caseworker', 'POST', `/cases/${caseId}/notes`, {
            text: 'ok',
            author: id['team-lead'],
            createdAt: '2020-01-01T00:00:00Z',
          }),
          400,
        );
        expect(paths(p)).toEqual(['/author', '/createdAt']);
        // 5000 characters exactly is a note.
        expect((await call('caseworker', 'POST', `/cases/${caseId}/notes`, { text: 'y'.repeat(5000) })).status).toBe(201);
      });

      it('applies the permission table and the case-access rule (403, 404, restricted hidden)', async () => {
        // Not the assignee, not a team lead: claim first.
        expect((await problem(await call('caseworker2', 'POST', `/cases/${caseId}/notes`, { text: 'x' }), 403)).code).toBe('not-assignee');
        // The auditor reads, never writes; partners and admins see no case notes at all.
        expect((await call('auditor', 'POST', `/cases/${caseId}/notes`, { text: 'x' })).status).toBe(403);
        expect((await call('partner-idva', 'GET', `/cases/${caseId}/notes`)).status).toBe(403);
        expect((await call('admin', 'GET', `/cases/${caseId}/notes`)).status).toBe(403);
        expect((await problem(await call('caseworker', 'GET', `/cases/${randomUUID()}/notes`), 404)).detail).toBe('No such case.');
        expect((await call('caseworker', 'GET', `/cases/not-a-uuid/notes`)).status).toBe(404);
        // A restricted case off one's list: the same 404 as no case, for reading and writing.
        const restricted = await post();
        expect(
          (
            await call('team-lead', 'POST', `/cases/${restricted}/restriction`, {
              restricted: true,
              accessList: [id['caseworker']],
              reason: 'colleague',
            })
          ).status,
        ).toBe(200);
        expect((await call('team-lead', 'POST', `/cases/${restricted}/notes`, { text: 'Restricted note' })).status).toBe(201);
        expect((await problem(await call('caseworker2', 'GET', `/cases/${restricted}/notes`), 404)).detail).toBe('No such case.');
        expect((await problem(await call('caseworker2', 'POST', `/cases/${restricted}/notes`, { text: 'x' }), 404)).detail).toBe(
          'No such case.',
        );
        expect(((await (await call('caseworker', 'GET', `/cases/${restricted}/notes`)).json()) as CaseNote[]).map((x) => x.text)).toEqual([
          'Restricted note',
        ]);
      });

      it('audits every read and write, never the words, and the database refuses to change a note', async () => {
        const added = await audits('case.note-added', caseId);
        expect(added.length).toBeGreaterThanOrEqual(3);
        expect(added[0].actor_id).toBe(id['caseworker']);
        expect(JSON.stringify(added)).not.toContain('safe to talk');
        const reads = await audits('case.notes-read', caseId);
        expect(reads.find((r) => r.actor_id === id['auditor'])?.details).toMatchObject({ notes: 2 });
        const refused = await audits('case.access-refused', caseId);
        expect(refused.some((r) => r.actor_id === id['caseworker2'])).toBe(true);
        await expect(t.db.query(`UPDATE case_notes SET text = 'changed' WHERE case_id = $1`, [caseId])).rejects.toThrow(/never changed/);
        await expect(t.db.query(`DELETE FROM case_notes WHERE case_id = $1`, [caseId])).rejects.toThrow(/never changed/);
      });
    });

    describe('possible duplicates', () => {
      it('links two cases both ways, audits both, refuses what the user may not see, and unlinks', async () => {
        const a = await post();
        const b = await post();
        expect((await call('caseworker', 'POST', `/cases/${a}/claim`, {})).status).toBe(200);
        const reference = async (caseId: string) =>
          ((await (await call('team-lead', 'GET', `/cases/${caseId}`)).json()) as { reference: string }).reference;

        const bad = await problem(await call('caseworker', 'POST', `/cases/${a}/duplicates`, { otherCaseId: 'nope', reason: '' }), 400);
        expect(paths(bad)).toEqual(['/otherCaseId', '/reason']);
        expect(
          (await problem(await call('caseworker', 'POST', `/cases/${a}/duplicates`, { otherCaseId: a, reason: 'same' }), 400)).errors,
        ).toEqual([{ path: '/otherCaseId', message: 'must be another case' }]);
        // A case that does not exist and a restricted one off the list get the same answer.
        const hidden = await post();
        expect(
          (await call('team-lead', 'POST', `/cases/${hidden}/restriction`, { restricted: true, accessList: [], reason: 'colleague' }))
            .status,
        ).toBe(200);
        const missing = await problem(
          await call('caseworker', 'POST', `/cases/${a}/duplicates`, { otherCaseId: randomUUID(), reason: 'x' }),
          400,
        );
        const restricted = await problem(
          await call('caseworker', 'POST', `/cases/${a}/duplicates`, { otherCaseId: hidden, reason: 'x' }),
          400,
        );
        expect(restricted.errors).toEqual(missing.errors);
        expect(restricted.errors?.[0].path).toBe('/otherCaseId');
        // Seen through a break-the-glass grant is seen, not changed: a link writes to the other case too.
        expect((await call('caseworker', 'POST', `/cases/${hidden}/break-glass`, { reason: 'victim on the phone now' })).status).toBe(201);
        const glass = await problem(await call('caseworker', 'POST', `/cases/${a}/duplicates`, { otherCaseId: hidden, reason: 'x' }), 403);
        expect(glass.detail).toMatch(/Break the glass is for reading/);
        expect(await audits('case.duplicate-linked', hidden)).toEqual([]);
        // Only the assignee or a team lead links from a case.
        expect((await call('caseworker2', 'POST', `/cases/${a}/duplicates`, { otherCaseId: b, reason: 'x' })).status).toBe(403);
        expect((await call('auditor', 'POST', `/cases/${a}/duplicates`, { otherCaseId: b, reason: 'x' })).status).toBe(403);

        const res = await call('caseworker', 'POST', `/cases/${a}/duplicates`, {
          otherCaseId: b.toUpperCase(),
          reason: 'Same victim and incident, reported twice',
        });
        expect(res.status).toBe(201);
        expect(((await res.json()) as CaseDuplicateLink[]).map((l) => [l.caseId, l.reference])).toEqual([[b, await reference(b)]]);
        const fromB = (await (await call('caseworker2', 'GET', `/cases/${b}/duplicates`)).json()) as CaseDuplicateLink[];
        expect(fromB).toMatchObject([
          {
            caseId: a,
            reference: await reference(a),
            reason: 'Same victim and incident, reported twice',
            linkedBy: { id: id['caseworker'] },
          },
        ]);
        expect(
          (await problem(await call('team-lead', 'POST', `/cases/${b}/duplicates`, { otherCaseId: a, reason: 'again' }), 409)).code,
        ).toBe('already-linked');
        expect((await audits('case.duplicate-linked', a))[0].details).toEqual({ otherCaseId: b });
        expect((await audits('case.duplicate-linked', b))[0].details).toEqual({ otherCaseId: a });
        expect(await t.count('case_duplicates')).toBe(1);
        // Records are never merged: both cases are still there, each with its own reference.
        expect(await reference(a)).not.toBe(await reference(b));

        expect((await call('caseworker', 'DELETE', `/cases/${a}/duplicates/${b}`)).status).toBe(204);
        expect((await (await call('caseworker', 'GET', `/cases/${b}/duplicates`)).json()) as unknown[]).toEqual([]);
        expect((await problem(await call('caseworker', 'DELETE', `/cases/${a}/duplicates/${b}`), 404)).detail).toBe(
          'No such duplicate link.',
        );
        expect((await audits('case.duplicate-unlinked', b)).length).toBe(1);
      });
    });

    describe('printing a case', () => {
      it('is a case read audited with purpose print; any other purpose is refused', async () => {
        const caseId = await post();
        expect((await call('caseworker', 'GET', `/cases/${caseId}?purpose=print`)).status).toBe(200);
        const reads = await audits('case.read', caseId);
        expect(reads.map((r) => r.details)).toContainEqual({ purpose: 'print' });
        const p = await problem(await call('caseworker', 'GET', `/cases/${caseId}?purpose=share`), 400);
        expect(p.errors?.[0].path).toBe('/purpose');
      });
    });

    describe('alert acknowledgements', () => {
      const alerts = async (who: string) => {
        const res = await call(who, 'GET', '/alerts');
        expect(res.status).toBe(200);
        return (await res.json()) as TeamLeadAlerts;
      };
      const glassOf = (a: TeamLeadAlerts, userId: string, caseId: string) =>
        (a.safety ?? []).filter((s) => s.kind === 'break-glass' && s.userId === userId && s.caseId === caseId);

      it('hides an acknowledged alert from every team lead; a newer occurrence shows again; audited', async () => {
        const caseId = await post();
        expect(
          (await call('team-lead', 'POST', `/cases/${caseId}/restriction`, { restricted: true, accessList: [], reason: 'colleague' }))
            .status,
        ).toBe(200);
        expect((await call('caseworker', 'POST', `/cases/${caseId}/break-glass`, { reason: 'victim on the phone now' })).status).toBe(201);
        const [alert] = glassOf(await alerts('team-lead'), id['caseworker'], caseId);
        expect(alert.alertKey).toMatch(/^break-glass\|/);
        // Every alert of the tray carries a key.
        const all = await alerts('team-lead');
        for (const item of [...all.sla, ...all.overrides, ...all.paused, ...(all.safety ?? [])]) expect(item.alertKey).toBeTruthy();

        const key = alert.alertKey as string;
        expect(paths(await problem(await call('team-lead', 'POST', '/alerts/acknowledgements', { alertKey: key }), 400))).toEqual([
          '/note',
        ]);
        expect(
          paths(await problem(await call('team-lead', 'POST', '/alerts/acknowledgements', { alertKey: key, note: '  ' }), 400)),
        ).toEqual(['/note']);
        expect(
          (await problem(await call('team-lead', 'POST', '/alerts/acknowledgements', { alertKey: 'sla|nothing', note: 'x' }), 404)).detail,
        ).toBe('No such alert.');
        expect((await call('caseworker', 'POST', '/alerts/acknowledgements', { alertKey: key, note: 'x' })).status).toBe(403);

        const res = await call('team-lead', 'POST', '/alerts/acknowledgements', {
          alertKey: key,
          note: 'Spoke to Sam: victim was on the phone.',
        });
        expect(res.status).toBe(201);
        expect((await res.json()) as AlertAcknowledgement).toMatchObject({
          alertKey: key,
          kind: 'break-glass',
          acknowledgedBy: { id: id['team-lead'] },
        });
        expect(glassOf(await alerts('team-lead'), id['caseworker'], caseId)).toEqual([]);
        expect(
          (await problem(await call('team-lead', 'POST', '/alerts/acknowledgements', { alertKey: key, note: 'again' }), 409)).code,
        ).toBe('already-acknowledged');
        const [entry] = await audits('alert.acknowledged', caseId);
        expect(entry).toMatchObject({ actor_id: id['team-lead'], details: { alertKey: key, kind: 'break-glass' } });
        expect(JSON.stringify(entry.details)).not.toContain('Spoke to Sam');

        // Another team lead (caseworker2 promoted by the admin) does not see it either.
        expect((await call('admin', 'PUT', `/users/${id['caseworker2']}/roles`, { roles: ['team-lead'] })).status).toBe(204);
        await login('caseworker2');
        expect(glassOf(await alerts('caseworker2'), id['caseworker'], caseId)).toEqual([]);
        // A newer occurrence (the other lead breaks the glass on the same case) is a new alert.
        expect((await call('caseworker2', 'POST', `/cases/${caseId}/break-glass`, { reason: 'second call' })).status).toBe(201);
        const again = (await alerts('team-lead')).safety?.filter((s) => s.kind === 'break-glass' && s.caseId === caseId) ?? [];
        expect(again.map((s) => s.userId)).toEqual([id['caseworker2']]);
        expect(again[0].alertKey).not.toBe(key);
        // Its subject cannot acknowledge it (it would leave every tray before another lead saw it); another lead can.
        const own = await call('caseworker2', 'POST', '/alerts/acknowledgements', { alertKey: again[0].alertKey, note: 'mine' });
        expect((await problem(own, 403)).code).toBe('own-alert');
        expect(glassOf(await alerts('team-lead'), id['caseworker2'], caseId)).toHaveLength(1);
        expect(
          (await call('team-lead', 'POST', '/alerts/acknowledgements', { alertKey: again[0].alertKey, note: 'checked with Sam' })).status,
        ).toBe(201);
        expect((await call('admin', 'PUT', `/users/${id['caseworker2']}/roles`, { roles: ['caseworker'] })).status).toBe(204);
        await login('caseworker2');
      });
    });

    describe('undo: the reverse actions', () => {
      it('reassigns back to the previous assignee, and reactivates a deactivated account, both audited', async () => {
        const caseId = await post();
        expect((await call('caseworker', 'POST', `/cases/${caseId}/claim`, {})).status).toBe(200);
        expect((await call('team-lead', 'POST', `/cases/${caseId}/assign`, { userId: id['caseworker2'] })).status).toBe(200);
        const back = await call('team-lead', 'POST', `/cases/${caseId}/assign`, { userId: id['caseworker'] });
        expect(back.status).toBe(200);
        expect(((await back.json()) as { assignee: { id: string } | null }).assignee?.id).toBe(id['caseworker']);

        expect((await call('admin', 'POST', `/users/${id['caseworker2']}/deactivate`, {})).status).toBe(204);
        await expect(t.login('caseworker2')).rejects.toThrow(/401/);
        // Only an admin may reverse it.
        expect((await call('team-lead', 'POST', `/users/${id['caseworker2']}/reactivate`, {})).status).toBe(403);
        expect((await call('admin', 'POST', `/users/${id['caseworker2']}/reactivate`, {})).status).toBe(204);
        await login('caseworker2');
        const trail = await t.db.query<{ action: string }>(
          `SELECT action FROM audit_entries WHERE entity_id = $1 AND action IN ('user.deactivated', 'user.reactivated') ORDER BY id`,
          [id['caseworker2']],
        );
        expect(trail.map((r) => r.action)).toEqual(['user.deactivated', 'user.reactivated']);
      });
    });
  });
}
