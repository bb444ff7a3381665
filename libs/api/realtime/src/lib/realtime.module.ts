import { Module } from '@nestjs/common';
import { AuthModule } from '@lantern/api/auth';
import { ReferralsModule } from '@lantern/api/referrals';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule, ReferralsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
