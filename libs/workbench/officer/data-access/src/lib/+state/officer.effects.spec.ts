import { HttpErrorResponse } from '@angular/common/http';
import type { OfficerReferralReceipt } from '@lantern/shared/domain';
import type { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, Subject, throwError, toArray, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryKeyValue, SealedStore } from '@lantern/workbench/data-access-hub';
import type { OfficerApiService } from '../officer-api.service';
import { OfficerDevice } from '../officer-device';
import { newDraft, type OfficerReport } from '../officer-draft';
import { OfficerApiActions, OfficerDeviceActions, OfficerFormActions, OfficerNetworkActions } from './officer.actions';
import { loadDevice, sendWaiting } from './officer.effects';

const USER = { id: 'u1', username: 'officer', displayName: 'PC Casey Lane', roles: ['officer'] };
const report = (reference: string) => ({ reference }) as unknown as OfficerReport;
const receipt = (reference: string): OfficerReferralReceipt => ({
  reference,
  reportId: 'r',
  caseId: 'c',
  status: 'created',
  receivedAt: '2026-12-02T10:00:00Z',
});

function device(): OfficerDevice {
  const d = new OfficerDevice();
  (d as unknown as { store: SealedStore }).store = new SealedStore(new MemoryKeyValue());
  return d;
}

async function run(
  dev: OfficerDevice,
  submit: (r: OfficerReport) => Observable<OfficerReferralReceipt>,
): Promise<{ out: Action[]; sent: string[] }> {
  const sent: string[] = [];
  const api = { submit: (r: OfficerReport) => (sent.push(r.reference), submit(r)) } as unknown as OfficerApiService;
  const store = { select: () => of(USER) } as unknown as Store;
  const actions$ = new Subject<Action>();
  const effect = sendWaiting as unknown as (
    a: Observable<Action>,
    s: Store,
    d: OfficerDevice,
    api: OfficerApiService,
  ) => Observable<Action>;
  const done = firstValueFrom(effect(actions$, store, dev, api).pipe(toArray()));
  actions$.next(OfficerNetworkActions.backOnline());
  await new Promise((r) => setTimeout(r, 50));
  actions$.complete();
  return { out: await done, sent };
}

async function queued(dev: OfficerDevice, ...refs: string[]) {
  for (const [i, reference] of refs.entries())
    await dev.queue('u1', { reference, queuedAt: `2026-12-02T09:0${i}:00Z`, report: report(reference) });
  await dev.saveDraft('u1', newDraft(refs[refs.length - 1], new Date()));
}

describe('sendWaiting', () => {
  beforeEach(() => vi.stubGlobal('navigator', { onLine: true }));
  afterEach(() => vi.unstubAllGlobals());

  it('sends what waits, oldest first; received: the waiting copy and its draft are deleted', async () => {
    const dev = device();
    await queued(dev, 'OA-AAAAAAAAAAAA', 'OA-BBBBBBBBBBBB');
    const { out, sent } = await run(dev, (r) => of(receipt(r.reference)));
    expect(sent).toEqual(['OA-AAAAAAAAAAAA', 'OA-BBBBBBBBBBBB']);
    expect(out.filter((a) => a.type === OfficerApiActions.received.type)).toHaveLength(2);
    expect(await dev.pending('u1')).toEqual([]);
    expect(await dev.draft('u1')).toBeUndefined();
  });

  it.each([0, 500, 502, 503, 401, 429])('keeps everything on the device when the answer is %s', async (status) => {
    const dev = device();
    await queued(dev, 'OA-AAAAAAAAAAAA');
    const { out } = await run(dev, () => throwError(() => new HttpErrorResponse({ status })));
    expect(out.at(-1)).toEqual(
      OfficerApiActions.waiting({ reference: 'OA-AAAAAAAAAAAA', reason: status === 0 ? 'offline' : 'unreachable' }),
    );
    expect((await dev.pending('u1')).map((p) => p.reference)).toEqual(['OA-AAAAAAAAAAAA']);
    expect((await dev.draft('u1'))?.reference).toBe('OA-AAAAAAAAAAAA');
  });

  it('a 400: drops the waiting copy, keeps the draft, and names the fields', async () => {
    const dev = device();
    await queued(dev, 'OA-AAAAAAAAAAAA');
    const error = {
      type: 'about:blank',
      title: 'Bad',
      status: 400,
      detail: 'The report is not valid.',
      errors: [{ path: '/victim/firstName', message: 'blank' }],
    };
    const { out } = await run(dev, () => throwError(() => new HttpErrorResponse({ status: 400, error })));
    expect(out.at(-1)).toEqual(
      OfficerApiActions.rejected({
        reference: 'OA-AAAAAAAAAAAA',
        message: 'The report is not valid.',
        errors: [{ path: '/victim/firstName', message: 'blank' }],
      }),
    );
    expect(await dev.pending('u1')).toEqual([]);
    expect((await dev.draft('u1'))?.reference).toBe('OA-AAAAAAAAAAAA');
  });

  it('offline: sends nothing and says it is waiting for signal', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const dev = device();
    await queued(dev, 'OA-AAAAAAAAAAAA');
    const { out, sent } = await run(dev, (r) => of(receipt(r.reference)));
    expect(sent).toEqual([]);
    expect(out).toEqual([OfficerApiActions.waiting({ reference: 'OA-AAAAAAAAAAAA', reason: 'offline' })]);
    expect(await dev.pending('u1')).toHaveLength(1);
  });

  it("never sends another user's waiting reports", async () => {
    const dev = device();
    await dev.queue('someone-else', { reference: 'OA-CCCCCCCCCCCC', queuedAt: '2026-12-02T09:00:00Z', report: report('OA-CCCCCCCCCCCC') });
    const { sent } = await run(dev, (r) => of(receipt(r.reference)));
    expect(sent).toEqual([]);
  });
});

describe('loadDevice (the app starting on the form)', () => {
  async function load(dev: OfficerDevice): Promise<Action[]> {
    const store = { select: () => of(USER) } as unknown as Store;
    const actions$ = new Subject<Action>();
    const effect = loadDevice as unknown as (a: Observable<Action>, s: Store, d: OfficerDevice) => Observable<Action>;
    const done = firstValueFrom(effect(actions$, store, dev).pipe(toArray()));
    actions$.next(OfficerFormActions.opened());
    await new Promise((r) => setTimeout(r, 50));
    actions$.complete();
    return done;
  }

  it('deletes a draft untouched for over 24 hours and opens a fresh one with a new reference', async () => {
    const dev = device();
    const stale = Date.now() - 25 * 3_600_000;
    await dev.saveDraft('u1', { ...newDraft('OA-OLDOLDOLDOLD', new Date(stale)), step: 3 }, new Date(stale));
    const [loaded] = await load(dev);
    const draft = (loaded as ReturnType<typeof OfficerDeviceActions.loaded>).draft;
    expect(loaded.type).toBe(OfficerDeviceActions.loaded.type);
    expect(draft.reference).not.toBe('OA-OLDOLDOLDOLD');
    expect(draft.step).toBe(0);
    expect((await dev.draft('u1'))?.reference).toBe(draft.reference);
  });

  it('keeps a recent draft, and a submission queued over 24 hours ago with its draft, saying when it was queued', async () => {
    const dev = device();
    const queuedAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    await dev.saveDraft('u1', { ...newDraft('OA-WAITWAITWAIT', new Date(queuedAt)), sentAt: queuedAt }, new Date(queuedAt));
    await dev.queue('u1', { reference: 'OA-WAITWAITWAIT', queuedAt, report: report('OA-WAITWAITWAIT') });
    const [loaded] = await load(dev);
    expect(loaded).toMatchObject({ pending: ['OA-WAITWAITWAIT'], queuedAt: { 'OA-WAITWAITWAIT': queuedAt } });
    expect((loaded as ReturnType<typeof OfficerDeviceActions.loaded>).draft.reference).toBe('OA-WAITWAITWAIT');
  });
});
