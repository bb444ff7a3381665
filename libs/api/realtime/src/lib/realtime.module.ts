import { Module } from '@nestjs/common';
import { AuthModule } from '@lantern/api/auth';
import { ReferralsModule } from '@lantern/api/referrals';
import { WorkloadModule } from '@lantern/api/workload';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, ReferralsModule, WorkloadModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
