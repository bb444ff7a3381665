import { Module } from '@nestjs/common';
import { ForceDashboardController } from './force-dashboard.controller';
import { ForceDashboardService } from './force-dashboard.service';

@Module({
  controllers: [ForceDashboardController],
  providers: [ForceDashboardService],
  exports: [ForceDashboardService],
})
export class ForceDashboardModule {}
