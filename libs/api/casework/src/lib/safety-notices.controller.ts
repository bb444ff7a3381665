import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { ValidBody } from '@lantern/api/core';
import { SAFETY_NOTICE_DISMISSAL_REQUEST, type SafetyNoticeDismissalRequest, type SafetyNotices } from '@lantern/shared/domain';
import { SafetyNoticesService } from './safety-notices.service';

/** The signed-in user's own safety notices: only ever one's own (no user id in the path). */
@ApiTags('casework')
@Controller('v1/me/safety-notices')
export class SafetyNoticesController {
  constructor(private readonly notices: SafetyNoticesService) {}

  @Get()
  @Allow('case.read')
  @ApiOperation({
    summary: 'Your safety notices, kept until you dismiss them',
    description:
      '`items`: for each open case you hold and may see on which a police revision named another victim or raised the grade (no time limit while the case is open and yours), the latest such revision of each kind, `{key, kind: victim-changed-by-police | risk-raised-by-police, caseId, reference, revision, at}` (a raised grade adds `from`, `to`), oldest first, unless you dismissed that revision\u2019s notice of that kind or a later one. The same notices are sent live as `case.victim-changed-by-police` and `case.risk-raised-by-police` while you are signed in; this list is for one you missed or did not dismiss (docs/casework.md, "Who is told"). A case handed on is listed for its new holder. The cases listed are recorded as a list read (`safety-notices.read`).',
  })
  list(@CurrentUserParam() user: AuthUser): Promise<SafetyNotices> {
    return this.notices.forUser(user);
  }

  @Post('dismissals')
  @HttpCode(200)
  // What the user has read: their own state, not a change to the case (a holder moved to a read-only role still may).
  @Allow('case.read')
  @ApiOperation({
    summary: 'Dismiss a safety notice',
    description:
      '{key}: a notice\u2019s `key` (`victim-changed|<case id>|<revision>` or `risk-raised|<case id>|<revision>`, also made from the live event\u2019s caseId and revision). It is not listed again, nor is an earlier one of its kind on the same case; a later revision of that kind is a new notice. Dismissing it again answers the same (`dismissedAt` of the first). 400 (problem+json naming `/key`) when the body has no key; 404 when you hold no such notice (another\u2019s case, a case handed on or closed, a key of another shape). Audited as safety-notice.dismissed.',
  })
  dismiss(
    @CurrentUserParam() user: AuthUser,
    @ValidBody(SAFETY_NOTICE_DISMISSAL_REQUEST) body: SafetyNoticeDismissalRequest,
  ): Promise<{ key: string; dismissedAt: string }> {
    return this.notices.dismiss(user, body);
  }
}
