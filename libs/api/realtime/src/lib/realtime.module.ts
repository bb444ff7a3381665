import { Module } from '@nestjs/common';
import { AuthModule } from '@lantern/api/auth';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AuthModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
