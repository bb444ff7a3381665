import { Module } from '@nestjs/common';
import { AuthModule } from '@lantern/api/auth';
import { RealtimeGateway } from './realtime.gateway';
import { SlaClock } from './sla-clock';

/** Sockets authenticate through AuthModule; everything else reaches the gateway as domain events. */
@Module({ imports: [AuthModule], providers: [RealtimeGateway, SlaClock], exports: [SlaClock] })
export class RealtimeModule {}
