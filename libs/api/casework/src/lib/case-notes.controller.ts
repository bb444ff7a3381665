import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAccess } from '@lantern/api/cases';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  CASE_DUPLICATE_REQUEST,
  CASE_NOTE_REQUEST,
  type CaseDuplicateLink,
  type CaseDuplicateRequest,
  type CaseNote,
  type CaseNoteRequest,
} from '@lantern/shared/domain';
import { CaseDuplicatesService } from './case-duplicates.service';
import { CaseNotesService } from './case-notes.service';

/** Case notes and possible-duplicate links (docs/casework.md). */
@ApiTags('casework')
@Controller('v1/cases')
export class CaseNotesController {
  constructor(
    private readonly notes: CaseNotesService,
    private readonly duplicates: CaseDuplicatesService,
  ) {}

  @Get(':id/notes')
  @Allow('case.read')
  @CaseAccess('read')
  @ApiOperation({ summary: 'The case notes, newest first (audited as case.notes-read)' })
  list(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CaseNote[]> {
    return this.notes.list(user, id);
  }

  @Post(':id/notes')
  @Allow('case.work')
  @CaseAccess('write')
  @ApiOperation({
    summary: 'Add a case note',
    description:
      '{text}: 1–5000 characters, not blank. The author and time are set by the server. Notes are never changed or deleted: a correction is a new note. The case gets a new version (case.changed), audited as case.note-added (never the words).',
  })
  add(@CurrentUserParam() user: AuthUser, @IdParam() id: string, @ValidBody(CASE_NOTE_REQUEST) body: CaseNoteRequest): Promise<CaseNote> {
    return this.notes.add(user, id, body);
  }

  @Get(':id/duplicates')
  @Allow('case.read')
  @CaseAccess('read')
  @ApiOperation({ summary: 'Cases linked to this one as possible duplicates (a restricted one the caller may not see is left out)' })
  listDuplicates(@CurrentUserParam() user: AuthUser, @IdParam() id: string): Promise<CaseDuplicateLink[]> {
    return this.duplicates.list(user, id);
  }

  @Post(':id/duplicates')
  @Allow('case.work')
  @CaseAccess('write')
  @ApiOperation({
    summary: 'Link another case as a possible duplicate',
    description:
      '{otherCaseId, reason}: both cases must be ones the caller may open (400 naming /otherCaseId otherwise, the same whether it is missing or restricted); 409 already-linked. Never merges records. Both cases get a new version and an audit entry (case.duplicate-linked). Answers this case’s links.',
  })
  link(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @ValidBody(CASE_DUPLICATE_REQUEST) body: CaseDuplicateRequest,
  ): Promise<CaseDuplicateLink[]> {
    return this.duplicates.link(user, id, body);
  }

  @Delete(':id/duplicates/:otherId')
  @HttpCode(204)
  @Allow('case.work')
  @CaseAccess('write')
  @ApiOperation({ summary: 'Unlink a possible duplicate (404 "No such duplicate link."); audited on both cases' })
  unlink(
    @CurrentUserParam() user: AuthUser,
    @IdParam() id: string,
    @IdParam('otherId', 'No such duplicate link.') otherId: string,
  ): Promise<void> {
    return this.duplicates.unlink(user, id, otherId);
  }
}
