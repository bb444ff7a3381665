import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuditModule } from '@lantern/api/audit';
import { AuditTrailModule } from '@lantern/api/audit-trail';
import { AuthModule } from '@lantern/api/auth';
import { CasesModule } from '@lantern/api/cases';
import { APP_CONFIG, DomainEventsModule, ProblemFilter, type AppConfig } from '@lantern/api/core';
import { DataAccessModule } from '@lantern/api/data-access';
import { IntakeModule } from '@lantern/api/intake';
import { RealtimeModule } from '@lantern/api/realtime';
import { TriageModule } from '@lantern/api/triage';
import { CaseworkModule } from '@lantern/api/casework';
import { ReferralsModule } from '@lantern/api/referrals';
import { WorkloadModule } from '@lantern/api/workload';
import { OutcomesModule } from '@lantern/api/outcomes';
import { OfficerModule } from '@lantern/api/officer';
import { ForceDashboardModule } from '@lantern/api/force-dashboard';
import { ImportsModule } from '@lantern/api/imports';
import { DemoCasesService } from './demo-cases.service';
import { DemoHistoryService } from './demo-history.service';
import { HealthController } from './health.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DataAccessModule.forRoot({
          databaseUrl: config.databaseUrl,
          ssl: config.databaseSsl,
          dataDir: config.dataDir,
          appRole: config.databaseAppRole,
        }),
        // Domain events (DomainEvents in @lantern/api/core): services publish after commit, the gateway listens.
        EventEmitterModule.forRoot(),
        DomainEventsModule,
        AuditModule,
        AuthModule,
        CasesModule,
        IntakeModule,
        RealtimeModule,
        TriageModule,
        CaseworkModule,
        ReferralsModule,
        WorkloadModule,
        OutcomesModule,
        ForceDashboardModule,
        AuditTrailModule,
        OfficerModule,
        ImportsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        DemoCasesService,
        DemoHistoryService,
      ],
      exports: [APP_CONFIG],
    };
  }
}
