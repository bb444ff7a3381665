import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import type { TeamLeadAlerts } from '@lantern/shared/domain';
import { TeamLeadAlertsService } from './team-lead-alerts.service';

@ApiTags('casework')
@Controller('v1')
export class TeamLeadAlertsController {
  constructor(private readonly alerts: TeamLeadAlertsService) {}

  /** Team leads: contact overrides of the last 14 days, paused contact, missed call-backs, overdue referrals, SLA. */
  @Get('alerts')
  @Allow('team.manage')
  list(@CurrentUserParam() user: AuthUser): Promise<TeamLeadAlerts> {
    return this.alerts.teamLeadAlerts(user);
  }
}
