import { Module } from '@nestjs/common';
import { CallbacksController, CaseworkController } from './casework.controller';
import { CaseworkService } from './casework.service';
import { FollowUpService } from './follow-up.service';

@Module({
  controllers: [CaseworkController, CallbacksController],
  providers: [CaseworkService, FollowUpService],
  exports: [CaseworkService, FollowUpService],
})
export class CaseworkModule {}
