import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { ValidBody } from '@lantern/api/core';
import {
  ALERT_ACKNOWLEDGEMENT_REQUEST,
  type AlertAcknowledgement,
  type AlertAcknowledgementRequest,
  type TeamLeadAlerts,
} from '@lantern/shared/domain';
import { TeamLeadAlertsService } from './team-lead-alerts.service';

@ApiTags('casework')
@Controller('v1')
export class TeamLeadAlertsController {
  constructor(private readonly alerts: TeamLeadAlertsService) {}

  /** Team leads: contact overrides of the last 14 days, paused contact, missed call-backs, overdue referrals, SLA. */
  @Get('alerts')
  @Allow('team.manage')
  @ApiOperation({
    summary: 'The team lead alert tray',
    description:
      'Contact overrides of the last 14 days, paused contact, `victimChanged` (a police revision of the last 14 days named another victim on a case the lead may see: `revision`, `assignee`, and `evidence`: `police-person-id`, or `names-and-dates` when the hub judged it from names and dates of birth, for the lead to check with the police), missed call-backs, overdue referral acknowledgements, SLA near or breached, hub-wide alerts, and `safety`: `break-glass`, `restricted-on-arrival` (`because`: `police-staff` or `person-restricted`), `bulk-read`, and `account-change` (an admin gave an account access to victims\u2019 data, reactivated one, or reset its password or second factor; or, `change: feed-key-issued`, issued a police feed key, `user` its name: `change`, `user`, `roles`, `by`, `byId`). Each item has an `alertKey` for `POST /alerts/acknowledgements`.',
  })
  list(@CurrentUserParam() user: AuthUser): Promise<TeamLeadAlerts> {
    return this.alerts.teamLeadAlerts(user);
  }

  @Post('alerts/acknowledgements')
  @Allow('team.manage')
  @ApiOperation({
    summary: 'Acknowledge an alert with a note',
    description:
      '{alertKey, note}: the key of an alert the tray shows now (each alert carries its alertKey: kind, case and the event that raised it) and a note of 1–1000 characters saying what was done. The alert leaves every team lead\u2019s tray; a newer occurrence (a new override, the SLA clock at a new due time) has a new key and shows again. 404 when the tray shows no such alert, 403 own-alert when the alert is about the caller (their own break-glass, bulk read or contact override: another team lead judges it), 409 already-acknowledged when another team lead has just done it. Audited as alert.acknowledged (never the note).',
  })
  acknowledge(
    @CurrentUserParam() user: AuthUser,
    @ValidBody(ALERT_ACKNOWLEDGEMENT_REQUEST) body: AlertAcknowledgementRequest,
  ): Promise<AlertAcknowledgement> {
    return this.alerts.acknowledge(user, body);
  }
}
