import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { forSwagger, ValidQuery } from '@lantern/api/core';
import { parseReportBody } from '@lantern/api/intake';
import {
  OFFICER_REFERRAL_STATUSES,
  OFFICER_REFERRALS_QUERY,
  POLICE_REPORT_SCHEMA,
  type OfficerReferralList,
  type OfficerReferralReceipt,
  type OfficerReferralsQuery,
} from '@lantern/shared/domain';
import type { Request, Response } from 'express';
import { OFFICER_CONSENT_ANSWERS } from './officer-report';
import { OfficerReferralsService } from './officer-referrals.service';

export const OFFICER_REFERRALS_PATH = '/api/v1/officer/referrals';
/** The same ceiling as the feed's intake: one report. */
export const OFFICER_REFERRAL_LIMIT_BYTES = 256 * 1024;

type SchemaNode = { required?: string[]; description?: string; enum?: string[]; properties?: Record<string, SchemaNode> };

/**
 * The police contract with `officer` and `source` optional (the server fills them) and the two consent answers
 * `given` or `refused` only (the officer asks at the scene): docs/officer-app.md.
 */
function officerReportSchema(): object {
  const schema = forSwagger(POLICE_REPORT_SCHEMA) as SchemaNode;
  schema.required = (schema.required ?? []).filter((k) => k !== 'officer' && k !== 'source');
  for (const k of ['supportReferral', 'informationSharing']) {
    const answer = schema.properties?.['consent']?.properties?.[k];
    if (answer) answer.enum = [...OFFICER_CONSENT_ANSWERS];
  }
  schema.description =
    'A police report (police-da-report.v1) whose officer block and source block may be left out: the server fills them from the signed-in officer’s profile.';
  return schema;
}

const RECEIPT = {
  type: 'object',
  required: ['reportId', 'caseId', 'status', 'reference', 'receivedAt'],
  properties: {
    reportId: { type: 'string', format: 'uuid' },
    caseId: { type: 'string', format: 'uuid' },
    status: { enum: ['created', 'revised', 'duplicate'] },
    reference: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
  },
};

/**
 * The officer app's two calls. The body is read raw (express.raw on this path in the app bootstrap: 256 KiB, strict
 * UTF-8, as the feed's intake); the session cookie and the same-origin check apply as to every workbench call.
 * Order of answers: 413 size → 401/403 session and role → 429 rate → 415 type → 400 JSON → 403 profile →
 * 400 schema/rules → 403 force → 409 idempotency.
 */
@ApiTags('officer')
@Controller('v1/officer')
export class OfficerReferralsController {
  constructor(private readonly referrals: OfficerReferralsService) {}

  @Post('referrals')
  @Allow('officer-referral.submit')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Refer a victim from the scene (officer app)',
    description:
      'The same intake as the police feed (validation, idempotency by force + reference + revision, case, audit, live queue event), with source.system officer-app. ' +
      'Left out, officer is filled from the signed-in officer’s profile (collarNumber, name, email, team) and source with {force: the officer’s force, system: officer-app, sentAt: incident.reportedAt}, so a retry of the same body is a duplicate (200). ' +
      'The officer block is always the officer’s own: a sent officer.name, email, team or collarNumber that is not blank must be the account’s (400 naming each path), and blank or absent ones are filled from the account. ' +
      'consent.supportReferral and consent.informationSharing must each be given or refused: the officer asks at the scene, so not-asked is a 400 on this channel. ' +
      'A sent source must say officer-app and the officer’s force. An officer may revise (higher revision) only a reference they sent themselves.',
  })
  @ApiBody({ schema: officerReportSchema() as never, required: true, description: 'one police report, officer and source optional' })
  @ApiCreatedResponse({
    description: 'Received: a new case (status created) or a revision of the officer’s own (revised is 200).',
    schema: RECEIPT,
  })
  @ApiOkResponse({ description: 'duplicate (a retry of a body already received) or revised', schema: RECEIPT })
  @ApiBadRequestResponse({
    description:
      'validation: errors name every failing path of the body as sent, including /officer/<field> (not the officer’s own) and /consent/<answer> (not given or refused)',
  })
  @ApiForbiddenResponse({
    description:
      'forbidden (not an officer; or source.force is not the officer’s force) | profile-incomplete (no force or collar number: an admin sets them)',
  })
  @ApiConflictResponse({
    description: 'revision-conflict | stale-revision | reference-taken (the reference reached the hub from someone else)',
  })
  @ApiPayloadTooLargeResponse({ description: 'over 256 KiB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not application/json in UTF-8' })
  @ApiTooManyRequestsResponse({
    description: 'rate-limited: wait Retry-After seconds (per officer: LANTERN_OFFICER_RATE per minute, LANTERN_OFFICER_BURST)',
  })
  async submit(
    @CurrentUserParam() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficerReferralReceipt> {
    this.referrals.throttle(user);
    const body = parseReportBody(req);
    const outcome = await this.referrals.submit(user, body);
    res.status(outcome.httpStatus);
    return outcome.receipt;
  }

  @Get('referrals')
  @Allow('officer-referral.submit')
  @ApiOperation({
    summary: 'The signed-in officer’s own referrals and where each has got to',
    description:
      'One row per reference the officer sent, newest first, at most 100; nextBefore (when set) pages back as ?before=. ' +
      `status: ${OFFICER_REFERRAL_STATUSES.join(' | ')} — closed (the case is closed, whatever the reason), referred-on (a referral to a support service sent and not revoked, withdrawn or declined), contacted (the hub reached the victim safely), else received; statusAt is when. ` +
      'Never a victim’s name, a case id or any case detail. Audited (officer-referral.list, case ids only).',
  })
  @ApiOkResponse({
    description: 'OfficerReferralList',
    schema: {
      type: 'object',
      required: ['referrals'],
      properties: {
        referrals: {
          type: 'array',
          items: {
            type: 'object',
            required: ['reference', 'receivedAt', 'status', 'statusAt'],
            properties: {
              reference: { type: 'string' },
              receivedAt: { type: 'string', format: 'date-time' },
              status: { enum: [...OFFICER_REFERRAL_STATUSES] },
              statusAt: { type: 'string', format: 'date-time' },
            },
          },
        },
        nextBefore: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
      },
    },
  })
  list(
    @CurrentUserParam() user: AuthUser,
    @ValidQuery(OFFICER_REFERRALS_QUERY) query: OfficerReferralsQuery,
  ): Promise<OfficerReferralList> {
    return this.referrals.list(user, query.before);
  }
}
