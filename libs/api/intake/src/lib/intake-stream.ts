import type { IntakeBatchOutcome, IntakeService, IntakeSubmitter, PreparedIntake } from './intake.service';

interface Item<T> {
  tag: T;
  body: unknown;
  prepared: PreparedIntake | Error;
}

interface Flight {
  keys: ReadonlySet<string>;
  done: Promise<void>;
  landed: boolean;
}

/** Batches in the database at once: one being written while the next is validated and written alongside. */
const IN_FLIGHT = 2;

/**
 * A long run of reports (a CSV import) stored in batches, two at a time, with the answer each report would have had
 * sent alone and in order.
 *
 * Why two: the API validates and builds rows (CPU) while PostgreSQL writes (its own process, the other core); with
 * one batch at a time each waits for the other. Why it stays right: two reports that share a reference, victim or
 * suspect (PreparedIntake.keys) are never in batches in flight together. A report sharing a key with a batch still
 * in flight waits (is carried into a later batch), and so does every later report sharing a key with one that waits,
 * so reports of the same people and references are stored in their file order, exactly as one by one; reports that
 * share nothing do not depend on each other's order. Inside a batch, IntakeService.storePrepared orders them.
 *
 * `settle` hears each report's outcome, in batch order per batch (not across batches); the batch stays in flight
 * (its keys held) until its `settle` calls are done.
 */
export class IntakeStream<T> {
  private flights: Flight[] = [];
  private carried: Array<Item<T>> = [];
  private failure: unknown = null;

  constructor(
    private readonly intake: IntakeService,
    private readonly submitter: IntakeSubmitter,
    private readonly settle: (tag: T, outcome: IntakeBatchOutcome) => void | Promise<void>,
  ) {}

  /**
   * Validates the rows now (while the batches in flight are in the database), then, once fewer than two batches are
   * in flight, starts storing those that share no key with a batch in flight; the others wait for a later batch.
   */
  async add(rows: ReadonlyArray<{ tag: T; body: unknown }>): Promise<void> {
    const now = new Date();
    const fresh = rows.map((r) => ({ ...r, prepared: this.intake.tryPrepare(this.submitter, r.body, now) }));
    await this.room(IN_FLIGHT - 1);
    if (this.failure) throw this.failure;
    this.launch([...this.carried, ...fresh]);
  }

  /** Stores everything added and carried, and waits for it. Throws what a batch threw. */
  async finish(): Promise<void> {
    while (this.carried.length) {
      await this.room(0);
      this.launch(this.carried);
    }
    await this.room(0);
    if (this.failure) throw this.failure;
  }

  /** Waits until at most `inFlight` batches are in flight. */
  private async room(inFlight: number): Promise<void> {
    while (this.flights.filter((f) => !f.landed).length > inFlight) {
      await Promise.race(this.flights.filter((f) => !f.landed).map((f) => f.done));
    }
    this.flights = this.flights.filter((f) => !f.landed);
  }

  private launch(items: ReadonlyArray<Item<T>>): void {
    const blocked = new Set(this.flights.flatMap((f) => [...f.keys]));
    const go: Array<Item<T>> = [];
    const wait: Array<Item<T>> = [];
    for (const item of items) {
      const keys = item.prepared instanceof Error ? [] : item.prepared.keys;
      if (keys.some((k) => blocked.has(k))) {
        wait.push(item);
        // What follows it on the same people waits too, so nothing overtakes it.
        for (const k of keys) blocked.add(k);
      } else go.push(item);
    }
    this.carried = wait;
    if (!go.length) return;
    const keys = new Set(go.flatMap((i) => (i.prepared instanceof Error ? [] : i.prepared.keys)));
    const flight: Flight = { keys, landed: false, done: Promise.resolve() };
    flight.done = this.intake
      .storePrepared(this.submitter, go, new Date())
      .then(async (outcomes) => {
        for (const [k, item] of go.entries()) await this.settle(item.tag, outcomes[k]);
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        flight.landed = true;
      });
    this.flights.push(flight);
  }
}
