import { Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import { RECORD_CONSENT_REQUEST, type ConsentView, type RecordConsentRequest } from '@lantern/shared/domain';
import { ConsentService } from './consent.service';

@ApiTags('casework')
@Controller('v1/cases')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  /** {contact, sharing, history}: the consent in force (latest hub record, else the police report) and every hub record. */
  @Get(':id/consent')
  @ApiOperation({
    summary: 'Consent in force and every hub record',
    description:
      '{contact, sharing, history, victimChangedAt}: each question’s value in force with its source (the latest hub record, ' +
      'else the police report), every hub record newest first, and when a police revision last named another person as the ' +
      'victim (null if never): records and revisions before that instant were the earlier person’s and are not counted. ' +
      'A record with method `police-report` and `by: null` is a refusal the victim gave an officer in a police report on ' +
      'another of her cases, recorded on this one when that report arrived (a “no” is hers, not one incident’s).',
  })
  @Allow('case.read')
  @CaseAccess('read')
  view(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<ConsentView> {
    return this.consent.view(user, id);
  }

  /**
   * {contact?, sharing?, method, note?}: 201 with the new view; at least one of contact and sharing (400 otherwise).
   * 409 `victim-told-the-hub-no`: a "given" relayed by an officer (method `officer-at-scene`) for a question she told
   * the hub no to; the hub asks her and records what she says as heard.
   */
  @Post(':id/consent')
  @Allow('consent.record')
  // In any status: a victim may withdraw consent after her case closed (UK GDPR Art. 7(3): as easy as giving it).
  @CaseAccess('write', { whenClosed: true })
  record(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(RECORD_CONSENT_REQUEST) body: RecordConsentRequest,
  ): Promise<ConsentView> {
    return this.consent.record(user, id, body);
  }
}
