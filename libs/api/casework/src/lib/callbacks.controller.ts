import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody, ValidQuery } from '@lantern/api/core';
import {
  CALLBACK_REQUEST,
  CANCEL_CALLBACK_REQUEST,
  DUE_CALLBACKS_QUERY,
  RESCHEDULE_CALLBACK_REQUEST,
  type CallbackRecord,
  type CallbackRequest,
  type CancelCallbackRequest,
  type DueCallbacksQuery,
  type RescheduleCallbackRequest,
} from '@lantern/shared/domain';
import { CallbacksService } from './callbacks.service';

@ApiTags('callbacks')
@Controller('v1')
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  /** {dueAt, notes?}: inside the victim's safe times and staffed hours, else 422 unsafe-callback. */
  @Post('cases/:id/callbacks')
  @Allow('case.work')
  @CaseAccess('write')
  schedule(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CALLBACK_REQUEST) body: CallbackRequest,
  ): Promise<CallbackRecord> {
    return this.callbacks.scheduleCallback(user, id, body);
  }

  @Get('cases/:id/callbacks')
  @Allow('case.read')
  @CaseAccess('read')
  list(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CallbackRecord[]> {
    return this.callbacks.caseCallbacks(user, id);
  }

  /** Failed attempts so far and whether to suggest closing as unable-to-contact. */
  @Get('cases/:id/contact-summary')
  @Allow('case.read')
  @CaseAccess('read')
  contactSummary(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<{ suggest: boolean; failed: number; days: number }> {
    return this.callbacks.contactSummary(user, id);
  }

  /**
   * "Due now": my pending call-backs due within `within` minutes (default 15) or overdue (scope=all for team leads:
   * everyone's, with missed ones flagged).
   */
  @Get('callbacks/due')
  @Allow('case.work')
  due(@CurrentUserParam() user: AuthUser, @ValidQuery(DUE_CALLBACKS_QUERY) query: DueCallbacksQuery): Promise<CallbackRecord[]> {
    return this.callbacks.due(user, query.scope, query.within === undefined ? 15 : Number(query.within));
  }

  /** {reason?}: cancels a pending call-back (409 callback-not-pending once done or cancelled). */
  @Post('callbacks/:id/cancel')
  @HttpCode(200)
  @Allow('case.work')
  @CaseAccess('write', { via: 'callback' })
  cancel(
    @CurrentUserParam() user: AuthUser,
    @IdParam('id', 'No such call-back.') id: string,
    @ValidBody(CANCEL_CALLBACK_REQUEST) body: CancelCallbackRequest,
  ): Promise<CallbackRecord> {
    return this.callbacks.cancel(user, id, body);
  }

  /** {dueAt, notes?}: moves a pending call-back; in the future, inside the safe times and staffed hours, else 422 unsafe-callback. */
  @Post('callbacks/:id/reschedule')
  @HttpCode(200)
  @Allow('case.work')
  @CaseAccess('write', { via: 'callback' })
  reschedule(
    @CurrentUserParam() user: AuthUser,
    @IdParam('id', 'No such call-back.') id: string,
    @ValidBody(RESCHEDULE_CALLBACK_REQUEST) body: RescheduleCallbackRequest,
  ): Promise<CallbackRecord> {
    return this.callbacks.reschedule(user, id, body);
  }
}
