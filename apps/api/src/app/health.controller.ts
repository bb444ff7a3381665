import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@lantern/api/auth';
import { Database } from '@lantern/api/data-access';
import type { Response } from 'express';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** 200 {status:"ok"} once the database answers; 503 otherwise. */
  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const ok = await this.db.ping();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  }
}
