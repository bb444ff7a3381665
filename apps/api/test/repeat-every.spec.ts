import { REPEAT_STUCK_INTERVALS, repeatEvery } from '@lantern/api/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A job whose runs settle only when `finish` is called; `started` counts its runs. */
function hangingJob() {
  const job = {
    started: 0,
    finish: () => undefined as void,
    work: () => {
      job.started++;
      return new Promise<void>((resolve) => (job.finish = resolve));
    },
  };
  return job;
}

/** The background jobs' timer (SLA watch and clock, tally fold, referral delivery, relay, sweep, import heartbeat). */
describe('repeatEvery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the job every interval until stopped', async () => {
    const work = vi.fn(async () => undefined);
    const stop = repeatEvery(1000, 'job', { warn: vi.fn() }, work);
    await vi.advanceTimersByTimeAsync(3500);
    expect(work).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('logs a failed run by the job’s name and message, and runs again at the next tick', async () => {
    const warn = vi.fn();
    let calls = 0;
    const stop = repeatEvery(1000, 'breach check', { warn }, async () => {
      calls++;
      if (calls === 1) throw new Error('connection terminated');
    });
    await vi.advanceTimersByTimeAsync(2000);
    stop();
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('breach check failed: Error: connection terminated');
  });

  it('does not start a run beside one still going: the ticks due meanwhile are skipped, not queued', async () => {
    const job = hangingJob();
    const stop = repeatEvery(1000, 'slow', { warn: vi.fn() }, job.work);
    await vi.advanceTimersByTimeAsync(4500);
    expect(job.started).toBe(1);
    job.finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.started).toBe(2);
    stop();
  });

  it('reports a run that has not settled after a few intervals, once, and carries on once it settles', async () => {
    const warn = vi.fn();
    const job = hangingJob();
    const stop = repeatEvery(1000, 'outbox relay', { warn }, job.work);
    await vi.advanceTimersByTimeAsync(1000 * (REPEAT_STUCK_INTERVALS + 1) - 1);
    expect(warn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(`outbox relay still running after ${REPEAT_STUCK_INTERVALS} intervals of 1000 ms`);
    job.finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.started).toBe(2);
    stop();
  });

  it('treats a job that throws at once like one that fails', async () => {
    const warn = vi.fn();
    let calls = 0;
    const stop = repeatEvery(1000, 'sweep', { warn }, () => {
      calls++;
      throw new Error('not a promise');
    });
    await vi.advanceTimersByTimeAsync(2000);
    stop();
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith('sweep failed: Error: not a promise');
  });

  it('never keeps the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const stop = repeatEvery(1000, 'job', { warn: vi.fn() }, async () => undefined);
    const timer = spy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    spy.mockRestore();
  });
});
