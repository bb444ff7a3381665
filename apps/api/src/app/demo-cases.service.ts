import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@lantern/api/data-access';
import { IntakeService } from '@lantern/api/intake';
import { generateReport } from '@lantern/shared/testing';

/** Demo mode: when the hub has no cases yet, a few dozen generated reports go through the real intake. */
@Injectable()
export class DemoCasesService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Database,
    private readonly intake: IntakeService,
  ) {}

  async seedIfEmpty(feedSourceId: string, force: string, count: number): Promise<number> {
    if (count <= 0) return 0;
    const [{ n }] = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
    if (Number(n) > 0) return 0;
    const now = new Date();
    for (let i = 0; i < count; i++) {
      // Spread arrivals over the last ten hours so "time waiting" varies.
      const receivedAt = new Date(now.getTime() - ((count - i) * 10 * 3600_000) / count);
      await this.intake.receive({ channel: 'feed', feedSourceId, force }, generateReport(i, { now: receivedAt }), receivedAt);
    }
    this.logger.log(`seeded ${count} demo cases`);
    return count;
  }
}
